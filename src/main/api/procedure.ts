import type { ParsedInput, ProcedureName, ProcedureOutput } from '../../shared/contract';
import type { Actor, Ctx, Role } from '../core/context';
import type { PrintQueue } from '../printing/queue';
import type { Forwarder } from '../outbox/forwarder';

/** What every handler can reach. */
export interface ApiEnv {
  ctx: Ctx;
  print: PrintQueue;
  /** Forwarding to the central database (issue 19). */
  central: Forwarder;
}

export interface Call extends ApiEnv {
  /** The caller; only `null` for public procedures. */
  actor: Actor;
  token: string | null;
}

export interface Procedure<N extends ProcedureName> {
  role: Role | 'public';
  handler: (call: Call, input: ParsedInput<N>) => ProcedureOutput<N> | Promise<ProcedureOutput<N>>;
}

/** The handlers of one area of the contract (e.g. `typeof backofficeContract`). */
export type AreaProcedures<C> = { [N in keyof C & ProcedureName]: Procedure<N> };
