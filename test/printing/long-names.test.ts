/**
 * Every printed document kind at 32, 42 and 48 columns with long Indonesian
 * names (40+ characters): products, the supplier, its owner, the staff and
 * the shop. Read back from the bytes with the independent decoder
 * (test/support/escpos-decode.ts), never from the layout's own preview:
 *
 * - every line fits the paper;
 * - every name is printed whole: its words in order, none cut, nothing of
 *   another text between them (names side by side that interleave fail);
 * - when a name wraps, no number shares a line with a fragment of it (the
 *   quantity or amount goes on a line of its own).
 */
import { describe, expect, it } from 'vitest';
import { renderReceipt } from '../../src/main/printing/documents/receipt';
import { renderIntakeSlip, type IntakeSlipData } from '../../src/main/printing/documents/intake-slip';
import { renderReturnSlip, type ReturnSlipData } from '../../src/main/printing/documents/return-slip';
import { renderSettlementSlip } from '../../src/main/printing/documents/settlement-slip';
import { renderRefundSlip, type RefundSlipData } from '../../src/main/printing/documents/refund-slip';
import { renderShiftReport, type ShiftReportData } from '../../src/main/printing/documents/shift-report';
import { renderQrisSlip } from '../../src/main/printing/documents/qris-slip';
import { renderLabels } from '../../src/main/printing/documents/labels';
import { renderTestPage } from '../../src/main/printing/documents/test-page';
import type { PrinterColumns } from '../../src/shared/printer';
import { decodeEscPos } from '../support/escpos-decode';
import { sampleReceipt, SALE_TIME_UTC } from './fixtures';
import { sampleSettlement } from './settlement-fixtures';

const SHOP_NAME = 'PLUT KUMKM Provinsi Sulawesi Tenggara Kendari';
const SHOP = { name: SHOP_NAME, address: 'Jl. Abdullah Silondae No. 5, Kelurahan Korumba, Kecamatan Mandonga, Kota Kendari', phone: '0401-3121234' };
const P1 = 'Kacang Mete Bawang Goreng Renyah Khas Muna 250 g';
const P2 = 'Abon Ikan Cakalang Pedas Manis Asli Wakatobi 100 g';
const P3 = 'Sarung Tenun Buton Motif Kasopa Merah Marun Benang Sutra';
const SUPPLIER = 'Koperasi Produsen Mete Rakyat Muna Barat Sejahtera';
const OWNER = 'La Ode Safiuddin Muhammad Arsyad Lakidende';
const STAFF = 'Wa Ode Nurhayati Sitti Rahmawati Lamusu';
const CASHIER = 'Andi Fajar Ramadhan Syahputra Lasandara';
const MANAGER = 'Hj. Sitti Rahma Nurmiati Lapadi Tamburaka';

const COLUMNS: PrinterColumns[] = [32, 42, 48];

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What is wrong with how `name` is printed in `lines` (empty when nothing). */
export function nameProblems(lines: readonly string[], name: string): string[] {
  const texts = lines.map(squash);
  const stream = texts.join('\n');
  const re = new RegExp(squash(name).split(' ').map(escape).join('[ \\n]'), 'g');
  const problems: string[] = [];
  let found = false;
  const covered: [number, number][] = [];
  for (let m = re.exec(stream); m; m = re.exec(stream)) {
    found = true;
    covered.push([m.index, m.index + m[0].length]);
    const startLine = stream.slice(0, m.index).split('\n').length - 1;
    const endLine = stream.slice(0, m.index + m[0].length).split('\n').length - 1;
    if (endLine === startLine) continue;
    const lastLineStart = stream.lastIndexOf('\n', m.index + m[0].length - 1) + 1;
    const lastLineEnd = stream.indexOf('\n', m.index + m[0].length);
    const after = stream.slice(m.index + m[0].length, lastLineEnd < 0 ? undefined : lastLineEnd);
    if (/\d/.test(after)) problems.push(`a number shares a line with the end of wrapped "${name}": "${stream.slice(lastLineStart, lastLineEnd < 0 ? undefined : lastLineEnd)}"`);
  }
  if (!found) problems.push(`"${name}" is not printed whole (cut, or another text between its words)`);
  // Another occurrence that is not whole: a line ending with the name's first words, or starting
  // with its last words, outside every whole occurrence.
  const words = squash(name).split(' ');
  const inside = (at: number) => covered.some(([a, b]) => at >= a && at < b);
  let offset = 0;
  for (const text of texts) {
    for (let k = 2; k < words.length; k++) {
      const head = words.slice(0, k).join(' ');
      const tail = words.slice(words.length - k).join(' ');
      if (text.endsWith(head) && (text.length === head.length || text[text.length - head.length - 1] === ' ') && !inside(offset + text.length - head.length)) {
        problems.push(`"${name}" is broken off after "${head}": "${text}"`);
      }
      if (text.startsWith(tail) && (text.length === tail.length || text[tail.length] === ' ') && !inside(offset)) {
        problems.push(`"${name}" continues as "${tail}" on a line of its own: "${text}"`);
      }
    }
    offset += text.length + 1;
  }
  return [...new Set(problems)];
}

interface Printed {
  kind: string;
  bytes: Uint8Array;
  names: string[];
}

function intake(): IntakeSlipData {
  return {
    shop: SHOP,
    timeZone: 'Asia/Makassar',
    number: 'TT-20261129-004',
    createdAt: SALE_TIME_UTC,
    supplier: { code: 'S0007', name: SUPPLIER },
    receivedByName: STAFF,
    note: null,
    lines: [
      { name: P1, qty: 48, unit: 'toples', expiryDate: '2027-06-30', terms: { type: 'fixed', supplierPrice: 40_000 }, sellPrice: 50_000, value: 1_920_000 },
      { name: P3, qty: 3, unit: 'lembar', expiryDate: null, terms: { type: 'commission', commissionBps: 1500 }, sellPrice: 1_350_000, value: 3_442_500 },
    ],
    totalQty: 51,
    totalValue: 5_362_500,
  };
}

function returned(): ReturnSlipData {
  const i = intake();
  return { ...i, number: 'RT-20261129-001', createdByName: STAFF, reason: 'expired', note: null };
}

function refund(kind: 'refund' | 'void'): RefundSlipData {
  return {
    shop: SHOP,
    kind,
    number: 'RF-K1-20261129-001',
    saleNumber: 'K1-20261129-0007',
    tillCode: 'K1',
    cashierName: CASHIER,
    approvedByName: MANAGER,
    createdAt: SALE_TIME_UTC,
    timeZone: 'Asia/Makassar',
    reason: 'Kemasan bocor',
    lines: [
      { name: P1, qty: 12, amount: 600_000, restock: false },
      { name: P2, qty: 2, amount: 1_250_000, restock: true },
    ],
    total: 1_850_000,
    rounding: 0,
    payments: [{ method: 'cash', amount: 1_850_000 }],
  };
}

function shift(kind: 'X' | 'Z'): ShiftReportData {
  return {
    shop: SHOP,
    printedAt: SALE_TIME_UTC,
    timeZone: 'Asia/Makassar',
    report: {
      kind,
      shiftId: 12,
      tillCode: 'K1',
      openedAt: SALE_TIME_UTC - 3600_000,
      openedByName: CASHIER,
      closedAt: kind === 'Z' ? SALE_TIME_UTC : null,
      closedByName: kind === 'Z' ? MANAGER : null,
      salesCount: 23,
      voidCount: 1,
      refundCount: 2,
      itemsSold: 61,
      gross: 14_512_500,
      discounts: 87_250,
      netSales: 14_425_250,
      refunds: 132_500,
      net: 14_292_750,
      rounding: 0,
      byMethod: [{ method: 'cash', sales: 14_292_750, refunds: 0, net: 14_292_750 }],
      byCashier: [
        { userId: 2, name: MANAGER, salesCount: 3, total: 10_610_000 },
        { userId: 3, name: CASHIER, salesCount: 20, total: 3_815_250 },
      ],
      cash: { openingFloat: 300_000, cashSales: 14_292_750, changeGiven: 0, cashRefunds: 0, payIns: 100_000, payOuts: 45_000, expected: 14_647_750, counted: kind === 'Z' ? 14_647_750 : null, variance: kind === 'Z' ? 0 : null },
      movements: [{ id: 1, shiftId: 12, kind: 'pay_out', amount: 45_000, reason: `Bayar ongkos kirim ${SUPPLIER}`, createdBy: 3, createdByName: CASHIER, createdAt: SALE_TIME_UTC }],
      denominations: [],
    },
  };
}

function documents(columns: PrinterColumns): Printed[] {
  const receipt = sampleReceipt();
  receipt.shop = { ...SHOP, footer: null };
  receipt.cashierName = CASHIER;
  receipt.lines = [
    { name: P1, qty: 12, unitPrice: 1_250_000, discount: 0, lineTotal: 15_000_000 },
    { name: P2, qty: 2, unitPrice: 45_000, discount: 5_000, lineTotal: 85_000 },
    { name: P3, qty: 1, unitPrice: 1_350_000, discount: 0, lineTotal: 1_350_000 },
  ];
  receipt.subtotal = 16_440_000;
  receipt.discountTotal = 5_000;
  receipt.total = 16_435_000;
  receipt.payments = [{ method: 'cash', amount: 16_500_000 }];
  receipt.change = 65_000;

  const settlement = sampleSettlement();
  const s = settlement.settlement;
  settlement.shop = SHOP;
  s.supplier = { ...s.supplier, name: SUPPLIER, ownerName: OWNER, bankHolder: OWNER };
  s.createdByName = MANAGER;
  s.breakdown.products = s.breakdown.products.map((p, i) => ({ ...p, name: [P1, P2, P1, P3][i]! }));
  s.breakdown.refunds = s.breakdown.refunds.map((r) => ({ ...r, name: P1 }));
  s.breakdown.losses = s.breakdown.losses.map((r) => ({ ...r, name: P2 }));
  s.stock = [
    { productId: 1, name: P1, unit: 'toples', qty: 48, expiredQty: 0 },
    { productId: 2, name: P2, unit: 'pcs', qty: 4, expiredQty: 4 },
  ];
  const voided = structuredClone(settlement);
  voided.settlement.status = 'voided';
  voided.settlement.voidReason = `Salah pemasok, seharusnya ${SUPPLIER}`;

  const label = (name: string, sku: string, expiryDate: string | null) => ({ label: { name, sellPrice: 65_000, sku, barcode: '8991234500010', expiryDate }, qty: 1 });

  return [
    { kind: 'receipt', bytes: renderReceipt(receipt, { columns, openDrawer: true }), names: [SHOP_NAME, P1, P2, P3, CASHIER] },
    { kind: 'receipt copy', bytes: renderReceipt(receipt, { columns, copy: true }), names: [SHOP_NAME, P1, P2, P3, CASHIER] },
    { kind: 'intake slip', bytes: renderIntakeSlip(intake(), { columns }), names: [SHOP_NAME, P1, P3, SUPPLIER, STAFF] },
    { kind: 'return slip', bytes: renderReturnSlip(returned(), { columns }), names: [SHOP_NAME, P1, P3, SUPPLIER, STAFF] },
    { kind: 'settlement slip', bytes: renderSettlementSlip(settlement, { columns }), names: [SHOP_NAME, P1, P2, P3, SUPPLIER, OWNER, MANAGER] },
    { kind: 'voided settlement copy', bytes: renderSettlementSlip(voided, { columns, copy: true }), names: [SHOP_NAME, P1, P2, P3, SUPPLIER, OWNER, MANAGER] },
    { kind: 'refund slip', bytes: renderRefundSlip(refund('refund'), { columns, openDrawer: true }), names: [SHOP_NAME, P1, P2, CASHIER, MANAGER] },
    { kind: 'void slip', bytes: renderRefundSlip(refund('void'), { columns }), names: [SHOP_NAME, P1, P2, CASHIER, MANAGER] },
    { kind: 'X report', bytes: renderShiftReport(shift('X'), { columns }), names: [SHOP_NAME, CASHIER, MANAGER] },
    { kind: 'Z report', bytes: renderShiftReport(shift('Z'), { columns }), names: [SHOP_NAME, CASHIER, MANAGER] },
    {
      kind: 'QRIS slip',
      bytes: renderQrisSlip({ shopName: SHOP_NAME, merchantName: SUPPLIER, payload: '00020101021126', amount: 16_435_000, createdAt: SALE_TIME_UTC, timeZone: 'Asia/Makassar' }, columns),
      names: [SHOP_NAME, SUPPLIER],
    },
    { kind: 'labels', bytes: renderLabels([label(P1, 'P00001', '2027-06-30'), label(P3, 'P00003', null)], { columns }), names: [P1, P3] },
    {
      kind: 'test page',
      bytes: renderTestPage({ shopName: SHOP_NAME, tillCode: 'K1', config: { columns, transport: { type: 'network', host: '192.168.1.87', port: 9100 } }, at: SALE_TIME_UTC }),
      names: [SHOP_NAME],
    },
  ];
}

describe('the name checker', () => {
  it('accepts a name on one line, or wrapped with its amount on a line of its own', () => {
    expect(nameProblems(['Kacang Mete 250 g   48 toples'], 'Kacang Mete 250 g')).toEqual([]);
    expect(nameProblems(['Kacang Mete Bawang', '250 g', '           48 toples'], 'Kacang Mete Bawang 250 g')).toEqual([]);
  });
  it('catches the slip the supplier complained about: a cut name and a number beside a fragment', () => {
    expect(nameProblems(['   Pemasok        Pengelola', ' La Ode Safiuddi  Bu Manajer'], 'La Ode Safiuddin')).not.toEqual([]);
    expect(nameProblems(['Kacang Mete Bawang 250 48 toples', 'g'], 'Kacang Mete Bawang 250 g')).not.toEqual([]);
    expect(nameProblems(['Kacang Mete Bawang  2 x 65.000 130.000', '250 g'], 'Kacang Mete Bawang 250 g')).not.toEqual([]);
    expect(nameProblems(['Kacang Mete', 'Bawang 250 g   48 toples'], 'Kacang Mete Bawang 250 g')).not.toEqual([]);
  });
});

describe('every printed document with long names', () => {
  for (const columns of COLUMNS) {
    for (const doc of documents(columns)) {
      it(`${doc.kind} at ${columns} columns: fits, no name cut, no number beside a wrapped name`, () => {
        const decoded = decodeEscPos(doc.bytes, { columns });
        expect(decoded.unknown).toEqual([]);
        expect(decoded.warnings).toEqual([]);
        for (const line of decoded.styled) expect(line.width, `"${line.text}"`).toBeLessThanOrEqual(columns);
        const problems = doc.names.flatMap((name) => nameProblems(decoded.lines, name));
        expect(problems, decoded.lines.join('\n')).toEqual([]);
      });
    }
  }
});
