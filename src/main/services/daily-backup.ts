import { backupDueToday, backupStatus, runBackup } from '../core/backup';
import type { Ctx } from '../core/context';

/** Back up now if a folder is set; a failure is recorded for the UI, never thrown at the caller. */
export function backupInBackground(ctx: Ctx, reason: string): void {
  if (!backupStatus(ctx).folder) return;
  runBackup(ctx).catch((err) => console.error(`automatic backup (${reason}) failed`, err));
}

/** The daily backup: checked at start and every hour while the app runs; returns the stop. */
export function scheduleDailyBackup(ctx: Ctx, intervalMs = 60 * 60_000): () => void {
  const tick = () => {
    if (backupDueToday(ctx)) backupInBackground(ctx, 'daily');
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
