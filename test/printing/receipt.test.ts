import fc from 'fast-check';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  COPY_MARK,
  formatReceiptDateTime,
  receiptLines,
  renderReceipt,
  zoneAbbreviation,
} from '../../src/main/printing/documents/receipt';
import type { ReceiptData } from '../../src/main/printing/types';
import { code128Data } from '../../src/main/printing/encode';
import type { PrinterColumns } from '../../src/shared/printer';
import { decodeEscPos, trimTrailingBlank } from '../support/escpos-decode';
import { coffeeRefund, sampleReceipt, SALE_TIME_UTC } from './fixtures';
import { expectGolden } from './golden';

const ALL_COLUMNS: PrinterColumns[] = [32, 42, 48];

function decodedText(bytes: Uint8Array, columns: number): string {
  return decodeEscPos(bytes, { columns }).lines.join('\n') + '\n';
}

function count(bytes: Uint8Array, seq: number[]): number {
  let n = 0;
  outer: for (let i = 0; i + seq.length <= bytes.length; i++) {
    for (let k = 0; k < seq.length; k++) if (bytes[i + k] !== seq[k]) continue outer;
    n++;
  }
  return n;
}

describe('receipt golden files', () => {
  it.each([32, 48] as const)('%i columns: bytes and decoded text match the golden files', (columns) => {
    const bytes = renderReceipt(sampleReceipt(), { columns, openDrawer: true });
    expectGolden(`receipt-${columns}.bin`, bytes);
    expectGolden(`receipt-${columns}.txt`, decodedText(bytes, columns));
  });

  it('copy (reprint) at 32 columns matches the golden files', () => {
    const bytes = renderReceipt(sampleReceipt(), { columns: 32, copy: true });
    expectGolden('receipt-copy-32.bin', bytes);
    expectGolden('receipt-copy-32.txt', decodedText(bytes, 32));
  });

  it('a copy after refunds, at 32 and 48 columns, matches the golden files', () => {
    for (const columns of [32, 48] as const) {
      const bytes = renderReceipt(refundedReceipt(), { columns, copy: true });
      expectGolden(`receipt-refunded-${columns}.bin`, bytes);
      expectGolden(`receipt-refunded-${columns}.txt`, decodedText(bytes, columns));
    }
  });

  it('is deterministic', () => {
    const a = renderReceipt(sampleReceipt(), { columns: 32, openDrawer: true });
    const b = renderReceipt(sampleReceipt(), { columns: 32, openDrawer: true });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

/** The sample sale after a refund of one coffee (cash) and a later one of the tuna floss (QRIS). */
function refundedReceipt(): ReceiptData {
  return {
    ...sampleReceipt(),
    refunds: [
      coffeeRefund(),
      {
        number: 'RF-K2-20261130-004',
        kind: 'refund',
        createdAt: SALE_TIME_UTC + 26 * 3_600_000,
        lines: [{ name: 'Abon Ikan Tuna Pedas', qty: 1, amount: 38_000 }],
        payable: 38_000,
        payments: [{ method: 'qris', amount: 38_000, reference: 'QR-R-9' }],
      },
    ],
  };
}

/** Modules of a CODE128 symbol from GS k 73 data (code set switches count as symbols). */
function code128Modules(data: string): number {
  let symbols = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === '{' && data[i + 1] !== '{') {
      i++; // a code set selector: the start code, or a switch
      symbols++;
      continue;
    }
    if (data[i] === '{') i++;
    symbols++;
  }
  // + check symbol (11 modules) + stop (13 modules) + quiet zones of 10 modules each side
  return (symbols + 1) * 11 + 13 + 20;
}

describe('receipt barcode', () => {
  it('carries the sale number under the totals as CODE128, readable back to the number', () => {
    const bytes = renderReceipt(sampleReceipt(), { columns: 32 });
    const decoded = decodeEscPos(bytes, { columns: 32 });
    const codes = decoded.events.filter((e) => e.type === 'barcode');
    expect(codes).toEqual([expect.objectContaining({ system: 73, data: 'K1202611290007' })]);
    const at = decoded.lines.indexOf('[BARCODE K1202611290007]');
    expect(at).toBeGreaterThan(decoded.lines.findIndex((l) => l.startsWith('TOTAL')));
    expect(at).toBeGreaterThan(decoded.lines.indexOf('Jumlah barang: 6'));
    expect(at).toBeLessThan(decoded.lines.findIndex((l) => l.includes('Terima kasih')));
    // Digits two to a symbol, and a module of 2 dots: it fits 58 mm paper (384 dots) with its quiet zones.
    const data = code128Data('K1202611290007');
    expect(data).toBe('{BK1{C' + String.fromCharCode(20, 26, 11, 29, 0, 7));
    expect(count(bytes, [0x1d, 0x77, 2])).toBe(1);
    expect(code128Modules(data) * 2).toBeLessThanOrEqual(384);
  });

  it('never sends a real-time command (DLE EOT/ENQ/DC4) with the barcode, whatever the number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{1,6}-20\d{6}-\d{4,6}$/), (number) => {
        const bytes = renderReceipt({ ...sampleReceipt(), number }, { columns: 32 });
        // No DLE in the data at all ("16" stays in code set B); only the length byte may be 0x10, and it is followed by "{".
        expect(code128Data(number.replace(/-/g, ''))).not.toContain('\x10');
        for (let i = 0; i < bytes.length - 1; i++) {
          if (bytes[i] === 0x10) expect([0x04, 0x05, 0x14]).not.toContain(bytes[i + 1]);
        }
        const decoded = decodeEscPos(bytes, { columns: 32 });
        expect(decoded.events.filter((e) => e.type === 'barcode')).toEqual([expect.objectContaining({ data: number.replace(/-/g, '') })]);
        expect(decoded.unknown).toEqual([]);
      }),
    );
    expect(code128Data('1616')).toBe('{B1616');
    expect(code128Data('K1-20161129-0016')).toBe('{BK1-{C' + String.fromCharCode(20) + '{B16{C' + String.fromCharCode(11, 29) + '{B-{C' + String.fromCharCode(0) + '{B16');
  });

  it('a copy after refunds shows each refund (what, when, the slip number, how it went back) and the net paid', () => {
    const lines = receiptLines(refundedReceipt(), { columns: 32, copy: true });
    const text = lines.join('\n');
    expect(text).toContain(COPY_MARK);
    expect(lines).toContain('RETUR');
    expect(lines).toContain('RF-K1-20261129-001');
    expect(lines).toContain('29/11/2026 15:00 WITA');
    expect(lines).toContain('  1 x                    -27.500');
    expect(lines).toContain('Dikembalikan (Tunai)     -27.500');
    expect(lines).toContain('RF-K2-20261130-004');
    expect(lines).toContain('30/11/2026 16:05 WITA');
    expect(lines).toContain('Dikembalikan (QRIS)      -38.000');
    expect(lines).toContain('Total dikembalikan       -65.500');
    expect(lines).toContain('DIBAYAR BERSIH        Rp 140.000');
    // Refunds come after the sale's own money, the barcode after them.
    expect(lines.indexOf('RETUR')).toBeGreaterThan(lines.indexOf('Kembali                    4.500'));
    expect(lines.indexOf('[BARCODE K1202611290007]')).toBeGreaterThan(lines.indexOf('DIBAYAR BERSIH        Rp 140.000'));
    const decoded = decodeEscPos(renderReceipt(refundedReceipt(), { columns: 32, copy: true }), { columns: 32 });
    expect(decoded.boldLines.map((i) => decoded.lines[i]!.trim())).toContain('DIBAYAR BERSIH        Rp 140.000');
    // Without refunds there is no such section.
    expect(receiptLines(sampleReceipt(), { columns: 32, copy: true }).join('\n')).not.toContain('DIBAYAR BERSIH');
  });
});

describe('receipt layout', () => {
  it.each(ALL_COLUMNS)('%i columns: decoded lines equal the preview and fit the paper', (columns) => {
    const opts = { columns, openDrawer: true, copy: true };
    const bytes = renderReceipt(sampleReceipt(), opts);
    const decoded = decodeEscPos(bytes, { columns });
    expect(decoded.unknown).toEqual([]);
    expect(decoded.warnings).toEqual([]);
    expect(trimTrailingBlank(decoded.lines)).toEqual(receiptLines(sampleReceipt(), opts));
    for (const line of decoded.styled) expect(line.width, line.text).toBeLessThanOrEqual(columns);
    for (const line of receiptLines(sampleReceipt(), opts)) expect(line.length).toBeLessThanOrEqual(columns);
  });

  it('has the parts of an Indonesian receipt at 32 columns', () => {
    const lines = receiptLines(sampleReceipt(), { columns: 32 });
    const text = lines.join('\n');
    expect(lines[0]!.trim()).toBe('PLUT Sultra');
    expect(text).toContain('Telp. 0401-3125678');
    expect(text).toContain('No: K1-20261129-0007');
    expect(text).toContain('29/11/2026 14:05 WITA');
    expect(text).toContain('Kasir: Wa Ode Sitti');
    expect(text).toContain('Mesin: K1');
    // the long name wraps, and the qty line follows it
    const i = lines.indexOf('Kacang Mete Goreng Asin Khas');
    expect(i).toBeGreaterThan(0);
    expect(lines[i + 1]).toBe('Buton 250 gr');
    expect(lines[i + 2]).toBe('  2 x 45.000              90.000');
    expect(lines[i + 3]).toBe('  Diskon                  -5.000');
    expect(lines).toContain('Subtotal                 210.500');
    expect(lines).toContain('TOTAL                 Rp 205.500');
    expect(lines).toContain('QRIS                     100.000');
    expect(lines).toContain('  Ref: QR-7781234');
    expect(lines).toContain('Tunai                    110.000');
    expect(lines).toContain('Kembali                    4.500');
    expect(lines).toContain('Jumlah barang: 6');
    expect(text).toContain('Terima kasih atas kunjungan Anda');
    expect(text).toContain('dapat ditukar');
    expect(text).not.toContain('SALINAN');
  });

  it('shop name and TOTAL are bold; the shop name is double height', () => {
    const decoded = decodeEscPos(renderReceipt(sampleReceipt(), { columns: 32 }), { columns: 32 });
    const bold = decoded.boldLines.map((i) => decoded.lines[i]!.trim());
    expect(bold).toContain('PLUT Sultra');
    expect(bold).toContain('TOTAL                 Rp 205.500');
    expect(decoded.styled[0]!.maxHeightFactor).toBe(2);
    expect(bold).toHaveLength(2);
  });

  it('marks a copy near the top, centered and bold', () => {
    const opts = { columns: 32 as const, copy: true };
    const decoded = decodeEscPos(renderReceipt(sampleReceipt(), opts), { columns: 32 });
    const idx = decoded.lines.findIndex((l) => l.includes('SALINAN'));
    expect(idx).toBeGreaterThan(0);
    expect(idx).toBeLessThan(8);
    expect(decoded.lines[idx]!.trim()).toBe(COPY_MARK);
    expect(decoded.boldLines).toContain(idx);
    const firstSeparator = decoded.lines.findIndex((l) => l.startsWith('---'));
    expect(idx).toBeLessThan(firstSeparator);
  });

  it('pulses the drawer at the start only when asked, and always cuts at the end', () => {
    const withDrawer = renderReceipt(sampleReceipt(), { columns: 32, openDrawer: true });
    const without = renderReceipt(sampleReceipt(), { columns: 32 });
    const d1 = decodeEscPos(withDrawer);
    const d2 = decodeEscPos(without);
    expect(d1.drawerPulses).toBe(1);
    expect(d2.drawerPulses).toBe(0);
    expect(count(withDrawer, [0x1b, 0x70])).toBe(1);
    expect(count(without, [0x1b, 0x70])).toBe(0);
    // pulse before the first printed line
    const pulseAt = d1.events.findIndex((e) => e.type === 'pulse');
    const firstLine = d1.events.findIndex((e) => e.type === 'line');
    expect(pulseAt).toBeLessThan(firstLine);
    for (const d of [d1, d2]) {
      expect(d.cuts).toBe(1);
      expect(d.initializes).toBe(1);
      expect(d.events[0]!.type).toBe('init');
      expect(d.events[d.events.length - 1]!.type).toBe('cut');
      // a few blank lines are fed before the cut
      expect(d.lines.slice(-3)).toEqual(['', '', '']);
    }
    // cp437 selected explicitly (ESC t 0)
    expect(d1.events.filter((e) => e.type === 'codepage')).toEqual([expect.objectContaining({ page: 0 })]);
  });

  it('uses the shop footer when set', () => {
    const data = sampleReceipt();
    data.shop.footer = 'Selamat datang kembali\nIG: @plutsultra';
    const lines = receiptLines(data, { columns: 32 });
    expect(lines.map((l) => l.trim())).toContain('Selamat datang kembali');
    expect(lines.map((l) => l.trim())).toContain('IG: @plutsultra');
    expect(lines.join('\n')).not.toContain('Terima kasih');
  });

  it('leaves out Subtotal and Diskon without discounts, and Kembali without cash', () => {
    const data: ReceiptData = {
      ...sampleReceipt(),
      lines: [{ name: 'Madu Hutan 250 ml', qty: 1, unitPrice: 85_000, discount: 0, lineTotal: 85_000 }],
      subtotal: 85_000,
      discountTotal: 0,
      total: 85_000,
      payments: [{ method: 'debit', amount: 85_000, reference: '123456' }],
      change: 0,
    };
    const lines = receiptLines(data, { columns: 32 });
    const text = lines.join('\n');
    expect(text).not.toContain('Subtotal');
    expect(text).not.toContain('Diskon');
    expect(text).not.toContain('Kembali');
    expect(lines).toContain('Kartu Debit               85.000');
    expect(lines).toContain('TOTAL                  Rp 85.000');
    expect(lines).toContain('Jumlah barang: 1');
  });

  it('labels every payment method in Indonesian', () => {
    const data: ReceiptData = {
      ...sampleReceipt(),
      payments: [
        { method: 'cash', amount: 50_000 },
        { method: 'qris', amount: 50_000 },
        { method: 'debit', amount: 50_000 },
        { method: 'transfer', amount: 55_500, reference: 'BRI 0042' },
      ],
      change: 0,
    };
    const left = receiptLines(data, { columns: 32 }).map((l) => l.split(/\s{2,}/)[0]);
    for (const label of ['Tunai', 'QRIS', 'Kartu Debit', 'Transfer', 'Kembali']) expect(left).toContain(label);
  });

  it('uses the width at 48 columns: name, qty × price and amount on one line; a longer name above its numbers', () => {
    const lines = receiptLines(sampleReceipt(), { columns: 48 });
    expect(lines).toContain('Abon Ikan Tuna Pedas       1 x 38.000     38.000');
    expect(lines).toContain('Kacang Mete Goreng Asin Khas Buton 250 gr');
    expect(lines).toContain('                           2 x 45.000     90.000');
    expect(lines).toContain('No: K1-20261129-0007       29/11/2026 14:05 WITA');
  });
});

describe('receipt date and zone', () => {
  it('derives WIB / WITA / WIT, else the zone name', () => {
    expect(zoneAbbreviation('Asia/Makassar')).toBe('WITA');
    expect(zoneAbbreviation('Asia/Jakarta')).toBe('WIB');
    expect(zoneAbbreviation('Asia/Jayapura')).toBe('WIT');
    expect(zoneAbbreviation('Europe/Amsterdam')).toBe('Europe/Amsterdam');
  });

  it('formats local time in the receipt zone', () => {
    expect(formatReceiptDateTime(SALE_TIME_UTC, 'Asia/Makassar')).toBe('29/11/2026 14:05 WITA');
    expect(formatReceiptDateTime(SALE_TIME_UTC, 'Asia/Jakarta')).toBe('29/11/2026 13:05 WIB');
    expect(formatReceiptDateTime(SALE_TIME_UTC, 'Asia/Jayapura')).toBe('29/11/2026 15:05 WIT');
    // 23:30 UTC is already the next day in Kendari
    expect(formatReceiptDateTime(Date.UTC(2026, 11, 31, 23, 30), 'Asia/Makassar')).toBe('01/01/2027 07:30 WITA');
  });

  it('prints what date-fns prints for the zone at any instant, around daylight-saving changes too (the offset is kept per quarter hour)', () => {
    const zones = ['Asia/Makassar', 'Asia/Jakarta', 'Asia/Jayapura', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns', 'UTC'];
    const byDateFns = (t: number, zone: string) => `${format(new TZDate(t, zone), 'dd/MM/yyyy HH:mm')} ${zoneAbbreviation(zone)}`;
    // Instants in order within one zone (the kept offset is reused or replaced), and around the
    // 2026 changes of Berlin (29 Mar / 25 Oct, 01:00 UTC) and New York (8 Mar 07:00 / 1 Nov 06:00 UTC).
    for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1), Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6)]) {
      for (let t = change - 2 * 3_600_000; t <= change + 2 * 3_600_000; t += 7 * 60_000 + 13_000) {
        for (const zone of ['Europe/Berlin', 'America/New_York']) expect(formatReceiptDateTime(t, zone), `${zone} ${new Date(t).toISOString()}`).toBe(byDateFns(t, zone));
      }
    }
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), fc.constantFrom(...zones), (t, zone) => {
        expect(formatReceiptDateTime(t, zone)).toBe(byDateFns(t, zone));
      }),
      { numRuns: 2000 },
    );
    expect(formatReceiptDateTime(SALE_TIME_UTC, 'Not/AZone')).toBe(`${format(new TZDate(SALE_TIME_UTC, 'UTC'), 'dd/MM/yyyy HH:mm')} UTC`);
  });
});

describe('receipt injection safety', () => {
  it('prints control bytes in names as nothing, never as commands', () => {
    const data = sampleReceipt();
    data.lines[0]!.name = '\x1b@evil \x1dV\x00cut \x10\x04\x01dle \x1bp\x00\x19\xfadrawer';
    data.cashierName = 'Ani\x1b!\x30';
    data.shop.footer = '\x1bE\x01Bold?\x0c';
    const bytes = renderReceipt(data, { columns: 32 });
    const decoded = decodeEscPos(bytes, { columns: 32 });

    expect(count(bytes, [0x1b, 0x40])).toBe(1); // only the initialize
    expect(Array.from(bytes.subarray(0, 2))).toEqual([0x1b, 0x40]);
    expect(bytes.includes(0x10)).toBe(false); // no DLE: no real-time commands at all
    expect(decoded.initializes).toBe(1);
    expect(decoded.cuts).toBe(1);
    expect(decoded.drawerPulses).toBe(0);
    expect(decoded.unknown).toEqual([]);
    expect(decoded.warnings).toEqual([]);
    const text = decoded.lines.join('\n');
    // \xfa is U+00FA 'ú' in a JS string, transliterated like any accent
    expect(text).toContain('@evil Vcut dle pudrawer');
    expect(text).toContain('Kasir: Ani!0');
    expect(text).toContain('EBold?');
  });

  it('transliterates accents and drops what cp437 text should not carry', () => {
    const data = sampleReceipt();
    data.lines[1]!.name = 'Café Crème “Spéciale” – Jalapeño… ½ kg 😀';
    const lines = receiptLines(data, { columns: 32 });
    expect(lines).toContain('Cafe Creme "Speciale" -');
    expect(lines).toContain('Jalapeno... 1/2 kg ?');
    const bytes = renderReceipt(data, { columns: 32 });
    // every byte outside commands is printable ASCII
    const decoded = decodeEscPos(bytes, { columns: 32 });
    for (const line of decoded.lines) expect(line).toMatch(/^[\x20-\x7e]*$/);
  });
});

describe('receipt properties (generated data)', () => {
  const nasty = fc.constantFrom('\x1b', '\x1d', '\x10', '\x04', '\x00', '@', 'V', 'a', 'Z', ' ', '  ', '\n', '\t', 'é', 'ß', '€', '😀', '-', '9');
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: nasty, maxLength: 60 }),
    fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
  );
  const money = fc.integer({ min: 0, max: 50_000_000 });
  const receipt: fc.Arbitrary<ReceiptData> = fc.record({
    shop: fc.record({
      name: text,
      address: fc.option(text),
      phone: fc.option(text),
      footer: fc.option(text),
    }),
    number: text,
    tillCode: text,
    cashierName: text,
    createdAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    timeZone: fc.constantFrom('Asia/Makassar', 'Asia/Jakarta', 'Asia/Jayapura', 'UTC', 'Not/AZone'),
    lines: fc.array(
      fc.record({
        name: text,
        qty: fc.integer({ min: 1, max: 999 }),
        unitPrice: money,
        discount: money,
        lineTotal: money,
      }),
      { maxLength: 6 },
    ),
    subtotal: money,
    discountTotal: money,
    total: money,
    payments: fc.array(
      fc.record({
        method: fc.constantFrom('cash', 'qris', 'debit', 'transfer') as fc.Arbitrary<'cash' | 'qris' | 'debit' | 'transfer'>,
        amount: money,
        reference: fc.option(text),
      }),
      { maxLength: 3 },
    ),
    change: money,
  });

  it('every line fits, the decoded bytes equal the preview, and the stream stays clean', () => {
    fc.assert(
      fc.property(receipt, fc.constantFrom<PrinterColumns>(32, 42, 48), fc.boolean(), fc.boolean(), (data, columns, copy, openDrawer) => {
        const opts = { columns, copy, openDrawer };
        const bytes = renderReceipt(data, opts);
        const decoded = decodeEscPos(bytes, { columns });
        expect(decoded.unknown).toEqual([]);
        expect(decoded.warnings).toEqual([]);
        expect(decoded.initializes).toBe(1);
        expect(decoded.cuts).toBe(1);
        expect(decoded.drawerPulses).toBe(openDrawer ? 1 : 0);
        // No real-time command: a DLE (0x10) may only be the barcode's length byte, followed by "{" (see the CODE128 test).
        for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x10) expect(bytes[i + 1]).toBe(0x7b);
        for (const line of decoded.styled) expect(line.width).toBeLessThanOrEqual(columns);
        expect(trimTrailingBlank(decoded.lines)).toEqual(trimTrailingBlank(receiptLines(data, opts)));
      }),
      { numRuns: 200 },
    );
  });
});
