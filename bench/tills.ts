/**
 * Several paired tills on one host (issue 18, "Measured"): the built browser-mode host as its own
 * process on a copy of the database, pairing on; N tills, each a paired device with its own
 * cashier login, shift and fake network printer, each checking out a 3-item cash sale every
 * `interval` ms (each till starts at a random offset within the first interval) for `seconds`.
 * Reports the till's wait per checkout (p50/p99/max, over all tills and per till) and proves that
 * no sale was lost or duplicated: every acknowledged checkout is exactly one row in `sales`
 * (by its key), no sale of these tills is without an acknowledgement, and every receipt reached
 * its own till's printer once.
 *
 *   npm run bench:tills -- --db bench/data/large.db [--tills 4] [--seconds 600] [--interval 2000] [--json out.json]
 *
 * `test/bench/tills-smoke.test.ts` runs it for a few seconds on the tiny database in `npm test`.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { addDays } from '../src/main/core/demo';
import { businessDate } from '../src/main/core/clock';
import { startServer } from '../test/support/server';
import { startFakePrinter, type FakePrinter } from '../test/support/fake-printer';
import { popularCart } from './outlets';
import { stat, type Stat } from './stats';

export interface TillsBenchResult {
  tills: number;
  seconds: number;
  intervalMs: number;
  data: { sales: number };
  checkouts: number;
  wait: Stat;
  perTill: Record<string, Stat>;
  lost: number;
  duplicated: number;
  unacknowledged: number;
  receiptsMissing: number;
  failed: number;
  machine: { cpus: number; loadavg: number[] };
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runTillsBench(options: {
  db: string;
  tills?: number;
  seconds?: number;
  intervalMs?: number;
  log?: (line: string) => void;
}): Promise<TillsBenchResult> {
  const log = options.log ?? (() => {});
  const tillCount = options.tills ?? 4;
  const seconds = options.seconds ?? 600;
  const intervalMs = options.intervalMs ?? 2000;
  const dir = mkdtempSync(join(tmpdir(), 'kasir-bench-tills-'));
  const copy = join(dir, 'host.db');
  copyFileSync(resolve(options.db), copy);
  if (existsSync(`${resolve(options.db)}-wal`)) copyFileSync(`${resolve(options.db)}-wal`, `${copy}-wal`);

  // The cart, from the data (before the host holds the file).
  const probe = new Database(copy, { readonly: true });
  const { three, cart } = popularCart(probe);
  const dataSales = probe.prepare('SELECT count(*) FROM sales').pluck().get() as number;
  probe.close();

  const printers: Record<string, FakePrinter> = {};
  const server = await startServer({ dbPath: copy, env: { KASIR_PAIRING: '1' } });
  try {
    const post = async (name: string, body: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${server.url}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const ok = async (name: string, body: unknown, headers: Record<string, string> = {}) => {
      const r = await post(name, body, headers);
      if (r.status !== 200) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
    // The host's own window (loopback, no device): the manager restocks and approves the tills.
    const manager = bearer((await ok('auth.login', { username: 'manajer', pin: '2222', tillCode: 'K1' })).token);
    const units = Math.ceil((seconds * 1000) / intervalMs + 5) * tillCount + 50;
    const today = businessDate(Date.now(), 'Asia/Makassar');
    for (const p of three) {
      await ok('intakes.create', { supplierId: p.supplier_id, lines: [{ productId: p.id, qty: units, ...(p.track_expiry ? { expiryDate: addDays(today, 365) } : {}) }] }, manager);
    }

    // Pair the tills K2…: each device asks, the manager approves, a cashier logs in and opens a shift.
    const tills: { code: string; headers: Record<string, string> }[] = [];
    for (let i = 0; i < tillCount; i++) {
      const code = `K${i + 2}`;
      const asked = await ok('pairing.request', { deviceName: `bench ${code}` });
      await ok('devices.approve', { code: asked.code, tillCode: code }, manager);
      const device = { 'X-Kasir-Device': asked.credential as string };
      printers[code] = await startFakePrinter();
      // The admin sets the till's printer on the till (a printer is set per till, for the caller's till).
      const tillAdmin = bearer((await ok('auth.login', { username: 'admin', pin: '123456' }, device)).token);
      await ok('printers.set', { transport: { type: 'network', host: '127.0.0.1', port: printers[code].port }, columns: 32 }, { ...device, ...tillAdmin });
      const token = (await ok('auth.login', { username: 'kasir', pin: '1111' }, device)).token as string;
      const headers = { ...device, ...bearer(token) };
      if (!(await ok('shifts.current', {}, headers))) await ok('shifts.open', { openingFloat: 500_000 }, headers);
      tills.push({ code, headers });
    }
    log(`host on ${dataSales} sales; ${tillCount} paired tills (${tills.map((t) => t.code).join(', ')}), a sale every ${intervalMs} ms each for ${seconds} s`);

    const acked = new Map<string, { till: string; number: string }>();
    const waits: Record<string, number[]> = Object.fromEntries(tills.map((t) => [t.code, []]));
    let failed = 0;
    const end = nowMs() + seconds * 1000;
    let lastLog = nowMs();
    await Promise.all(
      tills.map(async (till) => {
        let next = nowMs() + Math.random() * intervalMs;
        while (next < end) {
          await sleep(Math.max(0, next - nowMs()));
          next += intervalMs;
          const input = cart();
          const t = nowMs();
          const r = await post('sales.checkout', input, till.headers);
          const wait = nowMs() - t;
          if (r.status !== 200) {
            failed += 1;
            log(`  ${till.code}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
            continue;
          }
          waits[till.code]!.push(wait);
          acked.set(input.clientRequestId, { till: till.code, number: r.body.number });
          if (nowMs() - lastLog > 60_000) {
            lastLog = nowMs();
            log(`  ${acked.size} sales; till wait so far p50 ${stat(Object.values(waits).flat()).p50.toFixed(1)} ms`);
          }
        }
      }),
    );

    // Every acknowledged sale once, nothing else, and each receipt at its own till's printer once.
    await sleep(1500);
    const db = new Database(copy, { readonly: true });
    const rows = db
      .prepare(`SELECT client_request_id AS key, till_code AS till, number FROM sales WHERE till_code IN (${tills.map(() => '?').join(',')})`)
      .all(...tills.map((t) => t.code)) as { key: string; till: string; number: string }[];
    db.close();
    const byKey = new Map<string, number>();
    for (const r of rows) byKey.set(r.key, (byKey.get(r.key) ?? 0) + 1);
    const lost = [...acked.keys()].filter((k) => !byKey.has(k)).length;
    const duplicated = [...byKey.values()].filter((n) => n > 1).length;
    const unacknowledged = rows.filter((r) => !acked.has(r.key)).length;
    let receiptsMissing = 0;
    for (const { till, number } of acked.values()) {
      const printed = printers[till]!.jobs().filter((b) => b.includes(Buffer.from(number))).length;
      if (printed !== 1) receiptsMissing += 1;
    }
    const all = Object.values(waits).flat();
    const result: TillsBenchResult = {
      tills: tillCount,
      seconds,
      intervalMs,
      data: { sales: dataSales },
      checkouts: acked.size,
      wait: stat(all),
      perTill: Object.fromEntries(Object.entries(waits).map(([k, v]) => [k, stat(v)])),
      lost,
      duplicated,
      unacknowledged,
      receiptsMissing,
      failed,
      machine: { cpus: cpus().length, loadavg: loadavg().map((x) => Math.round(x * 100) / 100) },
    };
    log(
      `${result.checkouts} checkouts from ${tillCount} tills: till wait p50 ${result.wait.p50.toFixed(1)} p99 ${result.wait.p99.toFixed(1)} max ${result.wait.max.toFixed(1)} ms; ` +
        `lost ${lost}, duplicated ${duplicated}, unacknowledged ${unacknowledged}, receipts missing or twice ${receiptsMissing}, refused ${failed}`,
    );
    return result;
  } finally {
    await server.stop('SIGTERM');
    for (const p of Object.values(printers)) await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && /bench[/\\]tills\.ts$/.test(process.argv[1]);
if (isMain) {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, tills: { type: 'string' }, seconds: { type: 'string' }, interval: { type: 'string' }, json: { type: 'string' } },
  });
  if (!values.db) throw new Error('usage: npm run bench:tills -- --db <file> [--tills 4] [--seconds 600] [--interval 2000] [--json out.json]');
  const result = await runTillsBench({
    db: values.db,
    tills: values.tills ? Number(values.tills) : undefined,
    seconds: values.seconds ? Number(values.seconds) : undefined,
    intervalMs: values.interval ? Number(values.interval) : undefined,
    log: (l) => console.log(l),
  });
  if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
  if (result.lost || result.duplicated || result.unacknowledged || result.receiptsMissing || result.failed) process.exitCode = 1;
}
