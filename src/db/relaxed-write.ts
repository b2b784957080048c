import type { Db } from './index';
import { get, query } from './statements';

/** The connection's level, read by a declared statement (reading works prepared; only setting it must be compiled anew). */
const synchronousLevel = query<{ synchronous: number }>()('pragma.synchronous', 'PRAGMA synchronous', { synchronous: true });

/**
 * Run one status write without an fsync of its own (WAL, `synchronous =
 * NORMAL`): it reaches the disk with the next durable commit (a sale). The
 * connection is back at its own setting before anything else runs. Used
 * for print-job bookkeeping, so printing never adds an fsync to the sale path,
 * and for the outbox's own marks (writes that may be redone after a power cut).
 * The pragmas that set the level go through `exec`: SQLite applies
 * `synchronous = …` while it compiles the statement, so a statement prepared
 * once and run later would not set it when run.
 */
export function relaxedWrite<T>(db: Db, write: () => T): T {
  const sqlite = db.$client;
  if (sqlite.inTransaction || sqlite.memory) return write();
  const level = get(sqlite, synchronousLevel)!.synchronous;
  if (level < 2) return write();
  sqlite.exec('PRAGMA synchronous = NORMAL');
  try {
    return write();
  } finally {
    sqlite.exec(`PRAGMA synchronous = ${level}`);
  }
}
