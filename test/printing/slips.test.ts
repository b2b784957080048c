/**
 * Intake slip (tanda terima barang titipan) and return slip (bukti retur):
 * golden files of bytes and decoded text at 32 and 48 columns, and the
 * parts a supplier signs for.
 */
import { describe, expect, it } from 'vitest';
import {
  INTAKE_SLIP_TITLE,
  intakeSlipLines,
  renderIntakeSlip,
  type IntakeSlipData,
} from '../../src/main/printing/documents/intake-slip';
import { RETURN_SLIP_TITLE, renderReturnSlip, returnSlipLines, type ReturnSlipData } from '../../src/main/printing/documents/return-slip';
import { buildLabels, labelSymbology, renderLabels } from '../../src/main/printing/documents/labels';
import { formatBps, termsLabel } from '../../src/main/printing/documents/slip-parts';
import type { PrinterColumns } from '../../src/shared/printer';
import { decodeEscPos, trimTrailingBlank } from '../support/escpos-decode';
import { expectGolden } from './golden';

/** 29 Nov 2026 10:15 WITA. */
const AT = Date.UTC(2026, 10, 29, 2, 15, 0);
const SHOP = { name: 'PLUT Sultra', address: 'Jl. Abdullah Silondae No. 5, Kendari', phone: '0401-3121234' };

function sampleIntake(): IntakeSlipData {
  return {
    shop: SHOP,
    timeZone: 'Asia/Makassar',
    number: 'TT-20261129-004',
    createdAt: AT,
    supplier: { code: 'S0007', name: 'UD Mete Muna Sejahtera' },
    receivedByName: 'Wa Ode Nurhayati',
    note: 'Kemasan baru, stiker halal',
    lines: [
      { name: 'Kacang Mete Goreng Asin Khas Buton 250 gr', qty: 10, unit: 'pcs', expiryDate: '2027-03-01', terms: { type: 'fixed', supplierPrice: 40_000 }, sellPrice: 50_000, value: 400_000 },
      { name: 'Abon Ikan Tuna Pedas 100 g', qty: 24, unit: 'pak', expiryDate: '2026-12-10', terms: { type: 'fixed', supplierPrice: 28_000 }, sellPrice: 35_000, value: 672_000 },
      { name: 'Sarung Tenun Masalili', qty: 3, unit: 'lembar', expiryDate: null, terms: { type: 'commission', commissionBps: 1500 }, sellPrice: 350_000, value: 892_500 },
    ],
    totalQty: 37,
    totalValue: 1_964_500,
  };
}

function sampleReturn(): ReturnSlipData {
  return {
    shop: SHOP,
    timeZone: 'Asia/Makassar',
    number: 'RT-20261129-001',
    createdAt: AT,
    supplier: { code: 'S0007', name: 'UD Mete Muna Sejahtera' },
    createdByName: 'Wa Ode Nurhayati',
    reason: 'expired',
    note: null,
    lines: [
      { name: 'Abon Ikan Tuna Pedas 100 g', qty: 4, unit: 'pak', expiryDate: '2026-11-30', terms: { type: 'fixed', supplierPrice: 28_000 }, sellPrice: 35_000, value: 112_000 },
      { name: 'Bagea Sagu Kenari 200 g', qty: 6, unit: 'pcs', expiryDate: '2026-12-05', terms: { type: 'commission', commissionBps: 1250 }, sellPrice: 18_500, value: 97_125 },
    ],
    totalQty: 10,
    totalValue: 209_125,
  };
}

const text = (bytes: Uint8Array, columns: number) => decodeEscPos(bytes, { columns }).lines.join('\n') + '\n';
const ALL_COLUMNS: PrinterColumns[] = [32, 42, 48];

describe('intake slip', () => {
  it.each([32, 48] as const)('%i columns: bytes and decoded text match the golden files', (columns) => {
    const bytes = renderIntakeSlip(sampleIntake(), { columns });
    expectGolden(`intake-slip-${columns}.bin`, bytes);
    expectGolden(`intake-slip-${columns}.txt`, text(bytes, columns));
  });

  it.each(ALL_COLUMNS)('%i columns: decoded lines equal the preview, fit the paper, no unknown commands', (columns) => {
    const opts = { columns, copy: true };
    const decoded = decodeEscPos(renderIntakeSlip(sampleIntake(), opts), { columns });
    expect(decoded.unknown).toEqual([]);
    expect(decoded.warnings).toEqual([]);
    expect(trimTrailingBlank(decoded.lines)).toEqual(intakeSlipLines(sampleIntake(), opts));
    for (const line of decoded.styled) expect(line.width, line.text).toBeLessThanOrEqual(columns);
    expect(decoded.cuts).toBe(1);
    expect(decoded.drawerPulses).toBe(0);
  });

  it('has what the supplier signs for at 32 columns', () => {
    const lines = intakeSlipLines(sampleIntake(), { columns: 32 });
    const all = lines.join('\n');
    expect(lines[0]!.trim()).toBe('PLUT Sultra');
    expect(lines.map((l) => l.trim())).toContain(INTAKE_SLIP_TITLE);
    expect(all).toContain('No: TT-20261129-004');
    expect(all).toContain('29/11/2026 10:15 WITA');
    expect(all).toContain('Pemasok: S0007 UD Mete Muna');
    expect(all).toContain('Diterima oleh: Wa Ode Nurhayati');
    expect(lines).toContain('  10 pcs, exp 01/03/2027');
    expect(lines).toContain('  Titip @ 40.000         400.000');
    expect(lines).toContain('  3 lembar');
    expect(lines).toContain('  Komisi 15% @ 350.000   892.500');
    expect(lines).toContain('Jumlah barang                 37');
    expect(lines).toContain('Nilai titipan       Rp 1.964.500');
    expect(all).toContain('Catatan: Kemasan baru');
    const sign = lines.findIndex((l) => l.includes('Pemasok') && l.includes('Petugas Penerima'));
    expect(sign).toBeGreaterThan(0);
    expect(lines.slice(sign + 1, sign + 4)).toEqual(['', '', '']);
    expect(lines[sign + 4]).toBe('(.............) ________________');
    expect(lines[sign + 5]).toBe('                Wa Ode Nurhayati');
    expect(all).not.toContain('SALINAN');
  });

  it('bolds the shop name, the title and the total value; marks a copy', () => {
    const decoded = decodeEscPos(renderIntakeSlip(sampleIntake(), { columns: 32, copy: true }), { columns: 32 });
    const bold = decoded.boldLines.map((i) => decoded.lines[i]!.trim());
    expect(bold).toEqual(['PLUT Sultra', INTAKE_SLIP_TITLE, '** SALINAN **', 'Nilai titipan       Rp 1.964.500']);
  });
});

describe('return slip', () => {
  it.each([32, 48] as const)('%i columns: bytes and decoded text match the golden files', (columns) => {
    const bytes = renderReturnSlip(sampleReturn(), { columns });
    expectGolden(`return-slip-${columns}.bin`, bytes);
    expectGolden(`return-slip-${columns}.txt`, text(bytes, columns));
  });

  it.each(ALL_COLUMNS)('%i columns: decoded lines equal the preview and fit the paper', (columns) => {
    const opts = { columns, copy: true };
    const decoded = decodeEscPos(renderReturnSlip(sampleReturn(), opts), { columns });
    expect(decoded.unknown).toEqual([]);
    expect(decoded.warnings).toEqual([]);
    expect(trimTrailingBlank(decoded.lines)).toEqual(returnSlipLines(sampleReturn(), opts));
    for (const line of decoded.styled) expect(line.width, line.text).toBeLessThanOrEqual(columns);
  });

  it('names the reason, the lots and both signatures', () => {
    const lines = returnSlipLines(sampleReturn(), { columns: 32 });
    const all = lines.join('\n');
    expect(lines.map((l) => l.trim())).toContain(RETURN_SLIP_TITLE);
    expect(all).toContain('No: RT-20261129-001');
    expect(all).toContain('Alasan: Kedaluwarsa');
    expect(lines).toContain('  4 pak, exp 30/11/2026');
    expect(lines).toContain('  Komisi 12,5% @ 18.500   97.125');
    expect(lines).toContain('Nilai barang          Rp 209.125');
    // Signed like the settlement slip: a line for each side, each name under its line (one block
    // under the other here: the supplier's name is longer than half the paper).
    const sign = lines.findIndex((l) => l.trim() === 'Pemasok');
    expect(sign).toBeGreaterThan(0);
    expect(lines.slice(sign + 4, sign + 6).map((l) => l.trim())).toEqual(['________________________', 'UD Mete Muna Sejahtera']);
    const shop = lines.findIndex((l) => l.trim() === 'Petugas Toko');
    expect(lines.slice(shop + 4, shop + 6).map((l) => l.trim())).toEqual(['________________________', 'Wa Ode Nurhayati']);
    expect(all).not.toContain('(...');
  });
});

describe('slip parts', () => {
  it('formats commission percentages the Indonesian way', () => {
    expect(formatBps(1500)).toBe('15%');
    expect(formatBps(1250)).toBe('12,5%');
    expect(formatBps(1234)).toBe('12,34%');
    expect(formatBps(5)).toBe('0,05%');
    expect(termsLabel({ type: 'fixed', supplierPrice: 40_000 }, 50_000)).toBe('Titip @ 40.000');
  });
});

describe('price labels', () => {
  it('one label per unit: name, price, barcode (EAN-13 when valid, else Code 128), cut', () => {
    const items = [
      { label: { name: 'Kacang Mete Original', sellPrice: 50_000, sku: 'P00001', barcode: '2000000000015' }, qty: 2 },
      { label: { name: 'Kasuami Kering', sellPrice: 12_500, sku: 'P00007', barcode: null }, qty: 1 },
    ];
    const bytes = renderLabels(items, { columns: 32 });
    const decoded = decodeEscPos(bytes, { columns: 32 });
    expect(decoded.unknown).toEqual([]);
    expect(decoded.cuts).toBe(3);
    const barcodes = decoded.events.filter((e) => e.type === 'barcode') as { system: number; data: string }[];
    expect(barcodes.map((b) => b.data)).toEqual(['2000000000015', '2000000000015', 'P00007']);
    expect(decoded.lines.filter((l) => l.trim() === 'Rp 50.000')).toHaveLength(2);
    expect(buildLabels(items, { columns: 32 }).lines({ markers: true })).toContain('[BARCODE P00007]');
    expect(labelSymbology('2000000000015')).toBe('ean13');
    expect(labelSymbology('2000000000016')).toBe('code128');
  });
});
