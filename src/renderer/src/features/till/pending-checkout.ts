/**
 * The checkout on its way to the host (issue 18), kept in the till's own storage (localStorage)
 * from just before it is sent until the host answered it: a sale (acknowledged) or a refusal.
 * If the host or the network blinks meanwhile, or the page is reloaded, the till sends exactly
 * this request again with the same `clientRequestId`, so the host records one sale and prints one
 * receipt; the till never decides a sale by itself.
 */
import type { ProcedureInput } from '../../../../shared/contract';
import type { Rupiah } from '../../../../shared/money';

export type CheckoutInput = ProcedureInput<'sales.checkout'>;

export interface PendingCheckout {
  tillCode: string;
  input: CheckoutInput;
  /** What the screen showed, for the waiting panel (the host decides the real total). */
  total: Rupiah;
  itemCount: number;
  savedAt: number;
}

const KEY = 'kasir.pendingCheckout';
const listeners = new Set<() => void>();

export function readPending(tillCode: string): PendingCheckout | null {
  try {
    const raw = localStorage.getItem(KEY);
    const p = raw ? (JSON.parse(raw) as PendingCheckout) : null;
    return p && p.tillCode === tillCode && typeof p.input?.clientRequestId === 'string' ? p : null;
  } catch {
    return null;
  }
}

export function savePending(p: PendingCheckout): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    /* private mode: the retry still works while the page lives */
  }
  listeners.forEach((l) => l());
}

/** The host answered `clientRequestId` (a sale or a refusal): nothing is waiting any more. */
export function clearPending(clientRequestId: string): void {
  try {
    const raw = localStorage.getItem(KEY);
    const p = raw ? (JSON.parse(raw) as PendingCheckout) : null;
    if (p && p.input?.clientRequestId !== clientRequestId) return;
    localStorage.removeItem(KEY);
  } catch {
    /* ignore */
  }
  listeners.forEach((l) => l());
}

export function onPendingChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
