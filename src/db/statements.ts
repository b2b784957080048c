/**
 * Raw prepared statements: the few queries drizzle's builder cannot say, or
 * where the benchmark shows its cost on a hot path (the checkout). Each one
 * is declared once with its row type and the columns that row has; the
 * declaration is checked twice:
 * - by the type checker: `columns` must name exactly the keys of `Row`;
 * - by `test/db/raw-statements.test.ts`: every declared statement is
 *   prepared against the migrated schema and the columns SQLite says it
 *   returns must equal `columns`, so a renamed column or a stale alias
 *   fails a test instead of hiding behind a cast.
 *
 * Statements are prepared once per connection (a WeakMap keyed by the
 * better-sqlite3 connection), never by patching better-sqlite3.
 */
import type Database from 'better-sqlite3';

type Params = unknown[];

/** Exactly the keys of `Row`, each `true`. */
export type ColumnsOf<Row> = { [K in keyof Row]-?: true };

export interface RawStatement<P extends Params = Params, Row = never> {
  name: string;
  sql: string;
  /** The columns a row has; `null` for a write (INSERT/UPDATE/DELETE without RETURNING). */
  columns: readonly string[] | null;
  /** Phantom: the parameter and row types, for `get`/`all`/`run`. */
  readonly types?: { params: P; row: Row };
}

const registry = new Map<string, RawStatement<Params, unknown>>();

/** Every raw statement declared so far (the modules that declare them must be imported). */
export function rawStatements(): RawStatement<Params, unknown>[] {
  return [...registry.values()];
}

function register<S extends RawStatement<Params, unknown>>(s: S): S {
  if (registry.has(s.name)) throw new Error(`raw statement "${s.name}" declared twice`);
  registry.set(s.name, s);
  return s;
}

/** A read: `query<Row>()(name, sql, { col: true, … })`, the row's columns named once more for the check. */
export function query<Row>() {
  return <P extends Params = Params>(name: string, sql: string, columns: ColumnsOf<Row>): RawStatement<P, Row> =>
    register({ name, sql, columns: Object.keys(columns) }) as RawStatement<P, Row>;
}

/** A write without returned rows. */
export function write<P extends Params = Params>(name: string, sql: string): RawStatement<P, never> {
  return register({ name, sql, columns: null }) as RawStatement<P, never>;
}

/** A statement prepared on one connection; reads return arrays (`raw`) that `row` turns into objects. */
interface Prepared {
  stmt: Database.Statement;
  row: ((values: unknown[]) => unknown) | null;
}

const prepared = new WeakMap<Database.Database, Map<string, Prepared>>();
const rowMakers = new Map<string, (values: unknown[]) => unknown>();

/**
 * The object of a row from its values, for one list of columns: an object
 * literal compiled once, so every row of a statement has the same shape from
 * birth. better-sqlite3's own row objects are built key by key, with each
 * column name made anew for every row; the checkout's profile showed it.
 */
function rowMaker(columns: readonly string[]): (values: unknown[]) => unknown {
  const key = columns.join('\n');
  let make = rowMakers.get(key);
  if (!make) {
    const body = columns.map((c, i) => `${JSON.stringify(c)}: v[${i}]`).join(', ');
    make = new Function('v', `return { ${body} };`) as (values: unknown[]) => unknown;
    rowMakers.set(key, make);
  }
  return make;
}

function preparedOn(sqlite: Database.Database, s: RawStatement<Params, unknown>): Prepared {
  let byName = prepared.get(sqlite);
  if (!byName) prepared.set(sqlite, (byName = new Map()));
  let p = byName.get(s.name);
  if (!p) {
    const stmt = sqlite.prepare(s.sql);
    p = s.columns ? { stmt: stmt.raw(true), row: rowMaker(s.columns) } : { stmt, row: null };
    byName.set(s.name, p);
  }
  return p;
}

/** The statement on this connection, prepared on first use (a read returns rows as arrays: use `get`/`all`). */
export function prepare(sqlite: Database.Database, s: RawStatement<Params, unknown>): Database.Statement {
  return preparedOn(sqlite, s).stmt;
}

export function get<P extends Params, Row>(sqlite: Database.Database, s: RawStatement<P, Row>, ...params: P): Row | undefined {
  const p = preparedOn(sqlite, s);
  const values = p.stmt.get(...params) as unknown[] | undefined;
  return (values === undefined || !p.row ? values : p.row(values)) as Row | undefined;
}

export function all<P extends Params, Row>(sqlite: Database.Database, s: RawStatement<P, Row>, ...params: P): Row[] {
  const p = preparedOn(sqlite, s);
  const rows = p.stmt.all(...params) as unknown[][];
  return (p.row ? rows.map(p.row) : rows) as Row[];
}

export function run<P extends Params>(sqlite: Database.Database, s: RawStatement<P, never>, ...params: P): Database.RunResult {
  return preparedOn(sqlite, s).stmt.run(...params);
}
