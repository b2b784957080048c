import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';
import { registerSqlFunctions } from './functions';

export { schema };
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenDbOptions {
  /** Folder holding drizzle's migrations; found automatically when omitted. */
  migrationsFolder?: string;
  /** Path of a native better-sqlite3 binding (the Electron-ABI build in the desktop app). */
  nativeBinding?: string;
  readonly?: boolean;
}

/**
 * Open (or create) a Kasir PLUT database with the pragmas every connection
 * needs, and bring its schema up to date before anything else touches it.
 */
export function openDb(path: string, options: OpenDbOptions = {}): Db {
  const sqlite = new Database(path, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
  });
  applyPragmas(sqlite);
  // The outbox triggers call these (uuidv7, business_day): every connection that writes needs them.
  registerSqlFunctions(sqlite);
  const db = drizzle(statementReuse(sqlite), { schema }) as Db;
  // Raw access (`$client`) is the plain connection: declared statements cache themselves.
  db.$client = sqlite;
  if (!options.readonly) {
    writeTransactionsImmediate(db);
    migrateDb(db, options.migrationsFolder);
    withoutValueStatistics(sqlite);
  }
  return db;
}

/**
 * Table statistics stay (`sqlite_stat1`: rows per index key, which the
 * planner needs), per-value samples go (`sqlite_stat4`, written by an
 * `ANALYZE` run by hand or by a tool; the app never runs one). better-sqlite3
 * is built with SQLITE_ENABLE_STAT4, and with samples present SQLite
 * compiles a statement again whenever a value bound to an indexed column
 * changes, which is on every call of the checkout's statements: ~0.9 ms of
 * CPU per sale on the bench's `large` shop (docs/performance.md). The
 * statistics are then read again (`ANALYZE sqlite_schema`).
 */
export function withoutValueStatistics(sqlite: Database.Database): void {
  const stat4 = sqlite.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat4'`).get();
  if (!stat4 || !sqlite.prepare('SELECT 1 FROM sqlite_stat4 LIMIT 1').get()) return;
  sqlite.exec('DELETE FROM sqlite_stat4');
  sqlite.exec('ANALYZE sqlite_schema');
}

/**
 * The connection as drizzle sees it: `prepare` keeps each statement per SQL
 * text (LRU, at most `max`), for this connection and for drizzle only. drizzle
 * builds the same SQL text for the same query every time and better-sqlite3
 * would compile it anew on each call; on a busy till that compile cost more
 * than many of the queries themselves (docs/performance.md). Nothing of
 * better-sqlite3 is patched: `$client` stays the plain connection, and the
 * declared raw statements (`statements.ts`) keep their own per-connection
 * cache. A reused statement is put back in its default row mode (drizzle
 * switches some to raw rows).
 */
export function statementReuse(sqlite: Database.Database, max = 500): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    const hit = cache.get(source);
    if (hit) {
      cache.delete(source);
      cache.set(source, hit);
      if (hit.reader) hit.raw(false);
      return hit;
    }
    const stmt = sqlite.prepare(source);
    cache.set(source, stmt);
    if (cache.size > max) cache.delete(cache.keys().next().value as string);
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Every write transaction takes the write lock up front (`BEGIN IMMEDIATE`):
 * a deferred transaction that reads first and then meets a reader-turned-
 * writer elsewhere (the backup CLI, a restore) would fail with SQLITE_BUSY
 * halfway instead of waiting `busy_timeout` at its start. An explicit
 * `behavior` still wins; a transaction inside another is a savepoint, undone
 * alone when it throws.
 *
 * The same semantics as drizzle's own (which wraps better-sqlite3's), on
 * statements prepared once: drizzle built a transaction object and
 * better-sqlite3 four wrapper functions per call, twice per sale (issue 16).
 * The function gets the database itself: no caller uses a transaction
 * object (`tx.rollback()` is not offered; throw to roll back).
 */
export function writeTransactionsImmediate(db: Db): void {
  const sqlite = db.$client;
  const begin = {
    immediate: sqlite.prepare('BEGIN IMMEDIATE'),
    deferred: sqlite.prepare('BEGIN DEFERRED'),
    exclusive: sqlite.prepare('BEGIN EXCLUSIVE'),
  };
  const commit = sqlite.prepare('COMMIT');
  const rollback = sqlite.prepare('ROLLBACK');
  const savepoints: { take: Database.Statement; release: Database.Statement; undo: Database.Statement }[] = [];
  let depth = 0;
  const savepoint = (level: number) =>
    (savepoints[level] ??= {
      take: sqlite.prepare(`SAVEPOINT kasir_${level}`),
      release: sqlite.prepare(`RELEASE kasir_${level}`),
      undo: sqlite.prepare(`ROLLBACK TO kasir_${level}`),
    });
  const settled = <T>(result: T): T => {
    if (result && typeof (result as { then?: unknown }).then === 'function') throw new TypeError('A transaction cannot return a promise');
    return result;
  };
  db.transaction = (<T>(fn: (tx: Db) => T, config?: { behavior?: 'immediate' | 'deferred' | 'exclusive' }): T => {
    if (sqlite.inTransaction) {
      const sp = savepoint(depth);
      sp.take.run();
      depth++;
      try {
        const result = settled(fn(db));
        sp.release.run();
        return result;
      } catch (err) {
        // SQLite may have rolled the whole transaction back by itself (e.g. a full disk).
        if (sqlite.inTransaction) {
          sp.undo.run();
          sp.release.run();
        }
        throw err;
      } finally {
        depth--;
      }
    }
    begin[config?.behavior ?? 'immediate'].run();
    depth = 0;
    try {
      const result = settled(fn(db));
      commit.run();
      return result;
    } catch (err) {
      if (sqlite.inTransaction) rollback.run();
      throw err;
    }
  }) as unknown as Db['transaction'];
}

/** Apply every migration the database does not have yet (synchronous). */
export function migrateDb(db: Db, migrationsFolder = findMigrationsFolder()): void {
  migrate(db, { migrationsFolder });
}

export function applyPragmas(sqlite: Database.Database): void {
  // WAL: readers never block the writer; FULL: a commit is on disk before we
  // answer, so a power cut cannot lose an acknowledged sale.
  if (sqlite.name !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Statement journals (a statement inside a transaction that fires triggers,
  // e.g. every insert of a sale) in memory instead of a temporary file created,
  // written and deleted per sale. They only undo one statement within an open
  // transaction; crash safety is the WAL's, which this does not touch.
  sqlite.pragma('temp_store = MEMORY');
}

/** The migrations folder: next to the sources in development, in resources when packaged. */
export function findMigrationsFolder(): string {
  const candidates: string[] = [];
  if (process.env.KASIR_MIGRATIONS) candidates.push(process.env.KASIR_MIGRATIONS);
  const here = dirname(fileURLToPath(import.meta.url));
  candidates.push(
    resolve(here, '../../drizzle'), // src/db → drizzle, out/main → drizzle
    resolve(here, '../drizzle'),
    resolve(process.cwd(), 'drizzle'),
  );
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.unshift(join(resourcesPath, 'drizzle'));
  const found = candidates.find((c) => existsSync(join(c, 'meta', '_journal.json')));
  if (!found) throw new Error(`Migrations folder not found (looked in ${candidates.join(', ')})`);
  return found;
}
