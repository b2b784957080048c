/**
 * The report worker: a thread with its own read-only connection to the
 * shop's database, so a manager's year-long report or XLSX export never
 * holds up the main thread where every till's scans and checkouts are
 * answered. Messages in: `{id, name, input, now}`; out: `{type:'ready'}`,
 * `{type:'started', id}`, `{type:'done', id, ok, result | error}`.
 */
import { getPriority, setPriority } from 'node:os';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { openDb } from '../../db';
import { AppError } from '../../shared/errors';
import { fixedClock } from '../core/clock';
import { isReportName, runReportJob } from './jobs';

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

port.on('message', (req: ReportRequest) => {
  post({ type: 'started', id: req.id });
  if (data.hold) while (Atomics.load(data.hold, 0) === 0) Atomics.wait(data.hold, 0, 0, 1_000);
  void (async () => {
    try {
      if (!isReportName(req.name)) throw new Error(`not a report: ${req.name}`);
      const result = await runReportJob({ db, clock: fixedClock(req.now) }, req.name, req.input as never);
      post({ type: 'done', id: req.id, ok: true, result });
    } catch (err) {
      const error: SerializedError =
        err instanceof AppError
          ? { app: true, code: err.code, message: err.message, details: err.details }
          : { app: false, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
      post({ type: 'done', id: req.id, ok: false, error });
    }
  })();
});

post({ type: 'ready', threadId, nice });
