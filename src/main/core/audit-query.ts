/** Browsing the append-only audit log (manager). */
import { TZDate } from '@date-fns/tz';
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { auditLog, users } from '../../db/schema';
import type { AuditEntryView } from '../../shared/types-till';
import type { Ctx } from './context';
import { getSetting } from './settings';

export interface AuditQuery {
  /** First local business day, inclusive (`YYYY-MM-DD`). */
  from?: string;
  /** Last local business day, inclusive. */
  to?: string;
  /** An action (`sales.refund`) or an area prefix (`sales`, `auth`). */
  action?: string;
  userId?: number;
  /** Page back: entries older than this id. */
  beforeId?: number;
  limit?: number;
}

/** UTC milliseconds of local midnight starting `day` in `timeZone`. */
export function localDayStart(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, timeZone).getTime();
}

function nextDay(day: string): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

export function listAudit(ctx: Ctx, input: AuditQuery): AuditEntryView[] {
  const tz = getSetting(ctx.db, 'timeZone');
  const where: (SQL | undefined)[] = [];
  if (input.from) where.push(gte(auditLog.at, localDayStart(input.from, tz)));
  if (input.to) where.push(lt(auditLog.at, localDayStart(nextDay(input.to), tz)));
  if (input.userId !== undefined) where.push(eq(auditLog.userId, input.userId));
  if (input.beforeId !== undefined) where.push(lt(auditLog.id, input.beforeId));
  if (input.action) {
    const a = input.action;
    where.push(sql`(${auditLog.action} = ${a} OR substr(${auditLog.action}, 1, ${a.length + 1}) = ${`${a}.`})`);
  }
  return ctx.db
    .select({ a: auditLog, userName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(input.limit ?? 200)
    .all()
    .map(({ a, userName }) => ({
      id: a.id,
      at: a.at,
      userId: a.userId,
      userName: userName ?? null,
      action: a.action,
      entity: a.entity,
      entityId: a.entityId,
      details: parseDetails(a.details),
    }));
}

function parseDetails(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
