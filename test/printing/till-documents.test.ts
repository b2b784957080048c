/**
 * Till documents: the refund slip, the X/Z shift report and the receipt's
 * sale discount and cash rounding. Goldens at 32 and 48 columns (bytes and
 * decoded text), layout checks at every width.
 */
import { describe, expect, it } from 'vitest';
import { receiptLines, renderReceipt } from '../../src/main/printing/documents/receipt';
import { refundSlipLines, renderRefundSlip, type RefundSlipData } from '../../src/main/printing/documents/refund-slip';
import { renderShiftReport, shiftReportLines, type ShiftReportData } from '../../src/main/printing/documents/shift-report';
import { buildQrisSlip, renderDrawerKick } from '../../src/main/printing/documents/qris-slip';
import type { PrinterColumns } from '../../src/shared/printer';
import { decodeEscPos, trimTrailingBlank } from '../support/escpos-decode';
import { sampleReceipt, SALE_TIME_UTC } from './fixtures';
import { expectGolden } from './golden';

const ALL_COLUMNS: PrinterColumns[] = [32, 42, 48];
const decodedText = (bytes: Uint8Array, columns: number) => decodeEscPos(bytes, { columns }).lines.join('\n') + '\n';

function sampleRefund(): RefundSlipData {
  return {
    shop: { name: 'PLUT Sultra', address: 'Jl. Brigjen Z.A. Sugianto No. 9, Kambu, Kendari', phone: '0401-3125678' },
    kind: 'refund',
    number: 'RF-K1-20261129-001',
    saleNumber: 'K1-20261129-0007',
    tillCode: 'K1',
    cashierName: 'Wa Ode Sitti',
    approvedByName: 'Bu Manajer',
    createdAt: SALE_TIME_UTC + 45 * 60_000,
    timeZone: 'Asia/Makassar',
    reason: 'Kemasan bocor, pelanggan minta uang kembali',
    lines: [
      { name: 'Kacang Mete Goreng Asin Khas Buton 250 gr', qty: 1, amount: 42_500, restock: false },
      { name: 'Kopi Kolaka Bubuk 200 g', qty: 2, amount: 55_000, restock: true },
    ],
    total: 97_500,
    rounding: 0,
    payments: [
      { method: 'cash', amount: 50_000 },
      { method: 'qris', amount: 47_500, reference: 'QR-7781234-R' },
    ],
  };
}

function sampleZ(): ShiftReportData {
  return {
    shop: { name: 'PLUT Sultra', address: 'Jl. Brigjen Z.A. Sugianto No. 9, Kambu, Kendari' },
    printedAt: SALE_TIME_UTC + 4 * 3600_000,
    timeZone: 'Asia/Makassar',
    report: {
      kind: 'Z',
      shiftId: 12,
      tillCode: 'K1',
      openedAt: SALE_TIME_UTC - 6 * 3600_000,
      openedByName: 'Wa Ode Sitti',
      closedAt: SALE_TIME_UTC + 4 * 3600_000,
      closedByName: 'Wa Ode Sitti',
      salesCount: 23,
      voidCount: 1,
      refundCount: 2,
      itemsSold: 61,
      gross: 4_512_500,
      discounts: 87_250,
      netSales: 4_425_250,
      refunds: 132_500,
      net: 4_292_750,
      rounding: -150,
      byMethod: [
        { method: 'cash', sales: 1_875_100, refunds: 85_000, net: 1_790_100 },
        { method: 'qris', sales: 2_100_000, refunds: 47_500, net: 2_052_500 },
        { method: 'debit', sales: 450_000, refunds: 0, net: 450_000 },
      ],
      byCashier: [
        { userId: 2, name: 'Bu Manajer', salesCount: 3, total: 610_000 },
        { userId: 3, name: 'Wa Ode Sitti', salesCount: 20, total: 3_815_250 },
      ],
      cash: {
        openingFloat: 300_000,
        cashSales: 2_140_100,
        changeGiven: 265_000,
        cashRefunds: 85_000,
        payIns: 100_000,
        payOuts: 45_000,
        expected: 2_145_100,
        counted: 2_144_600,
        variance: -500,
      },
      movements: [
        { id: 1, shiftId: 12, kind: 'pay_in', amount: 100_000, reason: 'Uang kecil dari kantor', createdBy: 3, createdByName: 'Wa Ode Sitti', createdAt: SALE_TIME_UTC },
        { id: 2, shiftId: 12, kind: 'pay_out', amount: 45_000, reason: 'Beli kantong plastik', createdBy: 3, createdByName: 'Wa Ode Sitti', createdAt: SALE_TIME_UTC },
      ],
      denominations: [
        { value: 100_000, count: 15, amount: 1_500_000 },
        { value: 50_000, count: 9, amount: 450_000 },
        { value: 20_000, count: 6, amount: 120_000 },
        { value: 10_000, count: 4, amount: 40_000 },
        { value: 5_000, count: 5, amount: 25_000 },
        { value: 2_000, count: 4, amount: 8_000 },
        { value: 1_000, count: 1, amount: 1_000 },
        { value: 500, count: 1, amount: 500 },
        { value: 100, count: 1, amount: 100 },
      ],
    },
  };
}

describe('refund slip', () => {
  it.each([32, 48] as const)('%i columns: bytes and decoded text match the golden files', (columns) => {
    const bytes = renderRefundSlip(sampleRefund(), { columns, openDrawer: true });
    expectGolden(`refund-slip-${columns}.bin`, bytes);
    expectGolden(`refund-slip-${columns}.txt`, decodedText(bytes, columns));
  });

  it.each(ALL_COLUMNS)('%i columns: decoded lines equal the preview, fit the paper, clean stream', (columns) => {
    for (const data of [sampleRefund(), { ...sampleRefund(), kind: 'void' as const, rounding: 50 }]) {
      const opts = { columns, openDrawer: true, copy: true };
      const bytes = renderRefundSlip(data, opts);
      const decoded = decodeEscPos(bytes, { columns });
      expect(decoded.unknown).toEqual([]);
      expect(decoded.warnings).toEqual([]);
      expect(decoded.drawerPulses).toBe(1);
      expect(decoded.cuts).toBe(1);
      expect(trimTrailingBlank(decoded.lines)).toEqual(refundSlipLines(data, opts));
      for (const line of decoded.styled) expect(line.width, line.text).toBeLessThanOrEqual(columns);
    }
  });

  it('says what went back, to stock or not, how the money went back, and who approved', () => {
    const lines = refundSlipLines(sampleRefund(), { columns: 32 });
    expect(lines).toContain('     BUKTI RETUR PENJUALAN');
    expect(lines).toContain('No: RF-K1-20261129-001');
    expect(lines).toContain('Disetujui: Bu Manajer');
    expect(lines).toContain('  1 x                    -42.500');
    expect(lines).toContain('  (tidak kembali ke stok)');
    expect(lines).toContain('  (kembali ke stok)');
    expect(lines).toContain('TOTAL RETUR            Rp 97.500');
    expect(lines).toContain('Tunai                     50.000');
    const voided = refundSlipLines({ ...sampleRefund(), kind: 'void', rounding: 50 }, { columns: 32 });
    expect(voided.map((l) => l.trim())).toContain('PEMBATALAN PENJUALAN');
    expect(voided).toContain('Pembulatan                   +50');
    expect(voided).toContain('TOTAL RETUR            Rp 97.550');
  });
});

describe('shift report', () => {
  it.each([32, 48] as const)('Z report, %i columns: bytes and decoded text match the golden files', (columns) => {
    const bytes = renderShiftReport(sampleZ(), { columns });
    expectGolden(`z-report-${columns}.bin`, bytes);
    expectGolden(`z-report-${columns}.txt`, decodedText(bytes, columns));
  });

  it.each(ALL_COLUMNS)('%i columns: X and Z fit the paper and decode to the preview', (columns) => {
    const x: ShiftReportData = {
      ...sampleZ(),
      report: { ...sampleZ().report, kind: 'X', closedAt: null, closedByName: null, cash: { ...sampleZ().report.cash, counted: null, variance: null }, denominations: [] },
    };
    for (const data of [sampleZ(), x]) {
      const bytes = renderShiftReport(data, { columns });
      const decoded = decodeEscPos(bytes, { columns });
      expect(decoded.unknown).toEqual([]);
      expect(decoded.warnings).toEqual([]);
      expect(decoded.drawerPulses).toBe(0);
      expect(trimTrailingBlank(decoded.lines)).toEqual(shiftReportLines(data, { columns }));
      for (const line of decoded.styled) expect(line.width, line.text).toBeLessThanOrEqual(columns);
    }
    const xText = shiftReportLines(x, { columns }).join('\n');
    expect(xText).toContain('LAPORAN X - SEMENTARA');
    expect(xText).not.toContain('Kas dihitung');
    expect(xText).not.toContain('RINCIAN PECAHAN');
  });

  it('carries the numbers a manager checks', () => {
    const lines = shiftReportLines(sampleZ(), { columns: 32 });
    for (const expected of [
      'Penjualan kotor        4.512.500',
      'Diskon                   -87.250',
      'Penjualan bersih       4.425.250',
      'Retur/batal (2)         -132.500',
      'NETTO               Rp 4.292.750',
      'Pembulatan tunai            -150',
      'Kas seharusnya      Rp 2.145.100',
      'Kas dihitung        Rp 2.144.600',
      'Selisih                     -500',
      '100.000 x 15           1.500.000',
      '  Retur                  -85.000',
    ]) {
      expect(lines, expected).toContain(expected);
    }
  });
});

describe('receipt: sale discount and cash rounding', () => {
  it('shows line and sale discounts apart, and the rounding with the amount to pay', () => {
    const data = { ...sampleReceipt(), discountTotal: 7_000, saleDiscount: 2_000, total: 203_500, rounding: 0 as number, change: 6_500 };
    let lines = receiptLines(data, { columns: 32 });
    expect(lines).toContain('Diskon barang             -5.000');
    expect(lines).toContain('Diskon transaksi          -2.000');
    expect(lines).not.toContain('Pembulatan');
    data.rounding = -500;
    data.change = 7_000;
    lines = receiptLines(data, { columns: 32 });
    expect(lines).toContain('TOTAL                 Rp 203.500');
    expect(lines).toContain('Pembulatan                  -500');
    expect(lines).toContain('TOTAL BAYAR           Rp 203.000');
    for (const columns of ALL_COLUMNS) {
      const decoded = decodeEscPos(renderReceipt(data, { columns }), { columns });
      expect(trimTrailingBlank(decoded.lines)).toEqual(receiptLines(data, { columns }));
    }
  });
});

describe('QRIS slip and drawer kick', () => {
  it('prints the QR for the amount, and the drawer kick prints nothing', () => {
    const doc = buildQrisSlip({ shopName: 'PLUT Sultra', merchantName: 'PLUT SULTRA', payload: '000201010212', amount: 150_000, createdAt: SALE_TIME_UTC, timeZone: 'Asia/Makassar' }, 32);
    expect(doc.lines({ markers: true })).toContain('[QR 000201010212]');
    expect(doc.lines().map((l) => l.trim())).toContain('Rp 150.000');
    const kick = decodeEscPos(renderDrawerKick(32));
    expect(kick).toMatchObject({ drawerPulses: 1, cuts: 0, lines: [] });
  });
});
