/**
 * EAN-13 as modules (1 = bar, 0 = space) for the A4 sticker sheet: start
 * guard, six left digits in L/G codes chosen by the first digit, centre
 * guard, six right digits in R codes, end guard — 95 modules.
 */
import { isValidEan13 as isEan13 } from '../../../../../shared/ean13';

/** L (odd parity) codes of 0–9; R is the complement of L, G is R reversed. */
const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const R = L.map((c) => [...c].map((b) => (b === '1' ? '0' : '1')).join(''));
const G = R.map((c) => [...c].reverse().join(''));
/** Which of the left six digits use L or G, by the first digit. */
const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];

export { ean13CheckDigit as ean13Check, isValidEan13 as isEan13 } from '../../../../../shared/ean13';

/** The 95 modules of a valid EAN-13, or null for anything else. */
export function ean13Modules(code: string): string | null {
  if (!isEan13(code)) return null;
  const d = [...code].map(Number);
  const parity = PARITY[d[0]];
  let out = '101';
  for (let i = 1; i <= 6; i++) out += (parity[i - 1] === 'L' ? L : G)[d[i]];
  out += '01010';
  for (let i = 7; i <= 12; i++) out += R[d[i]];
  return out + '101';
}

/** Guard bars reach lower than the digit bars. */
export function isGuardModule(index: number): boolean {
  return index < 3 || (index >= 45 && index < 50) || index >= 92;
}

/** Runs of bars as `[start, width]` in modules (for SVG rects). */
export function barRuns(modules: string): [number, number][] {
  const runs: [number, number][] = [];
  let i = 0;
  while (i < modules.length) {
    if (modules[i] === '1') {
      const start = i;
      while (modules[i] === '1') i++;
      runs.push([start, i - start]);
    } else i++;
  }
  return runs;
}
