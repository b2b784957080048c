/**
 * Where the server's CPU goes per sale (issue 16): the browser-mode server as
 * its own process, as `bench/run.ts` measures it, with only that measure, the
 * CPU of each of the server's threads, and optionally a V8 CPU profile.
 *
 *   npx tsx bench/server-profile.ts --db bench/data/large.db [--sales 2000] [--cpu-prof <dir>] [--root <tree>]
 *
 * Copies the database, opens a shift on K1 and restocks three popular
 * products of three suppliers (like bench/run.ts), then runs the child server
 * with a fake network printer. `--cpu-prof <dir>` starts the server with
 * `node --cpu-prof --cpu-prof-dir=<dir>` (the profile is written when the
 * server exits); `--top N` prints the N heaviest functions by self time.
 * `--node-args "<options>"` passes more node options to the server (e.g. `--perf-basic-prof` for `perf`).
 * `--clients N` also sends N sales alternately by `fetch` and by `node:http` on a kept connection (the client's own share of the wait).
 * `--paper N` also times N receipts from the answer to the last byte at the fake printer.
 * `--no-printer` leaves the till without a printer (what printing costs is the difference).
 * `--root <tree>` runs another checkout's built server (its `out/main/serve.js`,
 * e.g. a `git worktree` of an older commit) for a before/after comparison.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from '../src/main/app';
import { businessDate } from '../src/main/core/clock';
import { addDays } from '../src/main/core/demo';
import { openShift, openShiftRow } from '../src/main/core/shifts';
import { createIntake } from '../src/main/core/stock';
import type { Actor } from '../src/main/core/context';
import { measureChildServer } from './child-server';
import { popularCart } from './outlets';
import { stat } from './stats';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Self time per function of a .cpuprofile, heaviest first. */
export function topFunctions(file: string, n: number): { share: number; name: string }[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const count = hits.get(node.id) ?? 0;
    if (!count) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*node_modules\//, '').replace(/^.*\/out\//, 'out/')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byName.set(key, (byName.get(key) ?? 0) + count);
  }
  const total = profile.samples.length;
  return [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, count]) => ({ share: count / total, name }));
}

async function main(): Promise<void> {
  const input = arg('db');
  if (!input) throw new Error('usage: npx tsx bench/server-profile.ts --db <file> [--sales N] [--cpu-prof <dir>] [--top N]');
  const sales = Number(arg('sales') ?? 2000);
  const clientSales = Number(arg('clients') ?? 0);
  const profDir = arg('cpu-prof');
  const top = Number(arg('top') ?? 40);

  const dir = mkdtempSync(join(tmpdir(), 'kasir-srvprof-'));
  const copy = join(dir, 'bench.db');
  copyFileSync(input, copy);
  if (existsSync(`${input}-wal`)) copyFileSync(`${input}-wal`, `${copy}-wal`);
  try {
    const app = openApp(copy);
    const sqlite = app.db.$client;
    const q = <T>(text: string, ...params: unknown[]) => sqlite.prepare(text).get(...params) as T;
    const cashierRow = q<{ id: number; name: string }>(`SELECT id, name FROM users WHERE username = 'kasir'`);
    const managerRow = q<{ id: number; name: string }>(`SELECT id, name FROM users WHERE username = 'manajer'`);
    const cashier: Actor = { userId: cashierRow.id, name: cashierRow.name, role: 'cashier', tillCode: 'K1' };
    const manager: Actor = { userId: managerRow.id, name: managerRow.name, role: 'manager', tillCode: 'K1' };
    if (!openShiftRow(app.ctx, 'K1')) openShift(app.ctx, cashier, { openingFloat: 500_000 });
    const { three, cart } = popularCart(sqlite);
    const today = businessDate(Date.now(), 'Asia/Makassar');
    for (const p of three) {
      createIntake(app.ctx, manager, {
        supplierId: p.supplier_id,
        lines: [{ productId: p.id, qty: sales + clientSales + 500, expiryDate: p.track_expiry ? addDays(today, 365) : undefined }],
        note: 'bench restock',
      });
    }
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    app.close();

    const r = await measureChildServer({
      root: resolve(arg('root') ?? ROOT),
      db: copy,
      cart,
      sales,
      fsyncSales: 0,
      clientSales,
      paperSamples: Number(arg('paper') ?? 0),
      paperOutSamples: 0,
      printer: !process.argv.includes('--no-printer'),
      nodeArgs: [...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profDir)}`] : []), ...(arg('node-args')?.split(' ').filter(Boolean) ?? [])],
      log: (line) => console.log(line),
    });
    const latency = stat(r.latencies);
    console.log(`latency p50 ${latency.p50.toFixed(3)} ms, p99 ${latency.p99.toFixed(3)} ms, ${r.salesPerSecond.toFixed(0)} sales/s`);
    console.log(`server CPU per sale ${r.cpuMsPerSale?.toFixed(3) ?? '–'} ms`);
    console.log(`client (fetch) and fake printer, this process: ${r.clientCpuMsPerSale.toFixed(3)} ms CPU per sale`);
    if (r.byClient.http.length) {
      console.log(`alternated, ${r.byClient.http.length} each: p50 fetch ${stat(r.byClient.fetch).p50.toFixed(3)} ms, node:http ${stat(r.byClient.http).p50.toFixed(3)} ms`);
    }
    if (r.bytesPerSale !== null) console.log(`database growth ${Math.round(r.bytesPerSale)} bytes per sale (${r.salesWritten} sales)`);
    if (r.receiptOnPaper.length) {
      const paper = stat(r.receiptOnPaper);
      console.log(`receipt on paper (answer → last byte at the printer): p50 ${paper.p50.toFixed(1)} ms, p95 ${paper.p95.toFixed(1)} ms`);
    }
    for (const t of r.threads ?? []) console.log(`  thread ${t.name}: ${t.cpuMsPerSale.toFixed(3)} ms per sale (user ${t.userMsPerSale.toFixed(3)}, system ${t.sysMsPerSale.toFixed(3)})`);
    if (profDir) {
      const files = readdirSync(resolve(profDir))
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(resolve(profDir), f))
        .sort();
      const newest = files.at(-1);
      if (newest) {
        console.log(`\nprofile ${newest}, self time:`);
        for (const f of topFunctions(newest, top)) console.log(`${(f.share * 100).toFixed(1).padStart(5)} %  ${f.name}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
