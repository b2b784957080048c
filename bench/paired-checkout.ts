/**
 * Paired checkout comparison of two source trees (e.g. before and after a
 * change), in one process, interleaved sale by sale on two copies of one
 * database, so the machine's load hits both alike:
 *
 *   npx tsx bench/paired-checkout.ts <before-tree> <after-tree> <db> [reps]
 *
 * A tree is a checkout of the sources with node_modules reachable
 * (`git archive <commit> | tar -x -C /tmp/before && ln -s $PWD/node_modules /tmp/before/`).
 * Prints wall time and the process's CPU time per checkout (3 lines, cash,
 * synchronous=FULL); CPU time is the steadier number on a shared machine.
 */
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { resolve } from 'node:path';
import { stat } from './stats';

const [beforeTree, afterTree, dbArg, repsArg] = process.argv.slice(2);
if (!beforeTree || !afterTree || !dbArg) throw new Error('usage: tsx bench/paired-checkout.ts <before-tree> <after-tree> <db> [reps]');
const dbIn = resolve(dbArg);
const reps = Number(repsArg ?? 300);
const trees = { before: resolve(beforeTree), after: resolve(afterTree) };

async function setup(root: string) {
  const { openApp } = await import(`${root}/src/main/app.ts`);
  const { checkout } = await import(`${root}/src/main/core/sales.ts`);
  const { openShift, openShiftRow } = await import(`${root}/src/main/core/shifts.ts`);
  const { createIntake } = await import(`${root}/src/main/core/stock.ts`);
  const dir = mkdtempSync(join(tmpdir(), 'kasir-pair-'));
  const copy = join(dir, 'bench.db');
  copyFileSync(dbIn, copy);
  if (existsSync(`${dbIn}-wal`)) copyFileSync(`${dbIn}-wal`, `${copy}-wal`);
  const app = openApp(copy);
  const sqlite = app.db.$client;
  const c = sqlite.prepare(`SELECT id, name FROM users WHERE role = 'cashier' ORDER BY id LIMIT 1`).get() as { id: number; name: string };
  const m = sqlite.prepare(`SELECT id, name FROM users WHERE role IN ('manager','admin') ORDER BY id LIMIT 1`).get() as { id: number; name: string };
  const cashier = { userId: c.id, name: c.name, role: 'cashier', tillCode: 'K1' };
  const manager = { userId: m.id, name: m.name, role: 'manager', tillCode: 'K1' };
  if (!openShiftRow(app.ctx, 'K1')) openShift(app.ctx, cashier, { openingFloat: 500_000 });
  const popular = sqlite
    .prepare(
      `SELECT p.id, p.supplier_id, p.sell_price, p.track_expiry FROM products p
       WHERE p.active = 1 AND p.supplier_id IS NOT NULL AND p.track_expiry = 0 AND p.id IN (SELECT product_id FROM sale_lines ORDER BY id DESC LIMIT 2000) ORDER BY p.id`,
    )
    .all() as { id: number; supplier_id: number; sell_price: number }[];
  const three: typeof popular = [];
  for (const p of popular) if (three.length < 3 && !three.some((x) => x.supplier_id === p.supplier_id)) three.push(p);
  for (const p of three) createIntake(app.ctx, manager, { supplierId: p.supplier_id, lines: [{ productId: p.id, qty: reps + 100 }], note: 'pair' });
  const paid = Math.ceil(three.reduce((s, p) => s + p.sell_price, 0) / 50_000) * 50_000;
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return () =>
    checkout(app.ctx, cashier, { clientRequestId: randomUUID(), lines: three.map((p) => ({ productId: p.id, qty: 1 })), payments: [{ method: 'cash', amount: paid }] });
}

const run = { before: await setup(trees.before), after: await setup(trees.after) };
const wall = { before: [] as number[], after: [] as number[] };
const cpu = { before: [] as number[], after: [] as number[] };
const once = (k: 'before' | 'after', record: boolean) => {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  run[k]();
  const dt = performance.now() - t0;
  const dc = process.cpuUsage(c0);
  if (record) {
    wall[k].push(dt);
    cpu[k].push((dc.user + dc.system) / 1000);
  }
};
for (let i = 0; i < 30; i++) (once('before', false), once('after', false));
for (let i = 0; i < reps; i++) {
  const order: ('before' | 'after')[] = i % 2 ? ['before', 'after'] : ['after', 'before'];
  for (const k of order) once(k, true);
}
for (const k of ['before', 'after'] as const) {
  const w = stat(wall[k]);
  const c = stat(cpu[k]);
  console.log(`${k}: wall p50 ${w.p50.toFixed(3)} p99 ${w.p99.toFixed(3)} ms; cpu p50 ${c.p50.toFixed(3)} p99 ${c.p99.toFixed(3)} ms (n=${reps})`);
}
process.exit(0);
