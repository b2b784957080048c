/**
 * Internal barcodes for goods that come without one: EAN-13 in the GS1
 * restricted-circulation range (prefix 20, for use inside one shop), so any
 * scanner reads them and they never clash with a producer's real barcode.
 */
import { eq } from 'drizzle-orm';
import { products } from '../../db/schema';
import type { Ctx } from './context';
import { nextSequence, pad } from './sequences';

/** GS1 prefix for in-store numbers. */
export const INTERNAL_BARCODE_PREFIX = '20';

/** EAN-13 check digit of the first 12 digits (weights 1,3,1,3… from the left). */
export function ean13CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new RangeError(`EAN-13 needs 12 digits, got "${first12}"`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/** `20` + the 10-digit serial + check digit. */
export function internalEan13(serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= 10_000_000_000) {
    throw new RangeError(`internal barcode serial out of range: ${serial}`);
  }
  const first12 = INTERNAL_BARCODE_PREFIX + pad(serial, 10);
  return first12 + String(ean13CheckDigit(first12));
}

/**
 * The next unused internal barcode. Skips numbers already on a product
 * (say, a printed label scanned in by hand). Call inside the transaction
 * that stores it.
 */
export function nextInternalBarcode(ctx: Ctx): string {
  for (;;) {
    const code = internalEan13(nextSequence(ctx.db, 'barcode'));
    const taken = ctx.db.select({ id: products.id }).from(products).where(eq(products.barcode, code)).get();
    if (!taken) return code;
  }
}
