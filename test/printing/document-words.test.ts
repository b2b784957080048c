/**
 * Documents a customer or a supplier takes home are in Bahasa Indonesia:
 * a copy says `** SALINAN **` (centred, bold, where the old English-Indonesian
 * mark stood) and no English word is printed. Decoded from the ESC/POS bytes
 * at 32 columns; every line fits the paper.
 */
import { describe, expect, it } from 'vitest';
import { renderIntakeSlip, type IntakeSlipData } from '../../src/main/printing/documents/intake-slip';
import { renderLabels } from '../../src/main/printing/documents/labels';
import { renderQrisSlip } from '../../src/main/printing/documents/qris-slip';
import { COPY_MARK, renderReceipt } from '../../src/main/printing/documents/receipt';
import { renderRefundSlip, type RefundSlipData } from '../../src/main/printing/documents/refund-slip';
import { renderReturnSlip, type ReturnSlipData } from '../../src/main/printing/documents/return-slip';
import { renderSettlementSlip } from '../../src/main/printing/documents/settlement-slip';
import { renderSettlementStatementHtml } from '../../src/main/printing/documents/settlement-statement-html';
import type { ReceiptData } from '../../src/main/printing/types';
import { decodeEscPos } from '../support/escpos-decode';
import { coffeeRefund, SALE_TIME_UTC, sampleReceipt } from './fixtures';
import { sampleSettlement } from './settlement-fixtures';

const SHOP = { name: 'PLUT Sultra', address: 'Jl. Abdullah Silondae No. 5, Kendari', phone: '0401-3121234' };

/**
 * English words that once were, or could easily be, on paper. Loanwords the
 * shop's Indonesian uses as they are (TOTAL, Subtotal, Transfer, QRIS,
 * E-Wallet, Ref, pcs, Exp) are not in it.
 */
const ENGLISH = /\b(copy|refund|receipt|change|cashier|thank|thanks|supplier|signature|date|paid|amount|void|reprint|items?|price|note|reason|approved|returns?|settlement|stock|customer|shop|sale|sold|total paid)\b/i;

function refunded(): ReceiptData {
  return {
    ...sampleReceipt(),
    refunds: [
      coffeeRefund(),
      {
        number: 'RF-K1-20261129-002',
        kind: 'void',
        createdAt: SALE_TIME_UTC + 65 * 60_000,
        lines: [{ name: 'Abon Ikan Tuna Pedas', qty: 1, amount: 38_000 }],
        payable: 38_000,
        payments: [{ method: 'qris', amount: 38_000 }],
      },
    ],
  };
}

function refundSlip(kind: RefundSlipData['kind']): RefundSlipData {
  return {
    shop: SHOP,
    kind,
    number: 'RF-K1-20261129-001',
    saleNumber: 'K1-20261129-0007',
    tillCode: 'K1',
    cashierName: 'Wa Ode Sitti',
    approvedByName: 'Bu Manajer',
    createdAt: SALE_TIME_UTC,
    timeZone: 'Asia/Makassar',
    reason: 'Kemasan bocor',
    lines: [{ name: 'Kopi Kolaka Bubuk 200 g', qty: 1, amount: 27_500, restock: true }],
    total: 27_500,
    rounding: 0,
    payments: [{ method: 'cash', amount: 27_500 }],
  };
}

const slipLines: IntakeSlipData['lines'] = [
  { name: 'Abon Ikan Tuna Pedas 100 g', qty: 4, unit: 'pak', expiryDate: '2026-11-30', terms: { type: 'fixed', supplierPrice: 28_000 }, sellPrice: 35_000, value: 112_000 },
  { name: 'Sarung Tenun Masalili', qty: 1, unit: 'lembar', expiryDate: null, terms: { type: 'commission', commissionBps: 1500 }, sellPrice: 350_000, value: 297_500 },
];

function intake(): IntakeSlipData {
  return {
    shop: SHOP,
    timeZone: 'Asia/Makassar',
    number: 'TT-20261129-004',
    createdAt: SALE_TIME_UTC,
    supplier: { code: 'S0007', name: 'UD Mete Muna' },
    receivedByName: 'Wa Ode Nurhayati',
    note: 'Kemasan baru',
    lines: slipLines,
    totalQty: 5,
    totalValue: 409_500,
  };
}

function returned(): ReturnSlipData {
  return {
    shop: SHOP,
    timeZone: 'Asia/Makassar',
    number: 'RT-20261129-001',
    createdAt: SALE_TIME_UTC,
    supplier: { code: 'S0007', name: 'UD Mete Muna' },
    createdByName: 'Wa Ode Nurhayati',
    reason: 'unsold',
    note: 'Musim hujan',
    lines: slipLines,
    totalQty: 5,
    totalValue: 409_500,
  };
}

/** Every customer or supplier document, as a copy where it can be one. */
const COPIES: { name: string; bytes: () => Uint8Array }[] = [
  { name: 'receipt', bytes: () => renderReceipt(sampleReceipt(), { columns: 32, copy: true }) },
  { name: 'receipt after a refund and a void', bytes: () => renderReceipt(refunded(), { columns: 32, copy: true }) },
  { name: 'refund slip', bytes: () => renderRefundSlip(refundSlip('refund'), { columns: 32, copy: true }) },
  { name: 'void slip', bytes: () => renderRefundSlip(refundSlip('void'), { columns: 32, copy: true }) },
  { name: 'intake slip', bytes: () => renderIntakeSlip(intake(), { columns: 32, copy: true }) },
  { name: 'return slip', bytes: () => renderReturnSlip(returned(), { columns: 32, copy: true }) },
  { name: 'settlement slip', bytes: () => renderSettlementSlip(sampleSettlement(), { columns: 32, copy: true }) },
];

describe('documents for customers and suppliers', () => {
  it('the copy mark is Bahasa Indonesia only', () => {
    expect(COPY_MARK).toBe('** SALINAN **');
  });

  it.each(COPIES)('$name: a copy says "** SALINAN **", centred and bold, once, and no English', ({ bytes }) => {
    const decoded = decodeEscPos(bytes(), { columns: 32 });
    for (const line of decoded.styled) expect(line.width, line.text).toBeLessThanOrEqual(32);
    const marks = decoded.lines.map((l, i) => [l, i] as const).filter(([l]) => l.includes('SALINAN'));
    expect(marks.map(([l]) => l)).toEqual(['         ** SALINAN **']);
    const [, at] = marks[0]!;
    expect(decoded.boldLines).toContain(at);
    expect(decoded.styled[at]!.boldText.trim()).toBe('** SALINAN **');
    // Near the top, above the first separator (where the shop header ends).
    expect(at).toBeLessThan(decoded.lines.findIndex((l) => l.startsWith('---')));
    const english = decoded.lines.filter((l) => ENGLISH.test(l));
    expect(english).toEqual([]);
  });

  it('the receipt names a refund "RETUR", as the refund slip and the screens do', () => {
    const lines = decodeEscPos(renderReceipt(refunded(), { columns: 32, copy: true }), { columns: 32 }).lines;
    expect(lines).toContain('RETUR');
    expect(lines).toContain('PEMBATALAN');
  });

  it('QRIS slip and price labels: no English', () => {
    const qris = decodeEscPos(renderQrisSlip({ shopName: 'PLUT Sultra', merchantName: 'PLUT SULTRA KENDARI', payload: '000201010212', amount: 50_000, createdAt: SALE_TIME_UTC, timeZone: 'Asia/Makassar' }, 32), { columns: 32 });
    const labels = decodeEscPos(renderLabels([{ label: { name: 'Kacang Mete Original', sellPrice: 50_000, sku: 'P00001', barcode: '2000000000015', expiryDate: '2027-03-01' }, qty: 1 }], { columns: 32 }), { columns: 32 });
    expect([...qris.lines, ...labels.lines].filter((l) => ENGLISH.test(l))).toEqual([]);
  });

  it('the A4 settlement statement marks a copy "SALINAN"', () => {
    const html = renderSettlementStatementHtml(sampleSettlement(), { copy: true });
    expect(html).toContain('<p class="mark">SALINAN</p>');
    expect(html).not.toMatch(/\bCOPY\b/);
  });
});
