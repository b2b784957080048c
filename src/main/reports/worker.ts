/**
 * The report worker: a thread with its own read-only connection to the
 * shop's database, where the heavy read-only procedures (`offMainThread`:
 * reports, exports, long back-office lists) run, so they never hold up the
 * main thread that answers every till's scans and checkouts. Jobs run one at
 * a time, each inside one read transaction: one consistent snapshot while
 * the tills keep selling. It runs the procedure's own handler, with the
 * caller's actor, so what a role may see is decided in one place.
 *
 * Messages in: `{id, name, input, actor, now}`; out: `{type:'ready'}`,
 * `{type:'started', id}`, `{type:'done', id, ok, result | error}`.
 */
import { getPriority, setPriority } from 'node:os';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { openDb } from '../../db';
import { AppError } from '../../shared/errors';
import type { ProcedureName } from '../../shared/contract';
import { fixedClock } from '../core/clock';
import type { Actor } from '../core/context';
import { procedures, type Call } from '../api/procedures';

export interface ReportWorkerData {
  dbPath: string;
  nativeBinding?: string;
  /** Tests only: before each job the worker waits while `hold[0] === 0`. */
  hold?: Int32Array;
}

export interface ReportRequest {
  id: number;
  name: string;
  input: unknown;
  actor: Actor | null;
  now: number;
}

export type SerializedError = { app: true; code: AppError['code']; message: string; details?: unknown } | { app: false; message: string; stack?: string };

export type ReportMessage =
  | { type: 'ready'; threadId: number; nice: number }
  | { type: 'started'; id: number }
  | { type: 'done'; id: number; ok: true; result: unknown }
  | { type: 'done'; id: number; ok: false; error: SerializedError };

const port = parentPort;
if (!port) throw new Error('the report worker runs only as a worker thread');

/**
 * On Linux a thread's nice value is its own (not the process's): when the
 * PC is busy, the report thread gives way to the thread serving the tills.
 * Elsewhere (Windows sets a whole process's priority class) it is left alone.
 */
function yieldToTills(): number {
  if (process.platform !== 'linux') return 0;
  try {
    setPriority(0, Math.min(19, getPriority(0) + 10));
    return getPriority(0);
  } catch {
    return 0;
  }
}
const nice = yieldToTills();

const data = workerData as ReportWorkerData;
const db = openDb(data.dbPath, { readonly: true, nativeBinding: data.nativeBinding });
const post = (m: ReportMessage) => port.postMessage(m);

/** Printing and nested reports do not exist here: a handler marked offMainThread that reaches for them is a bug. */
const absent = (what: string) =>
  new Proxy({}, {
    get: (_t, key) => {
      throw new Error(`${what}.${String(key)} is not available in the report worker`);
    },
  });

async function run(req: ReportRequest): Promise<unknown> {
  const procedure = Object.hasOwn(procedures, req.name) ? procedures[req.name as ProcedureName] : undefined;
  if (!procedure?.offMainThread) throw new Error(`${req.name} is not a procedure the report worker runs`);
  const call = {
    ctx: { db, clock: fixedClock(req.now) },
    print: absent('print'),
    documents: absent('documents'),
    reports: absent('reports'),
    actor: req.actor,
    token: null,
  } as unknown as Call;
  db.$client.exec('BEGIN');
  try {
    return await procedure.handler(call, req.input as never);
  } finally {
    db.$client.exec('COMMIT'); // nothing to commit on a read-only connection: this ends the snapshot
  }
}

let queue: Promise<void> = Promise.resolve();

port.on('message', (req: ReportRequest) => {
  post({ type: 'started', id: req.id });
  queue = queue.then(async () => {
    if (data.hold) while (Atomics.load(data.hold, 0) === 0) Atomics.wait(data.hold, 0, 0, 1_000);
    try {
      post({ type: 'done', id: req.id, ok: true, result: await run(req) });
    } catch (err) {
      const error: SerializedError =
        err instanceof AppError
          ? { app: true, code: err.code, message: err.message, details: err.details }
          : { app: false, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
      post({ type: 'done', id: req.id, ok: false, error });
    }
  });
});

post({ type: 'ready', threadId, nice });
