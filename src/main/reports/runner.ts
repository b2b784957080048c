/**
 * Runs the heavy read-only procedures (`offMainThread`: reports, exports,
 * long back-office lists) off the tills' path: in one worker thread
 * (src/main/reports/worker.ts) with its own read-only connection, started on
 * the first such call and kept (unref'd) until the app closes. One worker,
 * not a pool: the shop's PC has few cores and the tills' main thread needs
 * one.
 *
 * When no worker can be used — an in-memory database, or the worker cannot
 * start (its file missing from a build) — they run on the main thread as
 * before, and that is logged once.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import type { Actor, Ctx } from '../core/context';
import type { ReportMessage, ReportRequest, ReportWorkerData } from './worker';

export interface ReportRunnerOptions {
  nativeBinding?: string;
  /** Tests only: the worker waits before each job while `hold[0] === 0` (an export "in progress" on demand). */
  hold?: Int32Array;
  /** Never use a worker (reports on the main connection). */
  inThread?: boolean;
}

export interface ReportRunnerStats {
  /** Jobs answered by the worker thread, and its thread id (0 = none yet). */
  worker: number;
  workerThreadId: number;
  /** The worker thread's nice value (Linux: the process's + 10, so it gives way to the tills' thread; 0 elsewhere). */
  workerNice: number;
  /** Jobs run on the main thread (no worker available). */
  inThread: number;
}

interface Pending {
  /** The same procedure on the main thread, if the worker never starts. */
  inThread: () => Promise<unknown>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/** The worker's script: built next to the main bundle, or the TypeScript source when run from src (tests, tsx). */
function workerScript(): { file: string; typescript: boolean } | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const file of [join(here, 'report-worker.js'), join(here, '..', 'report-worker.js')]) if (existsSync(file)) return { file, typescript: false };
  const source = join(here, 'worker.ts');
  return existsSync(source) ? { file: source, typescript: true } : null;
}

function startWorker(data: ReportWorkerData): Worker {
  const script = workerScript();
  if (!script) throw new Error('report worker script not found');
  if (!script.typescript) return new Worker(script.file, { workerData: data });
  // From the sources: load tsx's ESM hooks inside the worker first (its `--import` races the worker's entry).
  const tsx = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const code = `import(${JSON.stringify(pathToFileURL(tsx).href)}).then((m) => m.tsImport(${JSON.stringify(pathToFileURL(script.file).href)}, ${JSON.stringify(pathToFileURL(tsx).href)}))`;
  return new Worker(code, { eval: true, workerData: data });
}

export class ReportRunner {
  private worker: Worker | null = null;
  private unavailable: boolean;
  private warned = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly counts: ReportRunnerStats = { worker: 0, workerThreadId: 0, workerNice: 0, inThread: 0 };
  /** `started` (id) when the worker picks a job up. */
  readonly events = new EventEmitter();

  constructor(
    private readonly ctx: Ctx,
    private readonly options: ReportRunnerOptions = {},
  ) {
    const path = ctx.db.$client.name;
    this.unavailable = Boolean(options.inThread) || ctx.db.$client.memory || !path || path === ':memory:';
  }

  stats(): ReportRunnerStats {
    return { ...this.counts };
  }

  /**
   * The procedure `name` (marked `offMainThread`) for its validated `input`
   * and the caller, made by the worker; `inThread` makes it on this thread
   * when no worker can be used.
   */
  async run(name: string, input: unknown, actor: Actor | null, inThread: () => Promise<unknown>): Promise<unknown> {
    const worker = this.unavailable ? null : this.ensureWorker();
    if (!worker) {
      this.counts.inThread++;
      return inThread();
    }
    const id = this.nextId++;
    const request: ReportRequest = { id, name, input, actor, now: this.ctx.clock.now() };
    const answer = new Promise<unknown>((resolve, reject) => this.pending.set(id, { inThread, resolve, reject }));
    worker.ref(); // keep the process alive while a report is being made
    worker.postMessage(request);
    try {
      return await answer;
    } finally {
      if (this.pending.size === 0) this.worker?.unref();
    }
  }

  private ensureWorker(): Worker | null {
    if (this.worker) return this.worker;
    let worker: Worker;
    try {
      worker = startWorker({ dbPath: this.ctx.db.$client.name, nativeBinding: this.options.nativeBinding, hold: this.options.hold });
    } catch (err) {
      this.fallBack(err);
      return null;
    }
    worker.unref();
    let ready = false;
    worker.on('message', (m: ReportMessage) => {
      if (m.type === 'ready') {
        ready = true;
        this.counts.workerThreadId = m.threadId;
        this.counts.workerNice = m.nice;
      } else if (m.type === 'started') this.events.emit('started', m.id);
      else this.settle(m);
    });
    const lost = (err: unknown) => {
      if (this.worker !== worker) return;
      this.worker = null;
      console.error('report worker stopped', err);
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        if (ready) p.reject(new Error(`report worker stopped: ${err instanceof Error ? err.message : String(err)}`));
        else {
          // It never started: these reports are made here instead, and so are the next ones.
          this.counts.inThread++;
          p.inThread().then(p.resolve, p.reject);
        }
      }
      if (!ready) this.fallBack(err);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private settle(m: Extract<ReportMessage, { type: 'done' }>): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.ok) {
      this.counts.worker++;
      p.resolve(m.result);
      return;
    }
    const e = m.error;
    if (e.app) p.reject(new AppError(e.code, e.message, e.details));
    else {
      const err = new Error(`report worker: ${e.message}`);
      if (e.stack) err.stack = e.stack;
      p.reject(err);
    }
  }

  private fallBack(err: unknown): void {
    this.unavailable = true;
    if (!this.warned) console.error('report worker unavailable; reports run on the main thread and may slow the tills', err);
    this.warned = true;
  }

  /** Stop the worker (app shutdown); reports still pending fail. */
  close(): void {
    const worker = this.worker;
    this.worker = null;
    this.unavailable = true;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new Error('the app is closing'));
    }
    if (worker) void worker.terminate();
  }
}
