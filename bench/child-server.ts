/**
 * Checkout over HTTP with the server as its own process (issue 16): the
 * browser-mode server runs as a child process — the built `out/main/serve.js`
 * the shop runs when it exists, else `src/main/server/serve.ts` under tsx
 * (whose loader thread then adds to the CPU measured) — on a copy of the database, with a network printer
 * configured that is a real TCP fake printer in this process (it answers
 * status queries); the client is this process. Measured:
 * - `sales` sequential 3-item cash sales: latency p50/p99, sales per
 *   second, server CPU per sale (utime + stime of the child from
 *   /proc/<pid>/stat over the run);
 * - fsync + fdatasync calls of the server per acknowledged sale (strace
 *   attached to the child for a shorter run, since strace slows every
 *   system call; skipped with a note when strace is missing or cannot attach);
 * - receipt on paper: from the checkout's answer received to the receipt's
 *   connection finished at the fake printer (its last byte), p95;
 * - the same with a printer out of paper: the checkout's latency (it must
 *   not wait for the printer) and the time until the till can show the
 *   banner (the receipt job reported failed by `printing.jobs`, which the
 *   till polls every 0.5 s while a receipt is pending);
 * - the client's side: this process's CPU per sale over the sequential run
 *   (the client's `fetch` and the fake printer), and, when asked, the same
 *   sales sent alternately by `fetch` and by `node:http` on a kept
 *   connection, to tell the server's answer from the client's own cost
 *   (undici's `fetch` is JavaScript in this process; a till's Chromium does
 *   that work in native code);
 * - resident memory (VmRSS) of the server after all of it;
 * - the database's growth per sale written through the API (pages in use,
 *   read by a second connection before and after): what a shop's file
 *   gains per sale with its receipt job and request key, which the
 *   generated data leaves out.
 * Linux only for CPU and memory (/proc); elsewhere those are left out.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startFakePrinter, type FakePrinter } from '../test/support/fake-printer';

export interface ChildServerOptions {
  root: string;
  /** A copy of the database the child may change (shift open, products restocked, printer set). */
  db: string;
  cart: () => { clientRequestId: string; lines: { productId: number; qty: number }[]; payments: { method: 'cash'; amount: number }[] };
  sales: number;
  /** Sales measured under strace for the fsync count. */
  fsyncSales: number;
  paperSamples: number;
  paperOutSamples: number;
  /** Sales sent alternately by `fetch` and by `node:http` (each gets half); 0 leaves it out. */
  clientSales?: number;
  /** Extra node options for the server (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** `false`: no printer configured (to see what printing costs); default true. */
  printer?: boolean;
  log: (line: string) => void;
}

export interface ChildServerResult {
  latencies: number[];
  salesPerSecond: number;
  cpuMsPerSale: number | null;
  /** CPU of this process (the client and the fake printer) per sale over the sequential run. */
  clientCpuMsPerSale: number;
  /** Latencies of the alternated sales by client (empty when not asked). */
  byClient: { fetch: number[]; http: number[] };
  fsyncPerSale: number | null;
  fsyncNote: string;
  receiptOnPaper: number[];
  paperOutCheckout: number[];
  paperOutBanner: number[];
  rssMiB: number | null;
  /** Bytes of database pages in use gained per sale written by the server (all its sales here), and how many. */
  bytesPerSale: number | null;
  salesWritten: number;
  /** CPU per sale of each of the server's threads by name (Linux), heaviest first. */
  threads?: { name: string; cpuMsPerSale: number; userMsPerSale: number; sysMsPerSale: number }[];
}

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** utime and stime ticks of every thread of `pid` by thread name (Linux /proc). */
function threadTicks(pid: number): Map<string, { user: number; sys: number }> {
  const out = new Map<string, { user: number; sys: number }>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        // Node names few of its threads: the main thread is the one whose id is the process id.
        const name = tid === String(pid) ? `${comm} (main)` : comm;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const seen = out.get(name) ?? { user: 0, sys: 0 };
        out.set(name, { user: seen.user + Number(fields[11]), sys: seen.sys + Number(fields[12]) });
      } catch {
        // The thread ended.
      }
    }
  } catch {
    // Not Linux.
  }
  return out;
}

function rssMiB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout?.trim()) || 100;
})();

/** The port a spawned browser-mode server prints ("listening on http://…:PORT"); rejects with its output if it exits or is too slow. */
export function listeningPort(child: ChildProcess, label: string, timeoutMs: number): Promise<number> {
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  return new Promise<number>((done, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start in ${timeoutMs / 1000} s: ${log}`)), timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      log += d.toString();
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        done(Number(m[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited ${code}: ${log}`));
    });
  });
}

async function startServer(root: string, db: string, nodeArgs: string[] = []): Promise<{ child: ChildProcess; port: number }> {
  const built = join(root, 'out/main/serve.js');
  const entry = existsSync(built) ? [built] : ['--import', 'tsx', join(root, 'src/main/server/serve.ts')];
  const child = spawn(process.execPath, [...nodeArgs, ...entry, '--db', db, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await listeningPort(child, 'server', 60_000);
  return { child, port };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  await exited;
}

/** Attach strace to `pid` counting fsync/fdatasync; stop() returns the count, or null with a reason. */
async function straceCount(pid: number, out: string): Promise<{ stop: () => Promise<number | null>; note: string } | { stop: null; note: string }> {
  const which = spawnSync('strace', ['-V'], { encoding: 'utf8' });
  if (which.error || which.status !== 0) return { stop: null, note: 'strace not installed (apt-get install -y strace): fsync count not measured' };
  const tracer = spawn('strace', ['-f', '-c', '-e', 'trace=fsync,fdatasync', '-o', out, '-p', String(pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  tracer.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((done) => tracer.once('exit', (code) => done(code)));
  // Give it time to attach to every thread.
  for (let i = 0; i < 40 && !/attached/i.test(err); i++) await sleep(50);
  if (tracer.exitCode !== null) return { stop: null, note: `strace could not attach: ${err.trim().split('\n')[0]}` };
  return {
    note: 'strace -f -c on the server process',
    stop: async () => {
      tracer.kill('SIGINT');
      await exited;
      if (!existsSync(out)) return null;
      const text = readFileSync(out, 'utf8');
      let calls = 0;
      for (const line of text.split('\n')) {
        const m = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(fsync|fdatasync)\s*$/.exec(line);
        if (m) calls += Number(m[1]);
      }
      return calls;
    },
  };
}

/** Bytes of the database's pages in use (free pages left out) and its sales, as a second connection sees them. */
function footprint(db: string): { bytes: number; sales: number } {
  const reader = new Database(db, { fileMustExist: true });
  try {
    const pragma = (name: string) => Number(reader.pragma(name, { simple: true }));
    const sales = Number((reader.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n);
    return { bytes: (pragma('page_count') - pragma('freelist_count')) * pragma('page_size'), sales };
  } finally {
    reader.close();
  }
}

export async function measureChildServer(o: ChildServerOptions): Promise<ChildServerResult> {
  const printer: FakePrinter = await startFakePrinter();
  const footprint0 = footprint(o.db);
  const { child, port } = await startServer(o.root, o.db, o.nodeArgs);
  const pid = child.pid!;
  const base = `http://127.0.0.1:${port}`;
  const headers = (token?: string) => ({ 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) });
  const answer = (name: string, status: number, text: string) => {
    if (status !== 200) throw new Error(`${name}: HTTP ${status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const post = async (name: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}/api/${name}`, { method: 'POST', headers: headers(token), body: JSON.stringify(body) });
    return answer(name, res.status, await res.text());
  };
  // The same request by node:http on one kept connection (no undici in the client's path).
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const postByHttp = (name: string, body: unknown, token?: string) =>
    new Promise<Record<string, unknown>>((done, fail) => {
      const data = JSON.stringify(body);
      const req = httpRequest(
        { host: '127.0.0.1', port, path: `/api/${name}`, method: 'POST', agent, headers: { ...headers(token), 'Content-Length': Buffer.byteLength(data) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            try {
              done(answer(name, res.statusCode ?? 0, text));
            } catch (err) {
              fail(err);
            }
          });
        },
      );
      req.on('error', fail);
      req.end(data);
    });
  try {
    const admin = String((await post('auth.login', { username: 'admin', pin: '123456', tillCode: 'K1' })).token);
    if (o.printer !== false) await post('printers.set', { transport: { type: 'network', host: printer.host, port: printer.port }, columns: 42 }, admin);
    const token = String((await post('auth.login', { username: 'kasir', pin: '1111', tillCode: 'K1' })).token);

    const checkout = async () => (await post('sales.checkout', o.cart(), token)) as { id: number; number: string; printJob?: { id: number } | null };
    /** Resolves when a finished printer connection carries the receipt of sale `number` ("No: <number>"). */
    const receiptPrinted = async (number: string, timeoutMs: number) => {
      const needle = Buffer.from(`No: ${number}`);
      await printer.waitForJob((job) => job.includes(needle), `the receipt of ${number}`, timeoutMs);
    };

    // Warm up.
    let last = { number: '' };
    for (let i = 0; i < 20; i++) last = await checkout();
    if (o.printer !== false) await receiptPrinted(last.number, 30_000);

    // 1. Sequential sales: latency, throughput, CPU.
    const latencies: number[] = [];
    const cpu0 = cpuTicks(pid);
    const threads0 = threadTicks(pid);
    const client0 = process.cpuUsage();
    const t0 = nowMs();
    for (let i = 0; i < o.sales; i++) {
      const t = nowMs();
      last = await checkout();
      latencies.push(nowMs() - t);
    }
    const wall = nowMs() - t0;
    // Let the receipts of the run go out: their CPU belongs to the sales.
    if (o.printer !== false) await receiptPrinted(last.number, 300_000);
    const client = process.cpuUsage(client0);
    const clientCpuMsPerSale = (client.user + client.system) / 1000 / o.sales;
    const cpu1 = cpuTicks(pid);
    const threads1 = threadTicks(pid);
    const threads = [...threads1.entries()]
      .map(([name, ticks]) => {
        const before = threads0.get(name) ?? { user: 0, sys: 0 };
        const perSale = (t: number) => (t * 1000) / CLK_TCK / o.sales;
        const userMsPerSale = perSale(ticks.user - before.user);
        const sysMsPerSale = perSale(ticks.sys - before.sys);
        return { name, cpuMsPerSale: userMsPerSale + sysMsPerSale, userMsPerSale, sysMsPerSale };
      })
      .filter((t) => t.cpuMsPerSale > 0)
      .sort((a, b) => b.cpuMsPerSale - a.cpuMsPerSale);
    const cpuMsPerSale = cpu0 === null || cpu1 === null ? null : ((cpu1 - cpu0) * 1000) / CLK_TCK / o.sales;
    o.log(`  child server: ${o.sales} sales in ${(wall / 1000).toFixed(1)} s, CPU ${cpuMsPerSale?.toFixed(2) ?? '–'} ms per sale`);

    // 1b. The same sales by fetch and by node:http, alternated sale by sale.
    const byClient = { fetch: [] as number[], http: [] as number[] };
    for (let i = 0; i < (o.clientSales ?? 0); i++) {
      const viaHttp = i % 2 === 1;
      const t = nowMs();
      last = (viaHttp ? await postByHttp('sales.checkout', o.cart(), token) : await post('sales.checkout', o.cart(), token)) as typeof last;
      (viaHttp ? byClient.http : byClient.fetch).push(nowMs() - t);
    }
    if (byClient.http.length && o.printer !== false) await receiptPrinted(last.number, 120_000);
    agent.destroy();

    // 2. fsync per acknowledged sale (under strace).
    let fsyncPerSale: number | null = null;
    const trace = o.fsyncSales > 0 ? await straceCount(pid, `${o.db}.strace.txt`) : { stop: null, note: 'not asked for' };
    if (trace.stop) {
      for (let i = 0; i < o.fsyncSales; i++) last = await checkout();
      await receiptPrinted(last.number, 120_000);
      await sleep(300);
      const calls = await trace.stop();
      fsyncPerSale = calls === null ? null : calls / o.fsyncSales;
      rmSync(`${o.db}.strace.txt`, { force: true });
    }

    // 3. Receipt on paper: answer received → the sale's printer connections finished.
    const receiptOnPaper: number[] = [];
    for (let i = 0; i < o.paperSamples; i++) {
      const sale = await checkout();
      const answered = nowMs();
      await receiptPrinted(sale.number, 30_000);
      receiptOnPaper.push(nowMs() - answered);
    }

    // 4. Paper out: the sale must not wait; the till must be able to say so within 2 s.
    await printer.setState('paperOut');
    const paperOutCheckout: number[] = [];
    const paperOutBanner: number[] = [];
    for (let i = 0; i < o.paperOutSamples; i++) {
      const t = nowMs();
      const sale = await checkout();
      const answered = nowMs();
      paperOutCheckout.push(answered - t);
      for (;;) {
        const jobs = (await post('printing.jobs', { limit: 20 }, token)) as unknown as { id: number; kind: string; refId: number | null; status: string }[];
        const isThis = (j: { id: number; kind: string; refId: number | null }) => (sale.printJob ? j.id === sale.printJob.id : j.kind === 'receipt' && j.refId === sale.id);
        if (jobs.some((j) => isThis(j) && j.status === 'failed')) break;
        if (nowMs() - answered > 15_000) throw new Error('paper out: the receipt job was not reported failed within 15 s');
        await sleep(20);
      }
      paperOutBanner.push(nowMs() - answered);
    }
    await printer.setState('online');
    const footprint1 = footprint(o.db);
    const salesWritten = footprint1.sales - footprint0.sales;

    return {
      latencies,
      salesPerSecond: o.sales / (wall / 1000),
      cpuMsPerSale,
      clientCpuMsPerSale,
      byClient,
      fsyncPerSale,
      fsyncNote: trace.note,
      receiptOnPaper,
      paperOutCheckout,
      paperOutBanner,
      rssMiB: rssMiB(pid),
      bytesPerSale: salesWritten > 0 ? (footprint1.bytes - footprint0.bytes) / salesWritten : null,
      salesWritten,
      threads,
    };
  } finally {
    await stopServer(child);
    await printer.close();
  }
}

export const newCart = (productIds: number[], cashPaid: number) => () => ({
  clientRequestId: randomUUID(),
  lines: productIds.map((productId) => ({ productId, qty: 1 })),
  payments: [{ method: 'cash' as const, amount: cashPaid }],
});
