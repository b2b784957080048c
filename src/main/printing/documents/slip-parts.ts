/**
 * Pieces the consignment slips (intake, return, settlement) share: the shop
 * header with the slip title, terms in the shop's words, and the two
 * signature blocks.
 */
import { formatNumber } from '../../../shared/money';
import type { Terms } from '../../../shared/types';
import { cleanText, type Doc } from '../layout';
import type { ShopHeader } from '../types';
import { COPY_MARK } from './receipt';

/** `2026-11-29` → `29/11/2026`. */
export function slipDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** 1500 → `15%`, 1250 → `12,5%`, 1234 → `12,34%`. */
export function formatBps(bps: number): string {
  const whole = Math.floor(bps / 100);
  const frac = bps % 100;
  if (frac === 0) return `${whole}%`;
  return `${whole},${String(frac).padStart(2, '0').replace(/0$/, '')}%`;
}

/** `Titip @ 40.000` (fixed) or `Komisi 15% @ 350.000` (commission on the sell price). */
export function termsLabel(terms: Terms, sellPrice: number): string {
  return terms.type === 'fixed'
    ? `Titip @ ${formatNumber(terms.supplierPrice)}`
    : `Komisi ${formatBps(terms.commissionBps)} @ ${formatNumber(sellPrice)}`;
}

/** `10 pcs, exp 01/03/2027`. */
export function qtyLabel(qty: number, unit: string, expiryDate: string | null): string {
  const base = `${formatNumber(qty)} ${cleanText(unit) || 'pcs'}`;
  return expiryDate ? `${base}, exp ${slipDate(expiryDate)}` : base;
}

/** Shop name, address, phone, then the slip title (and the copy mark). */
export function addSlipHeader(doc: Doc, shop: ShopHeader, title: string, copy: boolean | undefined): void {
  doc.center(shop.name, { bold: true, size: 'tall' });
  if (shop.address && cleanText(shop.address)) doc.center(shop.address);
  if (shop.phone && cleanText(shop.phone)) doc.center(`Telp. ${shop.phone}`);
  doc.blank();
  doc.center(title, { bold: true });
  if (copy) doc.center(COPY_MARK, { bold: true });
  doc.separator();
}

export interface SignatureBlock {
  /** Who signs: `Pemasok`, `Manajer`, `Petugas Penerima`. */
  title: string;
  /** The name printed under the line; without it, brackets to write the name in by hand. */
  name?: string | null;
}

/**
 * The supplier's side of a slip's signatures (settlement, return): the
 * owner's name when the supplier has one, else the supplier's own name.
 */
export function supplierSignature(supplier: { name: string; ownerName?: string | null }): SignatureBlock {
  return { title: 'Pemasok', name: (supplier.ownerName && cleanText(supplier.ownerName)) || supplier.name };
}

/**
 * Two signature blocks: the title, room to sign, then the name under a line
 * (or the name blank in brackets, the Indonesian way: `(..........)`).
 * Side by side when every title and name fits its half of the paper;
 * otherwise one block under the other, so a long name is printed whole,
 * wrapped on words, never cut.
 */
export function addSignatures(doc: Doc, left: SignatureBlock, right: SignatureBlock): void {
  const gap = doc.columns >= 42 ? 2 : 1;
  const leftWidth = Math.floor((doc.columns - gap) / 2);
  const rightWidth = doc.columns - gap - leftWidth;
  const nameOf = (b: SignatureBlock) => (b.name ? cleanText(b.name) : '');
  const blank = (width: number) => `(${'.'.repeat(Math.min(width, 22) - 2)})`;
  const rule = (width: number) => '_'.repeat(Math.min(width, 24));
  const fits = [left, right].every((b, i) => {
    const width = i === 0 ? leftWidth : rightWidth;
    return cleanText(b.title).length <= width && nameOf(b).length <= width;
  });
  if (fits) {
    const cell = (text: string, width: number): string => {
      const pad = Math.floor((width - text.length) / 2);
      return (' '.repeat(pad) + text).padEnd(width);
    };
    const row = (l: string, r: string) => doc.line(cell(cleanText(l), leftWidth) + ' '.repeat(gap) + cell(cleanText(r), rightWidth));
    row(left.title, right.title);
    doc.blank(3);
    const bottom = (b: SignatureBlock, width: number) => (nameOf(b) ? rule(width) : blank(width));
    row(bottom(left, leftWidth), bottom(right, rightWidth));
    if (nameOf(left) || nameOf(right)) row(nameOf(left), nameOf(right));
    return;
  }
  [left, right].forEach((b, i) => {
    if (i > 0) doc.blank();
    doc.center(b.title);
    doc.blank(3);
    if (nameOf(b)) {
      doc.center(rule(doc.columns));
      doc.center(nameOf(b));
    } else {
      doc.center(blank(doc.columns));
    }
  });
}
