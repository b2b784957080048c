import { useCallback, useEffect, useRef, useState } from 'react';
import { isCharKey, MACHINE_GAP_MS, ScanBurst } from './scan-burst';

/**
 * Where a scan is welcome as typed, inside a catcher's screen: the till's scan field and the payment
 * dialog, which tell scans from money themselves (`data-takes-scans` on the element or an ancestor).
 * The refund screen reads its scans itself and has no catcher.
 */
const TAKES_SCANS = '[data-takes-scans]';

/** The number fields of every screen: money, quantities, percents, counts, PINs. */
export const NUMBER_FIELDS = 'input[inputmode="numeric"], input[inputmode="decimal"]';

export interface ScanNoteView {
  tone: 'success' | 'error' | 'info';
  text: string;
}

/** Where a caught burst was typed: a number field, a text field, or elsewhere (a button, the page). */
export type ScanPlace = 'number' | 'text' | 'other';

/** What became of a caught code: `isScan` false when it is no known code (typing, in a text field). */
export interface ScanAnswer {
  isScan: boolean;
  note: ScanNoteView | null;
}

type Field = HTMLInputElement | HTMLTextAreaElement;
/** A React keydown or a DOM one (a screen whose keys are read on the window, like the login's PIN). */
type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'timeStamp' | 'target' | 'preventDefault' | 'stopPropagation'>;
const isField = (el: Element): el is Field => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;

const isNumberField = (el: Element): boolean => el.matches(NUMBER_FIELDS);

/** Enter on a field as if typed: its own handler, else its form's submit. */
export function pressEnter(el: Field): void {
  const go = el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
  if (go && el instanceof HTMLInputElement && el.form) el.form.requestSubmit();
}

/** Set a React-controlled field to `value`: the native setter, then the input event React listens to. */
export function setFieldValue(el: Field, value: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * A barcode scanner's burst (keys a few ms apart, then Enter) that lands where no scan belongs: a
 * field of a dialog, the opening float, a quantity, a denomination count, a focused button. The
 * burst's Enter is taken before the field or its form sees it (no dialog is confirmed, no shift
 * opened, no button pressed) and the code is handed to `onScan`, one at a time in the order
 * scanned; what it answers is shown as a note above every dialog for a few seconds.
 *
 * A number field (money, quantity, count, PIN) or a button is never typed into by a scan: it goes
 * back to what it held before the burst, whatever the code. A text field (a note, a reference) does
 * the same when the code is a scan (`isScan`); a code that is no product was fast typing, so the
 * keys stay and the Enter is given back to the field — the payment dialog's rule.
 *
 * `only` limits the catching to the fields it matches (the back office: its number fields, so a
 * barcode field still takes a scan); `longerThan` leaves shorter bursts alone (the login's PIN, which
 * a quick hand can type within SCAN_MAX_GAP_MS a key), except a burst exactly as long as the longest
 * PIN whose keys came at a machine's speed (MACHINE_GAP_MS): an EAN-8. Keys a person types never make a burst.
 */
export function useScanCatcher(onScan: (code: string, place: ScanPlace) => Promise<ScanAnswer>, options: { only?: string; longerThan?: number } = {}) {
  const { only, longerThan = 0 } = options;
  const burst = useRef(new ScanBurst());
  const before = useRef<{ el: Field; value: string } | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef(onScan);
  latest.current = onScan;
  const [note, setNote] = useState<ScanNoteView | null>(null);

  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(null), 5000);
    return () => clearTimeout(timer);
  }, [note]);

  const onKeyDownCapture = useCallback(
    (e: KeyLike) => {
      const el = e.target as HTMLElement;
      if (el.closest(TAKES_SCANS) || (only && !el.matches(only))) {
        burst.current.reset();
        return;
      }
      if (isCharKey(e)) {
        if (burst.current.key(e.key, e.timeStamp)) before.current = isField(el) ? { el, value: el.value } : null;
        return;
      }
      if (e.key !== 'Enter') {
        if (e.key !== 'Shift') burst.current.reset();
        return;
      }
      const code = burst.current.enter(e.timeStamp);
      // As long as the longest PIN (an EAN-8) but at a machine's speed: a scan. Shorter: a PIN, however fast.
      const machineLong = code !== null && code.length === longerThan && burst.current.lastGapMs < MACHINE_GAP_MS;
      if (!code || (code.length <= longerThan && !machineLong)) return;
      e.preventDefault();
      e.stopPropagation();
      const snap = before.current;
      before.current = null;
      const textField = snap !== null && !isNumberField(snap.el);
      const place: ScanPlace = snap === null ? 'other' : textField ? 'text' : 'number';
      const putBack = () => {
        if (snap && snap.el.value !== snap.value) setFieldValue(snap.el, snap.value);
      };
      if (!textField) putBack();
      chain.current = chain.current
        .then(() => latest.current(code, place))
        .then((answer) => {
          if (textField && !answer.isScan) return pressEnter(snap.el);
          if (textField) putBack();
          if (answer.note) setNote(answer.note);
        })
        .catch(() => undefined);
    },
    [only, longerThan],
  );

  return { onKeyDownCapture, note };
}

/** The answer to a caught scan, above the dialogs (the till's message line is behind them). */
export function ScanNote({ note }: { note: ScanNoteView | null }) {
  if (!note) return null;
  return (
    <div className={`scan-note scan-note-${note.tone}`} role={note.tone === 'error' ? 'alert' : 'status'} data-testid="scan-note">
      {note.text}
    </div>
  );
}

/**
 * A scan caught in a number field of a screen that has a scan field of its own (`data-scan-field`:
 * the intake's, the stock count's): the code goes there, as if scanned there. False when the screen
 * has none.
 */
export async function toScanField(code: string): Promise<boolean> {
  // Not one of a tab out of view (the intake's, while its history is shown).
  const field = [...document.querySelectorAll<HTMLInputElement>('input[data-scan-field]')].find((f) => !f.closest('[hidden]'));
  if (!field) return false;
  field.focus();
  setFieldValue(field, code);
  // Let the screen take the new text before its Enter reads it.
  await new Promise((resolve) => setTimeout(resolve, 0));
  pressEnter(field);
  return true;
}
