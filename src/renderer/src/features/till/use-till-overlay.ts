import { useCallback, useRef, useState, type RefObject } from 'react';
import type { TermsChange } from './use-terms-approval';

/** What covers the till: at most one dialog at a time (null: the scan field has the keyboard). */
export type Overlay =
  | { kind: 'pay' }
  | { kind: 'confirmClear' }
  | { kind: 'discount'; productId?: number }
  | { kind: 'approve'; change: TermsChange; reasons: string[] }
  | { kind: 'hold' }
  | { kind: 'held' }
  | { kind: 'drawer' }
  | { kind: 'help' }
  | { kind: 'hostMove' }
  | null;

/**
 * The till's overlay state: which dialog is open, and the scan field's focus when none is. The ref
 * holds the current overlay also between a change and the next render, for key handlers.
 */
export function useTillOverlay(scanRef: RefObject<HTMLInputElement | null>) {
  const [overlay, setOverlay] = useState<Overlay>(null);
  const overlayRef = useRef<Overlay>(null);
  overlayRef.current = overlay;

  const focusScan = useCallback(() => {
    requestAnimationFrame(() => {
      if (!overlayRef.current) scanRef.current?.focus();
    });
  }, [scanRef]);

  const closeOverlay = useCallback(() => {
    setOverlay(null);
    overlayRef.current = null;
    focusScan();
  }, [focusScan]);

  /** Close whatever is open and give the scan field the focus now, not at the next frame (after a sale). */
  const dismissNow = useCallback(() => {
    setOverlay(null);
    overlayRef.current = null;
    scanRef.current?.focus();
  }, [scanRef]);

  return { overlay, overlayRef, open: setOverlay, closeOverlay, dismissNow, focusScan };
}
