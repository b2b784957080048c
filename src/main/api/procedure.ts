import type { ParsedInput, ProcedureName, ProcedureOutput } from '../../shared/contract';
import type { Actor, Ctx, Role } from '../core/context';
import type { PrintQueue } from '../printing/queue';
import type { Forwarder } from '../outbox/forwarder';
import type { ReportRunner } from '../reports/runner';
import type { DeviceRow } from '../core/devices';
import type { HostMode } from '../host-mode';

/** What every handler can reach. */
export interface ApiEnv {
  ctx: Ctx;
  print: PrintQueue;
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

export interface Procedure<N extends ProcedureName> {
  role: Role | 'public';
  /**
   * Reads a lot and writes nothing (reports, exports, long back-office
   * lists): `dispatch` runs the handler in the report worker, on its own
   * read-only connection, so the tills' thread stays free (src/main/reports).
   * Such a handler may use only `ctx`, `actor` and its input.
   */
  offMainThread?: boolean;
  handler: (call: Call, input: ParsedInput<N>) => ProcedureOutput<N> | Promise<ProcedureOutput<N>>;
}

/** The handlers of one area of the contract (e.g. `typeof backofficeContract`). */
export type AreaProcedures<C> = { [N in keyof C & ProcedureName]: Procedure<N> };
