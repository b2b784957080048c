/**
 * Telling a barcode scanner from a person. A scanner types a code and Enter
 * within a few milliseconds a key; a person types a digit every 100 ms or
 * so. A burst is at least SCAN_MIN_LENGTH characters, every key (and the
 * Enter) within SCAN_MAX_GAP_MS of the one before. Where a burst could be
 * money or text (the payment dialog, a note), it is only a candidate: the
 * caller checks that the code is a real barcode or SKU before treating it as
 * a scan. A number field outside the payment dialog never takes a burst,
 * whatever its code (scan-catcher.tsx): no one types an amount that fast.
 */
export const SCAN_MAX_GAP_MS = 50;
export const SCAN_MIN_LENGTH = 4;
/**
 * Faster than any hand: a burst whose keys came on average this close (a scanner's are 1–10 ms
 * apart; a quick typist's 80 ms and more, a rolled digit pair 30–40 ms). Where a burst could be a
 * secret typed quickly (the login's PIN), only this speed tells a short barcode (EAN-8) from it.
 */
export const MACHINE_GAP_MS = 20;

export class ScanBurst {
  private chars = '';
  private first = Number.NEGATIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;
  /** The mean time between the keys of the last burst `enter` returned, Enter included (ms). */
  lastGapMs = Number.POSITIVE_INFINITY;

  /** A printable character typed at `at` (ms). True when it starts a new run (take a snapshot of the fields then). */
  key(ch: string, at: number): boolean {
    const fresh = at - this.last > SCAN_MAX_GAP_MS;
    if (fresh) {
      this.chars = '';
      this.first = at;
    }
    this.chars += ch;
    this.last = at;
    return fresh;
  }

  /** Enter typed at `at`: the burst's text when it came at scanner speed and is long enough, else null. Starts over. */
  enter(at: number): string | null {
    const text = at - this.last <= SCAN_MAX_GAP_MS && this.chars.length >= SCAN_MIN_LENGTH ? this.chars : null;
    this.lastGapMs = text ? (at - this.first) / text.length : Number.POSITIVE_INFINITY;
    this.reset();
    return text;
  }

  /** Any other key (Backspace, arrows, a click): whatever was typed is not a scan. */
  reset(): void {
    this.chars = '';
    this.first = Number.NEGATIVE_INFINITY;
    this.last = Number.NEGATIVE_INFINITY;
  }
}

/** A key that types one character (no Ctrl/Alt/Meta). */
export const isCharKey = (e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>): boolean =>
  e.key.length === 1 && !e.ctrlKey && !e.altKey && !e.metaKey;
