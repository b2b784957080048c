import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/**
 * SHA-256 of every row of every table of the database at `path`, read
 * through a read-only connection (the server that owns the file keeps
 * running; WAL lets us read beside it).
 */
export function dbContentHash(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    const hash = createHash('sha256');
    for (const { name } of tables) {
      hash.update(name);
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all()) {
        hash.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
      }
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
