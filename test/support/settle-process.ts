/**
 * A second process settling a supplier on a shared database file, for the
 * cross-process race test: `node --import tsx settle-process.ts <db> <supplierId> <cutoff> <userId> <startAt> <now>`.
 * Waits until `startAt` (epoch ms) so two of them start together, then
 * prints one JSON line: `{ok:true, id, amount}` or `{ok:false, code}`.
 */
import { openDb } from '../../src/db';
import { fixedClock } from '../../src/main/core/clock';
import { createSettlement } from '../../src/main/core/settlements';
import { AppError } from '../../src/shared/errors';

const [dbPath, supplierId, cutoff, userId, startAt, now] = process.argv.slice(2);
const db = openDb(dbPath!);
const ctx = { db, clock: fixedClock(Number(now)) };
const actor = { userId: Number(userId), name: 'proses', role: 'manager' as const, tillCode: `P${process.pid % 100000}`.slice(0, 6) };
while (Date.now() < Number(startAt)) {
  // spin: both processes leave this loop within a millisecond of each other
}
try {
  const s = createSettlement(ctx, actor, { supplierId: Number(supplierId), cutoff: cutoff!, method: 'cash' });
  console.log(JSON.stringify({ ok: true, id: s.id, amount: s.amount }));
} catch (err) {
  console.log(JSON.stringify({ ok: false, code: err instanceof AppError ? err.code : String((err as Error).message) }));
} finally {
  db.$client.close();
}
