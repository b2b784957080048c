/**
 * The renderer's one way to the core: call a procedure of the contract by
 * name. In the desktop app through the preload bridge (`window.pos`), in
 * browser mode with `fetch('/api/<name>')`. Errors come back as ApiError
 * with the stable code from the contract.
 */
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../shared/contract';
import type { ApiErrorBody, ErrorCode } from '../../shared/errors';
import { markHost, noteHostTime } from './lib/host-link';

type Envelope = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

declare global {
  interface Window {
    pos?: {
      call(name: string, input: unknown, token: string | null): Promise<Envelope>;
      /** The desktop app only: open its chooser of what this computer is (asks an admin's PIN). */
      chooseRole?(): Promise<void>;
    };
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field the server complained about, when it named one. */
  get field(): string | undefined {
    const d = this.details as { field?: unknown } | undefined;
    return typeof d?.field === 'string' ? d.field : undefined;
  }
}

const TOKEN_KEY = 'kasir.token';
/** The paired device's credential (issue 17): kept across restarts, sent as `X-Kasir-Device`. */
const DEVICE_KEY = 'kasir.device';
let device: string | null = (() => {
  try {
    return localStorage.getItem(DEVICE_KEY);
  } catch {
    return null;
  }
})();

/** This device's credential, if it was ever paired at this address. */
export const getDeviceCredential = (): string | null => device;

export function setDeviceCredential(value: string | null): void {
  device = value;
  try {
    if (value) localStorage.setItem(DEVICE_KEY, value);
    else localStorage.removeItem(DEVICE_KEY);
  } catch {
    /* private mode: kept for this page only */
  }
}

/** The server's word that this device must (again) be paired: `unpaired`, `pending` or `revoked`. */
export function pairingRequired(err: unknown): string | null {
  if (!(err instanceof ApiError) || err.code !== 'UNAUTHENTICATED') return null;
  const p = (err.details as { pairing?: unknown } | undefined)?.pairing;
  return typeof p === 'string' && p !== 'paired' ? p : null;
}

const pairingListeners = new Set<() => void>();
/** Called when the server says this device is not (or no longer) paired. */
export function onPairingRequired(listener: () => void): () => void {
  pairingListeners.add(listener);
  return () => pairingListeners.delete(listener);
}
let token: string | null = sessionStorage.getItem(TOKEN_KEY);

export function setToken(value: string | null): void {
  token = value;
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export const getToken = () => token;

const unauthenticatedListeners = new Set<() => void>();
/** Called when the server says the session is gone, so the app can show the login. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

async function transport(name: string, input: unknown): Promise<Envelope> {
  if (window.pos) return window.pos.call(name, input, token);
  let res: Response;
  const sentAt = Date.now();
  try {
    res = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(device ? { 'X-Kasir-Device': device } : {}),
      },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    // No answer at all: the host is off or the network is down (issue 18).
    markHost(false);
    return { ok: false, error: { code: 'INTERNAL', message: 'Tidak dapat terhubung ke server kasir.', details: { unreachable: true } } };
  }
  markHost(true);
  const hostTime = res.headers?.get('X-Kasir-Time');
  if (hostTime) noteHostTime(Number(hostTime), sentAt, Date.now());
  const body = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return { ok: true, result: body };
  const error = (body as { error?: ApiErrorBody } | null)?.error;
  return { ok: false, error: error ?? { code: 'INTERNAL', message: `HTTP ${res.status}` } };
}

export async function call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>> {
  const envelope = await transport(name, input);
  if (envelope.ok) return envelope.result as ProcedureOutput<N>;
  const error = new ApiError(envelope.error.code, envelope.error.message, envelope.error.details);
  if (pairingRequired(error)) {
    setToken(null);
    pairingListeners.forEach((l) => l());
  } else if (envelope.error.code === 'UNAUTHENTICATED' && name !== 'auth.login') {
    setToken(null);
    unauthenticatedListeners.forEach((l) => l());
  }
  throw error;
}
