import { auditLog } from '../../db/schema';
import type { Ctx } from './context';

/** Append one line to the audit log (inside the caller's transaction). */
export function audit(
  ctx: Ctx,
  entry: { userId: number | null; action: string; entity?: string; entityId?: number; details?: unknown },
): void {
  ctx.db
    .insert(auditLog)
    .values({
      at: ctx.clock.now(),
      userId: entry.userId,
      action: entry.action,
      entity: entry.entity ?? null,
      entityId: entry.entityId ?? null,
      details: entry.details === undefined ? null : JSON.stringify(entry.details),
    })
    .run();
}
