import type { systemContract } from '../../shared/contract-system';
import { migrateDb } from '../../db';
import { audit } from '../core/audit';
import { backupDueToday, backupStatus, configureBackup, restoreBackup, runBackup } from '../core/backup';
import type { Ctx } from '../core/context';
import { getLanHostNames, setLanHostNames } from '../core/lan-hosts';
import type { LanStatus } from '../../shared/types-system';
import { LOOPBACK_NAMES, interfaceAddresses } from './hosts';
import type { AreaProcedures } from './procedure';

/** Back up now if a folder is set; a failure is recorded for the UI, never thrown at the caller. */
export function backupInBackground(ctx: Ctx, reason: string): void {
  if (!backupStatus(ctx).folder) return;
  runBackup(ctx).catch((err) => console.error(`automatic backup (${reason}) failed`, err));
}

/** The daily backup: checked at start and every hour while the app runs. */
export function scheduleDailyBackup(ctx: Ctx): () => void {
  const tick = () => {
    if (backupDueToday(ctx)) backupInBackground(ctx, 'daily');
  };
  tick();
  const timer = setInterval(tick, 60 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}

function lanStatus(ctx: Ctx): LanStatus {
  const loopback: string[] = [...LOOPBACK_NAMES];
  return { names: getLanHostNames(ctx), loopback, addresses: interfaceAddresses().filter((a) => !loopback.includes(a)) };
}

/** Handlers of the system area (see src/shared/contract-system.ts). */
export const systemProcedures: AreaProcedures<typeof systemContract> = {
  'printers.status': { role: 'cashier', handler: ({ print, actor }) => print.printerState(actor.tillCode) },
  'backup.status': { role: 'manager', handler: ({ ctx }) => backupStatus(ctx) },
  'backup.configure': {
    role: 'admin',
    handler: ({ ctx, actor }, input) => {
      const status = configureBackup(ctx, input);
      ctx.db.transaction(() => audit(ctx, { userId: actor.userId, action: 'backup.configure', details: input }));
      return status;
    },
  },
  'backup.run': {
    role: 'manager',
    handler: async ({ ctx, actor }) => {
      const info = await runBackup(ctx);
      ctx.db.transaction(() => audit(ctx, { userId: actor.userId, action: 'backup.run', details: { file: info.file } }));
      return info;
    },
  },
  'backup.restore': {
    role: 'admin',
    handler: async ({ ctx, actor, central }, input) => {
      const dbPath = ctx.db.$client.name;
      // No batch to the central database may be in flight while the data is replaced.
      const result = await central.whileStopped(async () => {
        const restored = await restoreBackup({ dbPath, live: ctx.db }, input.file, ctx.clock.now());
        // A backup from an older version gets the newer migrations now.
        migrateDb(ctx.db);
        return restored;
      });
      ctx.db.transaction(() => audit(ctx, { userId: actor.userId, action: 'backup.restore', details: result }));
      return result;
    },
  },
  'lan.status': { role: 'admin', handler: ({ ctx }) => lanStatus(ctx) },
  'lan.configure': {
    role: 'admin',
    handler: ({ ctx, actor }, input) => {
      setLanHostNames(ctx, actor, input.names);
      return lanStatus(ctx);
    },
  },
};
