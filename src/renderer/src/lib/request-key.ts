import { useCallback, useRef } from 'react';
import { newRequestId } from './ids';

/** JSON with object keys sorted: the same request always has the same signature. */
function signature(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(signature).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${signature(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Request keys (`idempotencyKey`, issue 17) for a screen's actions: one key per intended action.
 * `keyFor(request)` answers the same key for the same request until `done(request)` says it went
 * through, so a second click or a retry after a lost answer sends the same key and the host answers
 * the first result instead of doing it twice. A changed form is another request and gets a new key
 * (the host refuses a key reused for another request with CONFLICT). After `done` the same form
 * again is a new action with a new key.
 */
export function useRequestKey() {
  const keys = useRef(new Map<string, string>());
  const keyFor = useCallback((request: unknown): string => {
    const sig = signature(request);
    let key = keys.current.get(sig);
    if (!key) {
      key = newRequestId();
      keys.current.set(sig, key);
    }
    return key;
  }, []);
  const done = useCallback((request: unknown): void => {
    keys.current.delete(signature(request));
  }, []);
  return { keyFor, done };
}

/** Send `request` with its key; the key is released once the request went through. */
export async function sendKeyed<I extends object, R>(
  keys: { keyFor(request: unknown): string; done(request: unknown): void },
  request: I,
  send: (input: I & { idempotencyKey: string }) => Promise<R>,
): Promise<R> {
  const result = await send({ ...request, idempotencyKey: keys.keyFor(request) });
  keys.done(request);
  return result;
}
