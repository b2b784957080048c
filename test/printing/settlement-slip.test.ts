import { describe, expect, it } from 'vitest';
import { renderSettlementSlip, settlementSlipLines } from '../../src/main/printing/documents/settlement-slip';
import { formatBps } from '../../src/main/printing/documents/slip-parts';
import { escapeHtml, renderSettlementStatementHtml } from '../../src/main/printing/documents/settlement-statement-html';
import type { PrinterColumns } from '../../src/shared/printer';
import { decodeEscPos, trimTrailingBlank } from '../support/escpos-decode';
import { expectGolden } from './golden';
import { sampleSettlement } from './settlement-fixtures';

const ALL_COLUMNS: PrinterColumns[] = [32, 42, 48];

/** A left and a right text justified to 32 columns. */
const row = (left: string, right: string) => left + ' '.repeat(32 - left.length - right.length) + right;

function decodedText(bytes: Uint8Array, columns: number): string {
  return decodeEscPos(bytes, { columns }).lines.join('\n') + '\n';
}

describe('settlement slip golden files', () => {
  it.each([32, 48] as const)('%i columns: bytes and decoded text match the golden files', (columns) => {
    const bytes = renderSettlementSlip(sampleSettlement(), { columns });
    expectGolden(`settlement-${columns}.bin`, bytes);
    expectGolden(`settlement-${columns}.txt`, decodedText(bytes, columns));
  });

  it('reprint (copy) at 32 columns matches the golden files', () => {
    const bytes = renderSettlementSlip(sampleSettlement(), { columns: 32, copy: true });
    expectGolden('settlement-copy-32.bin', bytes);
    expectGolden('settlement-copy-32.txt', decodedText(bytes, 32));
  });

  it('is deterministic', () => {
    const a = renderSettlementSlip(sampleSettlement(), { columns: 48 });
    const b = renderSettlementSlip(sampleSettlement(), { columns: 48 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('settlement slip layout', () => {
  it.each(ALL_COLUMNS)('%i columns: decoded lines equal the preview and fit the paper', (columns) => {
    for (const copy of [false, true]) {
      const bytes = renderSettlementSlip(sampleSettlement(), { columns, copy });
      const decoded = decodeEscPos(bytes, { columns });
      expect(decoded.unknown).toEqual([]);
      expect(decoded.warnings).toEqual([]);
      expect(decoded.cuts).toBe(1);
      expect(decoded.drawerPulses).toBe(0);
      const preview = settlementSlipLines(sampleSettlement(), { columns, copy });
      expect(trimTrailingBlank(decoded.lines)).toEqual(preview);
      for (const line of decoded.styled) expect(line.width, line.text).toBeLessThanOrEqual(columns);
      for (const line of preview) expect(line.length, line).toBeLessThanOrEqual(columns);
    }
  });

  it('has the parts of a settlement slip at 32 columns, with the numbers of the fixture', () => {
    const lines = settlementSlipLines(sampleSettlement(), { columns: 32 });
    const text = lines.join('\n');
    expect(lines[0]!.trim()).toBe('PLUT Sultra');
    expect(text).toContain('NOTA PEMBAYARAN KONSINYASI');
    expect(text).not.toContain('SALINAN');
    expect(text).toContain('No: PB-20261130-002');
    expect(text).toContain('30/11/2026 16:20 WITA');
    expect(text).toContain('Pemasok: S0001 UD Mete Muna');
    expect(text).toContain('Bank: BRI 123401000123501');
    expect(text).toContain('a.n. La Ode Hasan');
    expect(lines).toContain('Periode  02/11/2026 - 30/11/2026');
    expect(lines).toContain('  7 x 40.000             280.000');
    expect(lines).toContain('  1 x 36.000              36.000');
    expect(lines).toContain('  1 x 350.000            350.000');
    expect(lines).toContain(row('  Komisi toko 15%', '-52.500'));
    expect(lines).toContain(row('Penjualan', '697.500'));
    expect(lines).toContain(row('Retur', '-40.000'));
    expect(lines).toContain(row('Kehilangan', '28.000'));
    expect(lines).toContain(row('Potongan / biaya', '-25.000'));
    expect(lines).toContain(row('Penyesuaian', '+5.000'));
    expect(lines).toContain(row('TOTAL DIBAYAR', 'Rp 665.500'));
    expect(lines).toContain(row('Cara bayar', 'Transfer'));
    expect(text).toContain('Ref: BRI-TRX-99120034');
    expect(text).toContain('SISA STOK DI TOKO');
    expect(lines).toContain(row('Abon Ikan Tuna 100 g', '4 pcs'));
    expect(lines).toContain('                           8 pcs');
    expect(text).toMatch(/Pemasok\s+Manajer/);
    expect(text).toMatch(/La Ode Hasan\s+Bu Manajer/);
  });

  it('marks copies and voided settlements', () => {
    const data = sampleSettlement();
    expect(settlementSlipLines(data, { columns: 32, copy: true }).join('\n')).toContain('** SALINAN **');
    data.settlement.status = 'voided';
    data.settlement.voidReason = 'Salah pemasok';
    const text = settlementSlipLines(data, { columns: 32 }).join('\n');
    expect(text).toContain('** DIBATALKAN **');
    expect(text).toContain('Alasan: Salah pemasok');
  });

  it('keeps printer commands in names out of the bytes', () => {
    const data = sampleSettlement();
    data.settlement.supplier.name = 'UD \x1b@Jahat\x1dV';
    data.settlement.breakdown.products[0]!.name = 'Abon \x1bp\x00\x19\x19';
    const bytes = renderSettlementSlip(data, { columns: 32 });
    const decoded = decodeEscPos(bytes, { columns: 32 });
    expect(decoded.drawerPulses).toBe(0);
    expect(decoded.cuts).toBe(1);
    expect(decoded.unknown).toEqual([]);
  });

  it('formats commission basis points the Indonesian way', () => {
    expect(formatBps(1500)).toBe('15%');
    expect(formatBps(1250)).toBe('12,5%');
    expect(formatBps(1234)).toBe('12,34%');
    expect(formatBps(5)).toBe('0,05%');
  });
});

describe('settlement statement (A4 HTML)', () => {
  it('is a Bahasa Indonesia A4 page with the slip numbers', () => {
    const html = renderSettlementStatementHtml(sampleSettlement());
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('size: A4');
    expect(html).toContain('NOTA PEMBAYARAN KONSINYASI');
    expect(html).toContain('PB-20261130-002');
    expect(html).toContain('30 November 2026 16:20 WITA');
    expect(html).toContain('2 November 2026 s.d. 30 November 2026');
    expect(html).toContain('Rp 665.500');
    expect(html).toContain('Komisi toko 15%');
    expect(html).toContain('297.500');
    expect(html).toContain('Sewa rak November');
    expect(html).toContain('Manajer');
    expect(html).not.toContain('SALINAN');
  });

  it('escapes every value: a name with markup comes out as text', () => {
    const data = sampleSettlement();
    data.settlement.supplier.name = '<script>alert("x")</script>';
    data.settlement.breakdown.products[0]!.name = '<img src=x onerror=alert(1)>';
    data.settlement.breakdown.fees[0]!.note = `"'><b>`;
    const html = renderSettlementStatementHtml(data);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
  });
});
