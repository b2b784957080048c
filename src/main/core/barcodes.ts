/**
 * Internal barcodes for goods that come without one: EAN-13 in the GS1
 * restricted-circulation range (prefix 20, for use inside one shop), so any
 * scanner reads them and they never clash with a producer's real barcode.
 */
import { eq } from 'drizzle-orm';
import { products } from '../../db/schema';
import type { Ctx } from './context';
import { nextSequence, pad } from './sequences';
import { ean13CheckDigit } from '../../shared/ean13';

/** GS1 prefix for in-store numbers. */
export const INTERNAL_BARCODE_PREFIX = '20';

export { ean13CheckDigit, isValidEan13 } from '../../shared/ean13';

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
