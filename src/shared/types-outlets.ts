/** Forwarding to the central database (Back office → Sistem → Kantor pusat). */

export type CentralTls = 'prefer' | 'require' | 'disable';

export interface CentralConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  /** prefer: TLS when the server offers it; require: refuse without TLS; disable: never. */
  tls: CentralTls;
}

export type ForwardingState =
  /** Not configured: a single shop, nothing is written to the outbox. */
  | 'off'
  | 'paused'
  /** The existing history is being put into the outbox. */
  | 'preparing'
  | 'forwarding'
  /** Everything forwarded; waiting for new facts. */
  | 'idle'
  /** The last attempt failed; the next one is at `nextAttemptAt`. */
  | 'retrying';

export interface CentralStatus {
  /** The outlet's code; null until forwarding is configured. */
  outletCode: string | null;
  /** True once forwarding was configured: the code can no longer change. */
  codeFrozen: boolean;
  connection: (CentralConnection & { hasPassword: boolean }) | null;
  paused: boolean;
  state: ForwardingState;
  /** The connection in use is encrypted (null when not connected). */
  tlsInUse: boolean | null;
  lastForwardedAt: number | null;
  /** Facts written and not yet in the central database. */
  waiting: number;
  /** Rows of history still to be put into the outbox (at most this many more facts). */
  historyToPrepare: number;
  /** The last failure in words (Bahasa Indonesia); null after a success. */
  lastError: string | null;
  lastErrorAt: number | null;
  nextAttemptAt: number | null;
  /** Set when this database was restored from a backup older than what the central database holds. */
  restoreNotice: { detectedAt: number; localSeq: number; centralSeq: number } | null;
  /** Forwarded facts older than this many days are removed from the outbox. */
  pruneDays: number;
}
