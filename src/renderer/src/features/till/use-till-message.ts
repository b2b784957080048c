import { useCallback, useEffect, useRef, useState } from 'react';
import { errorBeep } from '../../lib/beep';
import type { StockProblem } from './cart';
import type { MessageText, TillMessage } from './product-finder';

const MESSAGE_MS = 6000;

/** The till's one-line message under the scan field: errors beep, every message fades after a while. */
export function useTillMessage() {
  const [message, setMessage] = useState<TillMessage | null>(null);
  const messageSeq = useRef(0);

  const notify = useCallback((m: Omit<TillMessage, 'id'> | null) => {
    if (m?.tone === 'error') errorBeep();
    setMessage(m ? { ...m, id: ++messageSeq.current } : null);
  }, []);

  useEffect(() => {
    if (!message) return;
    const id = setTimeout(() => setMessage((cur) => (cur?.id === message.id ? null : cur)), MESSAGE_MS);
    return () => clearTimeout(id);
  }, [message]);

  const clearMessage = useCallback(() => setMessage(null), []);

  return { message, notify, clearMessage };
}

/** The words for a refused cart change. */
export function problemText(problem: StockProblem, name: string): { text: MessageText; detail?: MessageText } {
  switch (problem.kind) {
    case 'expired':
      return { text: { key: 'till.expiredStock' }, detail: name };
    case 'outOfStock':
      return { text: { key: 'till.outOfStock' }, detail: name };
    case 'insufficient':
      return {
        text: { key: 'till.insufficient' },
        detail: { key: 'till.insufficientDetail', params: { name, available: problem.available, requested: problem.requested } },
      };
    case 'invalidQty':
      return { text: { key: 'till.invalidQty' } };
  }
}
