/**
 * WAL checkpoints off the tills' path (issue 16).
 *
 * Every sale is one durable commit into the write-ahead log (one fsync). By
 * default SQLite also copies the log back into the database file on the
 * connection that commits, once 1,000 pages are waiting: that sale then
 * waits for the copy and two more fsyncs, every ~25 sales on a big shop (a
 * sale dirties ~40 pages). While the app runs its background services, a
 * worker thread with its own connection does that copy instead, as a
 * PASSIVE checkpoint (it never waits for, nor blocks, the tills' writes), and
 * only once `thresholdFrames` pages wait: fewer, larger checkpoints, none of
 * them on a sale's path. The main connection keeps an automatic checkpoint at
 * four times that, as a safety net should the worker stop. It also fires
 * under a steady stream of commits: the log starts again from its beginning
 * only when a write finds every page of it copied, and while writes go on
 * during the worker's copies it may not, so the log grows until the net
 * copies the little left on a sale's commit.
 *
 * Durability does not change: a sale is on disk (in the log) when it is
 * acknowledged; a checkpoint only moves committed pages into the main file.
 */
import { createRequire } from 'node:module';
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

export interface CheckpointerOptions {
  nativeBinding?: string;
  /**
   * Checkpoint once this many log pages wait to be copied (default 2,000: 8 MiB of 4 KiB pages, ~50
   * sales on a big shop). At 4,000 the tills' p99 was ~1.5 ms worse (one larger write-back competing
   * with their fsyncs); at 1,000 (SQLite's own) twice the checkpoints, and no faster (docs/performance.md).
   */
  thresholdFrames?: number;
  /** How often the worker looks at the log (ms, default 250). */
  checkMs?: number;
}

export interface CheckpointerStats {
  /** Checkpoints the worker ran, and the log pages they copied. */
  checkpoints: number;
  framesCopied: number;
  lastError: string | null;
}

/** SQLite's default automatic checkpoint (pages), restored when the worker stops. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

/**
 * Log pages not yet copied into the database file, from the first 136 bytes
 * of the WAL index (`<db>-shm`, https://sqlite.org/walformat.html: `mxFrame`
 * at byte 16, the checkpoint's `nBackfill` at byte 96, native byte order:
 * little-endian on every machine the app ships for). A torn read only makes
 * one checkpoint early or late. Self-contained: the worker runs its source.
 */
function framesWaiting(header: Buffer): number {
  return Math.max(0, header.readUInt32LE(16) - header.readUInt32LE(96));
}

/** `framesWaiting` of a database's WAL index now; 0 when there is none. */
export function walFramesWaiting(dbPath: string): number {
  let fd: number | null = null;
  try {
    fd = openSync(`${dbPath}-shm`, 'r');
    const header = Buffer.alloc(136);
    return readSync(fd, header, 0, 136, 0) < 136 ? 0 : framesWaiting(header);
  } catch {
    return 0;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

// The worker: CommonJS run from this string (no file of its own to build and ship), with
// `framesWaiting` from its own source, on a file descriptor kept open.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.module);
const db = new Database(workerData.path, { nativeBinding: workerData.nativeBinding, fileMustExist: true });
const framesWaiting = ${framesWaiting.toString()};
const header = Buffer.alloc(136);
let shm = null;
function waiting() {
  if (shm === null) shm = fs.openSync(workerData.path + '-shm', 'r');
  return fs.readSync(shm, header, 0, 136, 0) < 136 ? 0 : framesWaiting(header);
}
const timer = setInterval(() => {
  try {
    if (waiting() < workerData.thresholdFrames) return;
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpoint', copied: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: String((err && err.message) || err) });
  }
}, workerData.checkMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  if (shm !== null) fs.closeSync(shm);
  db.close();
  parentPort.close();
});
`;

export class Checkpointer {
  private worker: Worker | null = null;
  private readonly stats: CheckpointerStats = { checkpoints: 0, framesCopied: 0, lastError: null };
  private readonly thresholdFrames: number;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly options: CheckpointerOptions = {},
  ) {
    this.thresholdFrames = options.thresholdFrames ?? 2000;
  }

  /** Start the worker (a file database only); returns the stop function. */
  start(): () => Promise<void> {
    if (this.worker || this.sqlite.memory || this.sqlite.readonly) return async () => {};
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        nativeBinding: this.options.nativeBinding,
        path: this.sqlite.name,
        thresholdFrames: this.thresholdFrames,
        checkMs: this.options.checkMs ?? 250,
      },
    });
    this.worker = worker;
    // The safety net: the tills' connection still checkpoints if the worker falls far behind.
    this.sqlite.pragma(`wal_autocheckpoint = ${this.thresholdFrames * 4}`);
    worker.unref();
    worker.on('message', (m: { type: 'checkpoint'; copied: number } | { type: 'error'; message: string }) => {
      if (m.type === 'checkpoint') {
        this.stats.checkpoints++;
        this.stats.framesCopied += m.copied;
      } else if (this.stats.lastError !== m.message) {
        this.stats.lastError = m.message;
        console.error(`checkpoint worker: ${m.message}`);
      }
    });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('error', (err) => {
      if (this.worker === worker) this.worker = null;
      this.stats.lastError = err.message;
      console.error('checkpoint worker stopped', err);
      this.restoreDefault();
    });
    return async () => {
      if (this.worker !== worker) return;
      this.worker = null;
      worker.postMessage('stop');
      await exited;
      this.restoreDefault();
    };
  }

  running(): boolean {
    return this.worker !== null;
  }

  snapshot(): CheckpointerStats {
    return { ...this.stats };
  }

  private restoreDefault(): void {
    if (this.sqlite.open) this.sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
  }
}
