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
