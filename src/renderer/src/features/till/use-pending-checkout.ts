import { useEffect, useRef, useState } from 'react';
import { call } from '../../api';
import type { CheckoutResult } from '../../../../shared/types';
import { isUnreachable } from '../../lib/host-link';
import { clearPending, onPendingChange, readPending, type PendingCheckout } from './pending-checkout';

/** How long the till waits between two tries of a kept checkout while the host does not answer. */
export const RETRY_MS = 2000;

/**
 * The kept checkout of this till (issue 18): while one waits and the payment dialog is not sending
 * it itself (`paused`), send it again (same request, same `clientRequestId`) until the host
 * answers. The host's answer decides: a sale (`onSold`, the first sale again if it was already
 * made) or a refusal (`onRefused`, the cart stays).
 */
export function usePendingCheckout(
  tillCode: string,
  paused: boolean,
  onSold: (result: CheckoutResult) => void,
  onRefused: (err: unknown) => void,
): { pending: PendingCheckout | null; sending: boolean } {
  const [pending, setPending] = useState(() => readPending(tillCode));
  const [sending, setSending] = useState(false);
  const handlers = useRef({ onSold, onRefused });
  handlers.current = { onSold, onRefused };

  useEffect(() => {
    setPending(readPending(tillCode));
    return onPendingChange(() => setPending(readPending(tillCode)));
  }, [tillCode]);

  const key = pending?.input.clientRequestId ?? null;
  useEffect(() => {
    if (!key || paused) return;
    const kept = readPending(tillCode);
    if (!kept || kept.input.clientRequestId !== key) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = async () => {
      setSending(true);
      try {
        const result = await call('sales.checkout', kept.input);
        if (stopped) return;
        clearPending(key);
        handlers.current.onSold(result);
      } catch (err) {
        if (stopped) return;
        if (isUnreachable(err)) timer = setTimeout(() => void attempt(), RETRY_MS);
        else {
          clearPending(key);
          handlers.current.onRefused(err);
        }
      } finally {
        if (!stopped) setSending(false);
      }
    };
    void attempt();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [key, paused, tillCode]);

  return { pending, sending };
}
