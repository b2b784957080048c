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
      .prepare("SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string; wr: number }[];
    const hash = createHash('sha256');
    // WITHOUT ROWID tables (the search index's shadow tables) come in primary-key order.
    for (const { name, wr } of tables) {
      hash.update(name);
      for (const row of db.prepare(`SELECT * FROM "${name}"${wr ? '' : ' ORDER BY rowid'}`).raw().all()) {
        hash.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
      }
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
