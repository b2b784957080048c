import Database from 'better-sqlite3';

/**
 * One writer per database file. The lock is SQLite's own file lock on a
 * companion database (`<db>.writer-lock`) opened in EXCLUSIVE locking mode:
 * after its first write the connection keeps the exclusive lock until it is
 * closed, and the operating system drops it when the process dies (power
 * cut, SIGKILL, crash), so a restart never needs anyone to delete a file.
 * The file's content means nothing; its lock is the whole point.
 */
export class WriterLockHeld extends Error {
  constructor(readonly dbPath: string) {
    super(
      `Database ${dbPath} sedang dipakai oleh proses Kasir PLUT lain (aplikasi desktop atau "npm run serve"). ` +
        `Tutup proses itu dulu, atau buka kasir ini sebagai kasir yang dipasangkan ke host. ` +
        `/ The database is in use by another Kasir PLUT process; close it first.`,
    );
    this.name = 'WriterLockHeld';
  }
}

export interface WriterLock {
  readonly path: string;
  release(): void;
}

export const writerLockPath = (dbPath: string) => `${dbPath}.writer-lock`;

/** Take the writer lock of `dbPath` or throw WriterLockHeld at once (never waits). */
export function acquireWriterLock(dbPath: string, nativeBinding?: string): WriterLock {
  const path = writerLockPath(dbPath);
  let lock: Database.Database | undefined;
  try {
    lock = new Database(path, { nativeBinding, timeout: 0 });
    lock.pragma('locking_mode = EXCLUSIVE');
    // No journal file beside the lock (exclusive mode would keep one); the pid row is only informative.
    lock.pragma('journal_mode = MEMORY');
    lock.exec('BEGIN EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS writer (pid INTEGER NOT NULL, since INTEGER NOT NULL)');
    lock.exec('DELETE FROM writer');
    lock.prepare('INSERT INTO writer (pid, since) VALUES (?, ?)').run(process.pid, Date.now());
    lock.exec('COMMIT');
  } catch (err) {
    try {
      lock?.close();
    } catch {
      // already unusable
    }
    const code = (err as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new WriterLockHeld(dbPath);
    throw err;
  }
  const held = lock;
  let released = false;
  return {
    path,
    release: () => {
      if (released) return;
      released = true;
      held.close();
    },
  };
}

/** Is another process (or connection) holding the writer lock of `dbPath` right now? */
export function writerLockHeld(dbPath: string, nativeBinding?: string): boolean {
  try {
    acquireWriterLock(dbPath, nativeBinding).release();
    return false;
  } catch (err) {
    if (err instanceof WriterLockHeld) return true;
    throw err;
  }
}
