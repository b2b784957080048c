/**
 * Whether the host (the main computer holding the database) answers (issue 18). Every request
 * tells: a request that got no answer at all marks the host unreachable, any answer marks it
 * reachable again. Screens show "Komputer utama tidak terhubung" while it is down; nothing is
 * ever decided on the till meanwhile (a checkout waits for the host).
 */
import { useEffect, useSyncExternalStore } from 'react';

let reachable = true;
const listeners = new Set<() => void>();

export function hostReachable(): boolean {
  return reachable;
}

export function markHost(up: boolean): void {
  if (up === reachable) return;
  reachable = up;
  listeners.forEach((l) => l());
}

export function onHostLink(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The error `call` throws when the request got no answer (`details.unreachable`). */
export function isUnreachable(err: unknown): boolean {
  const e = err as { code?: unknown; details?: { unreachable?: unknown } } | null;
  return e?.code === 'INTERNAL' && e.details?.unreachable === true;
}

/**
 * The host's reachability for a screen. While it is down, `ping` (a cheap request) is sent every
 * `everyMs`, so the screen learns when the host is back even if the cashier does nothing.
 */
export function useHostReachable(ping?: () => Promise<unknown>, everyMs = 2000): boolean {
  const up = useSyncExternalStore(onHostLink, hostReachable, hostReachable);
  useEffect(() => {
    if (up || !ping) return;
    const id = setInterval(() => void ping().catch(() => undefined), everyMs);
    return () => clearInterval(id);
  }, [up, ping, everyMs]);
  return up;
}

/** How far the host's clock is ahead of this till's (ms; negative: behind); null until an answer told. */
let skew: number | null = null;
const skewListeners = new Set<() => void>();

/** A till whose clock differs from the host's by more than this shows a warning. */
export const CLOCK_SKEW_LIMIT_MS = 60_000;

/** The host's time from an answer (`X-Kasir-Time`), against this till's clock halfway through the request. */
export function noteHostTime(hostMs: number, sentAt: number, receivedAt: number): void {
  if (!Number.isFinite(hostMs)) return;
  const next = hostMs - Math.round((sentAt + receivedAt) / 2);
  // Only a change that matters re-renders: the warning is about minutes, not milliseconds.
  if (skew !== null && Math.abs(next - skew) < 1000) return;
  skew = next;
  skewListeners.forEach((l) => l());
}

export function clockSkew(): number | null {
  return skew;
}

export function useClockSkew(): number | null {
  return useSyncExternalStore(
    (l) => {
      skewListeners.add(l);
      return () => skewListeners.delete(l);
    },
    clockSkew,
    clockSkew,
  );
}
