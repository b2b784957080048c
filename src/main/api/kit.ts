/**
 * What a handler is made of: the environment it reaches, the procedure
 * record (role + handler) and the small wrappers that carry the
 * cross-cutting concerns, so a handler body says only what it does.
 */
import type { ParsedInput, ProcedureName, ProcedureOutput } from '../../shared/contract';
import { audit } from '../core/audit';
import type { Actor, Ctx, Role } from '../core/context';
import type { PrintQueue } from '../services/print-queue';
import type { Documents } from '../services/documents';
import type { Forwarder } from '../outbox/forwarder';
import type { ReportRunner } from '../reports/runner';
import type { DeviceRow } from '../core/devices';
import type { HostMode } from '../host-mode';

/** What every handler can reach. */
export interface ApiEnv {
  ctx: Ctx;
  print: PrintQueue;
  /** Every printed document: gather from core, render, queue (src/main/services/documents.ts). */
  documents: Documents;
  /** Read-only reports, made off the main thread (src/main/reports). */
  reports: ReportRunner;
  /** Forwarding to the central database (issue 19). */
  central: Forwarder;
  /** Serving the LAN from the desktop app (issue 17); absent in browser mode. */
  hostMode?: HostMode;
}

export interface Call extends ApiEnv {
  /** The caller; only `null` for public procedures. */
  actor: Actor;
  token: string | null;
  /** The paired device the request came from (HTTP with pairing on), if any. */
  device?: DeviceRow | null;
  /** The caller's network address (HTTP). */
  address?: string | null;
}

export type Handler<N extends ProcedureName> = (call: Call, input: ParsedInput<N>) => ProcedureOutput<N> | Promise<ProcedureOutput<N>>;

export interface Procedure<N extends ProcedureName> {
  /**
   * Who may call: a logged-in user of at least this role; `public`: anyone;
   * `device`: a paired device by its credential alone, no login (the till
   * agent printing on the till's own PC, issue 18) — `call.device` is set
   * and `call.actor` is not.
   */
  role: Role | 'public' | 'device';
  /**
   * Reads a lot and writes nothing (reports, exports, long back-office
   * lists): `dispatch` runs the handler in the report worker, on its own
   * read-only connection, so the tills' thread stays free (src/main/reports).
   * Such a handler may use only `ctx`, `actor` and its input.
   */
  offMainThread?: boolean;
  handler: Handler<N>;
}

/** The handlers of one area of the contract (e.g. `typeof backofficeContract`). */
export type AreaProcedures<C> = { [N in keyof C & ProcedureName]: Procedure<N> };

/** What the audit line of a call records besides who and which action. */
export interface AuditNote {
  entity?: string;
  entityId?: number;
  details?: unknown;
}

/**
 * `audited(action, run, note)`: run `run` and append its audit line in one
 * transaction, so the change and its record commit together or not at all.
 * `note` says what the line names (from the result and the input).
 */
export function audited<I, R>(
  action: string,
  run: (call: Call, input: I) => R extends Promise<unknown> ? never : R,
  note: (result: R, input: I, call: Call) => AuditNote = () => ({}),
): (call: Call, input: I) => R {
  return (call, input) =>
    call.ctx.db.transaction(() => {
      const result = run(call, input) as R;
      audit(call.ctx, { userId: call.actor.userId, action, ...note(result, input, call) });
      return result;
    });
}

/**
 * `auditedWhenDone(action, run, note)`: for work that is not rows (a backup
 * file) and so has no transaction to share: the audit line is written once
 * `run` has succeeded, never for a failure.
 */
export function auditedWhenDone<I, R>(
  action: string,
  run: (call: Call, input: I) => Promise<R>,
  note: (result: R, input: I, call: Call) => AuditNote = () => ({}),
): (call: Call, input: I) => Promise<R> {
  return async (call, input) => {
    const result = await run(call, input);
    call.ctx.db.transaction(() => audit(call.ctx, { userId: call.actor.userId, action, ...note(result, input, call) }));
    return result;
  };
}

/**
 * `afterCommit(run, then)`: `then` runs once `run`'s writes are committed
 * (printing a slip, a backup, a nudge to the forwarder); what `then`
 * returns is the answer. It refuses to run inside an open transaction,
 * where "after the commit" would be a lie.
 */
export function afterCommit<I, R, O>(run: (call: Call, input: I) => R, then: (call: Call, result: R, input: I) => O): (call: Call, input: I) => O {
  return (call, input) => {
    const result = run(call, input);
    if (call.ctx.db.$client.inTransaction) throw new Error('afterCommit: still inside a transaction');
    return then(call, result, input);
  };
}

/** What `{ ...a, ...b }` would silently lose: the names in more than one area. */
export function duplicateNames(areas: Record<string, Record<string, unknown>>): string[] {
  const seen = new Map<string, string>();
  const dupes: string[] = [];
  for (const [area, map] of Object.entries(areas)) {
    for (const name of Object.keys(map)) {
      const first = seen.get(name);
      if (first !== undefined) dupes.push(`${name} (${first}, ${area})`);
      else seen.set(name, area);
    }
  }
  return dupes;
}

/**
 * Merge the handler maps of every area into one; a procedure name in two
 * areas throws (an object spread would let the later one win unseen).
 */
export function mergeAreas<T extends Record<string, unknown>>(areas: Record<string, T>): T {
  const dupes = duplicateNames(areas);
  if (dupes.length) throw new Error(`Procedure defined in more than one area: ${dupes.join(', ')}`);
  return Object.assign({}, ...Object.values(areas)) as T;
}
