/**
 * The till agent (issue 18): runs on a till's own PC when that till's
 * printer is plugged into it (USB, serial, or a network printer only that
 * PC reaches), and prints the till's jobs that the host keeps for it.
 *
 * It holds no database. With the paired device's credential (the
 * `X-Kasir-Device` header; no login) it calls the host's `tillPrint.*`
 * procedures (docs/api.md):
 * - every `statusMs` (default 1000 ms) it asks the printer for its real-time
 *   status (DLE EOT) and reports it (`tillPrint.status`): the host's banner
 *   for this till shows it, and the report is the agent's heartbeat. While a
 *   job is printing it reports the last status it read instead of asking.
 * - every `pollMs` (default 1000 ms), and at once when the status answer says
 *   jobs are waiting, it claims the till's next jobs (`tillPrint.claim`):
 *   ESC/POS bytes rendered by the host (the till's columns, the copy mark,
 *   the drawer pulse on a first send only), and prints each through the
 *   project's transports (src/main/printing/transports.ts) the way the
 *   host's print queue does: status first (paper out, cover open, offline:
 *   the job fails without sending), the bytes, status again; then reports
 *   the result (`tillPrint.report`).
 * - An agent that stops (killed, PC off) leaves its claimed jobs to the host:
 *   after the host's claim timeout they go back to the queue and print as a
 *   copy, without the drawer pulse.
 *
 * Signature (kept stable for the desktop app's "till of a host" mode):
 *
 *     startTillAgent(opts: {
 *       hostUrl: string;                    // e.g. "http://192.168.1.10:8080"
 *       credential: string;                 // the paired device's credential
 *       transport: PrinterTransportConfig | 'host-setting'; // the printer at this PC, or: as set for this till on the host
 *       pollMs?: number;                    // claim interval, default 1000
 *       fetch?: typeof fetch;               // default globalThis.fetch
 *       statusMs?: number;                  // status interval, default 1000
 *       transportOptions?: TransportOptions;// timeouts, local address, file folder
 *       requestTimeoutMs?: number;          // per host call, default 5000
 *       onEvent?: (e: TillAgentEvent) => void; // log lines (printed, failed, host errors)
 *     }): { stop(): Promise<void>; status(): TillAgentStatus }
 *
 * `transport: 'host-setting'`: print through the transport the admin set for
 * this till in Sistem → Printer on the host (sent with each status answer;
 * a change there takes effect at the next status report). Until the host has
 * answered once, nothing is claimed.
 *
 * `stop()` ends both loops and waits for the job being printed (its result
 * is still reported). CLI: `npm run till-agent -- --host URL --credential-file F --printer tcp://ip:port`
 * (src/main/till-agent/cli.ts).
 */
import { randomBytes } from 'node:crypto';
import type { PrinterStatus, PrinterTransportConfig } from '../../shared/printer';
import { BLOCKING_STATES, describeStatus } from '../../shared/printer-state';
import type { PrinterState } from '../../shared/types-system';
import type { TillPrintClaim, TillPrintJob, TillPrintStatusAnswer } from '../../shared/types-tills';
import { createTransport, type PrinterTransport, type TransportOptions } from '../printing/transports';

export interface StartTillAgentOptions {
  hostUrl: string;
  credential: string;
  /** The printer at this PC, or `'host-setting'`: the transport set for this till on the host. */
  transport: PrinterTransportConfig | 'host-setting';
  pollMs?: number;
  fetch?: typeof fetch;
  statusMs?: number;
  transportOptions?: TransportOptions;
  requestTimeoutMs?: number;
  onEvent?: (event: TillAgentEvent) => void;
}

export type TillAgentEvent =
  | { type: 'printed'; jobId: number; kind: string; copy: boolean; warning: string | null }
  | { type: 'failed'; jobId: number; kind: string; message: string }
  | { type: 'host-error'; message: string }
  | { type: 'printer'; state: PrinterState; message: string };

export interface TillAgentStatus {
  running: boolean;
  /** This run's id: the host names the agent's claims with it. */
  agentId: string;
  /** Whether the last call to the host got an answer; null before the first. */
  hostReachable: boolean | null;
  /** The last refusal or network error from the host, if the last call failed. */
  hostError: string | null;
  /** Where the host has this till's printer; `host` means the host prints and this agent idles. */
  location: 'host' | 'till' | null;
  /** The printer's last status read here; null before the first. */
  printer: { state: PrinterState; message: string; at: number } | null;
  printed: number;
  failed: number;
}

export interface TillAgent {
  stop(): Promise<void>;
  status(): TillAgentStatus;
}

/** A failed host call: `status` is the HTTP status when the host answered (a refusal), null when it did not. */
class HostError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export function startTillAgent(opts: StartTillAgentOptions): TillAgent {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const base = opts.hostUrl.replace(/\/+$/, '');
  const pollMs = opts.pollMs ?? 1000;
  const statusMs = opts.statusMs ?? 1000;
  // The printer at this PC; with 'host-setting', made from the host's setting once the host has answered.
  let printer: PrinterTransport | null = opts.transport === 'host-setting' ? null : createTransport(opts.transport, opts.transportOptions);
  let printerSetting = '';
  const emit = (e: TillAgentEvent): void => opts.onEvent?.(e);
  const state: TillAgentStatus = {
    running: true,
    agentId: randomBytes(12).toString('base64url'),
    hostReachable: null,
    hostError: null,
    location: null,
    printer: null,
    printed: 0,
    failed: 0,
  };
  let lastStatus: PrinterStatus | null = null;

  async function call<T>(name: string, input: unknown): Promise<T> {
    let res: Response;
    try {
      res = await doFetch(`${base}/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Kasir-Device': opts.credential },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(opts.requestTimeoutMs ?? 5000),
      });
    } catch (err) {
      state.hostReachable = false;
      state.hostError = `Komputer utama tidak terhubung (${String((err as Error).cause ?? (err as Error).message)})`;
      throw new HostError(state.hostError, null);
    }
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    state.hostReachable = true;
    if (!res.ok) {
      state.hostError = body?.error?.message ?? `HTTP ${res.status}`;
      throw new HostError(state.hostError, res.status);
    }
    state.hostError = null;
    return body as T;
  }

  // One conversation with the printer at a time: a job, or a status query.
  let printerChain: Promise<unknown> = Promise.resolve();
  let printing = false;
  function withPrinter<T>(run: () => Promise<T>): Promise<T> {
    const next = printerChain.then(async () => {
      printing = true;
      try {
        return await run();
      } finally {
        printing = false;
      }
    });
    printerChain = next.catch(() => {});
    return next;
  }

  function noteStatus(status: PrinterStatus | null): { state: PrinterState; message: string } {
    lastStatus = status;
    const described = describeStatus(status);
    if (state.printer?.state !== described.state) emit({ type: 'printer', ...described });
    state.printer = { ...described, at: Date.now() };
    return described;
  }

  async function print(printer: PrinterTransport, job: TillPrintJob): Promise<{ printed: boolean; message: string | null }> {
    try {
      // Ask first: a printer without paper or with its cover open takes the bytes and prints nothing.
      const before = noteStatus(await printer.status());
      if (BLOCKING_STATES.includes(before.state)) return { printed: false, message: before.message };
      await printer.send(Buffer.from(job.bytes, 'base64'));
      const after = noteStatus(await printer.status());
      if (after.state === 'paperOut' || after.state === 'coverOpen') {
        return { printed: false, message: `${after.message} Periksa hasil cetak; cetak ulang bila tidak lengkap.` };
      }
      return { printed: true, message: after.state === 'paperNearEnd' ? after.message : null };
    } catch (err) {
      return { printed: false, message: err instanceof Error ? err.message : String(err) };
    }
  }

  // Results the host did not take (it was unreachable): sent again, in order, before the next claim.
  const unsent: { id: number; printed: boolean; message: string | null }[] = [];
  async function sendReports(): Promise<void> {
    while (unsent.length > 0) {
      try {
        await call('tillPrint.report', { agentId: state.agentId, ...unsent[0]! });
      } catch (err) {
        // Refused (the job is gone, a bad report): sending it again would not help.
        if (!(err instanceof HostError && err.status !== null && err.status < 500)) throw err;
      }
      unsent.shift();
    }
  }

  async function claimAndPrint(): Promise<void> {
    if (!printer) return;
    await sendReports();
    const claim = await call<TillPrintClaim>('tillPrint.claim', { agentId: state.agentId });
    state.location = claim.location;
    for (const job of claim.jobs) {
      const result = await withPrinter(() => print(printer!, job));
      if (result.printed) {
        state.printed += 1;
        emit({ type: 'printed', jobId: job.id, kind: job.kind, copy: job.copy, warning: result.message });
      } else {
        state.failed += 1;
        emit({ type: 'failed', jobId: job.id, kind: job.kind, message: result.message ?? '' });
      }
      // Kept until the host takes it; if that takes longer than the host's claim timeout, the job prints again, as a copy.
      unsent.push({ id: job.id, printed: result.printed, message: result.message?.slice(0, 500) ?? null });
      await sendReports().catch(() => {});
    }
  }

  async function reportStatus(): Promise<void> {
    // While a job prints, the last status read stands (and still says this agent is alive).
    // A printer the host prints to is not this agent's to ask.
    const current = state.location === 'host' ? null : printer;
    const status = printing || !current ? lastStatus : await withPrinter(async () => noteStatus(await current.status())).then(() => lastStatus);
    const answer = await call<TillPrintStatusAnswer>('tillPrint.status', { agentId: state.agentId, status });
    state.location = answer.location;
    if (opts.transport === 'host-setting' && JSON.stringify(answer.printer.transport) !== printerSetting) {
      printerSetting = JSON.stringify(answer.printer.transport);
      printer = createTransport(answer.printer.transport, opts.transportOptions);
    }
    if (answer.waiting > 0) claims.kick();
  }

  const claims = loop(pollMs, claimAndPrint, emit);
  const statuses = loop(statusMs, reportStatus, emit);

  return {
    async stop() {
      state.running = false;
      await Promise.all([claims.stop(), statuses.stop()]);
    },
    status: () => ({ ...state, printer: state.printer && { ...state.printer } }),
  };
}

/** Run `tick` now and then every `everyMs` after it ends; `kick` runs it again as soon as it is free. */
function loop(everyMs: number, tick: () => Promise<void>, emit: (e: TillAgentEvent) => void): { kick(): void; stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = null;
    running = tick()
      .catch((err: unknown) => emit({ type: 'host-error', message: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        running = null;
        if (stopped) return;
        if (again) {
          again = false;
          setImmediate(run);
        } else timer = setTimeout(run, everyMs);
      });
  };
  run();
  return {
    kick: run,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** A printer as written on the agent's command line (src/main/till-agent/cli.ts). */
export function parsePrinter(spec: string): PrinterTransportConfig {
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})$/.exec(spec);
  if (tcp) return { type: 'network', host: tcp[1]!.replace(/^\[|\]$/g, ''), port: Number(tcp[2]) };
  const usb = /^usb:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(spec);
  if (usb) return { type: 'usb', vendorId: parseInt(usb[1]!, 16), productId: parseInt(usb[2]!, 16) };
  const serial = /^serial:([^@]+)(?:@(\d+))?$/.exec(spec);
  if (serial) return serial[2] ? { type: 'serial', path: serial[1]!, baudRate: Number(serial[2]) } : { type: 'serial', path: serial[1]! };
  throw new Error(`--printer ${spec}: use tcp://HOST:PORT, usb:VID:PID or serial:PATH[@BAUD]`);
}
