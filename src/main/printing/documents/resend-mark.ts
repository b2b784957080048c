/**
 * The mark on top of a job sent again after a failure or an interruption:
 * ESC/POS gives no proof that the first send did not print, so whatever is
 * sent again says it is a copy (at least once, never silently twice).
 */
import type { PrinterColumns } from '../../../shared/printer';
import { encodeBlocks } from '../encode';
import { Doc } from '../layout';

/** Printed as "SALINAN - cetak ulang" (the printer's code page has no em dash). */
export const RESEND_MARK = 'SALINAN — cetak ulang';

export function renderResendMark(columns: PrinterColumns): Uint8Array {
  return encodeBlocks(new Doc(columns).center(RESEND_MARK, { bold: true }).blank().blocks, { columns });
}
