import { useEffect, type RefObject } from 'react';
import { navigate } from '../../app/routes';
import { useCommands } from '../../lib/commands';
import { isCharKey } from '../../lib/scan-burst';
import type { FinderHandle, TillMessage } from './product-finder';
import { TILL_COMMANDS, type TillCommandState } from './till-commands';
import type { Overlay } from './use-till-overlay';

const isEditable = (target: EventTarget | null): boolean => {
  const el = target as HTMLElement | null;
  return Boolean(el?.closest?.('input, textarea, select, button, a, summary, [contenteditable="true"], [role="dialog"]'));
};

/**
 * The till's keyboard: every till action is a command of till-commands.ts (keys, when allowed, why
 * not), and a key typed while the focus is on nothing in particular goes into the scan field.
 */
export function useTillKeymap(o: {
  shiftOpen: boolean;
  lines: number;
  /** The cart as it stands is one the server would refuse (e.g. a discount bigger than its line). */
  pricingProblem: boolean;
  overlay: Overlay;
  overlayRef: RefObject<Overlay>;
  isManager: boolean;
  lastSale: boolean;
  /** The cart line a quantity or line discount key acts on. */
  lastLineId: number | undefined;
  finderRef: RefObject<FinderHandle | null>;
  open(overlay: Overlay): void;
  reprintLast(): void;
  notify(m: Omit<TillMessage, 'id'>): void;
  focusScan(): void;
}) {
  const { open, finderRef, lastLineId, overlayRef, focusScan } = o;
  const commandState: TillCommandState = {
    shiftOpen: o.shiftOpen,
    lines: o.lines,
    pricingProblem: o.pricingProblem,
    overlay: o.overlay !== null,
    isManager: o.isManager,
    lastSale: o.lastSale,
    actions: {
      help: () => open({ kind: 'help' }),
      pay: () => open({ kind: 'pay' }),
      search: () => finderRef.current?.focusSelect(),
      hold: () => open({ kind: 'hold' }),
      held: () => open({ kind: 'held' }),
      quantity: () => {
        // After any focus the scan field is still due to get (a dialog just closed).
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`[data-product="${lastLineId}"] [data-testid="qty-input"]`)?.focus());
      },
      lineDiscount: () => lastLineId !== undefined && open({ kind: 'discount', productId: lastLineId }),
      saleDiscount: () => open({ kind: 'discount' }),
      clear: () => open({ kind: 'confirmClear' }),
      refund: () => navigate('refund'),
      reprint: () => o.reprintLast(),
      drawer: () => open({ kind: 'drawer' }),
    },
  };
  const commands = useCommands(TILL_COMMANDS, commandState, {
    onRefused: (command, state) => {
      const why = command.why?.(state);
      if (why && why !== 'cmd.why.dialog') o.notify({ tone: 'info', text: { key: why } });
    },
  });

  // A key typed while the focus is on nothing in particular (after a sale, after a click on
  // the page) goes into the scan field: a scanner's digits and its Enter are never lost.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || overlayRef.current || isEditable(e.target)) return;
      if (isCharKey(e)) {
        e.preventDefault();
        finderRef.current?.typeAhead(e.key);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        finderRef.current?.enter();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [finderRef, overlayRef]);

  // Keep the focus when the window comes back (alt-tab, another app's dialog).
  useEffect(() => {
    const onFocus = () => focusScan();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [focusScan]);

  return { commands, commandState };
}
