/**
 * The hand-written ESC/POS encoder (src/main/printing/encode.ts) against the
 * library it replaced: @point-of-sale/receipt-printer-encoder 4.0.1, driven
 * exactly as encode.ts drove it before (`libraryEncodeBlocks` below is that
 * code, renamed, its comments trimmed). Every block list our layout can
 * produce must give the same bytes, byte for byte: the goldens, and every
 * printer in the field, were made with the library.
 *
 * Random documents come from a seeded PRNG, so a failure names a case that
 * fails again the same way.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { describe, expect, it } from 'vitest';
import { buildLabels } from '../../src/main/printing/documents/labels';
import { buildQrisSlip } from '../../src/main/printing/documents/qris-slip';
import { buildReceipt } from '../../src/main/printing/documents/receipt';
import { buildSettlementSlip } from '../../src/main/printing/documents/settlement-slip';
import { buildTestPage } from '../../src/main/printing/documents/test-page';
import { code128Data, encodeBlocks } from '../../src/main/printing/encode';
import {
  Doc,
  heightFactor,
  widthFactor,
  type Align,
  type BarcodeSymbology,
  type Block,
  type TextSize,
} from '../../src/main/printing/layout';
import { ean13CheckDigit } from '../../src/shared/ean13';
import type { PrinterColumns } from '../../src/shared/printer';
import { sampleReceipt, SALE_TIME_UTC } from './fixtures';
import { hexDump } from './golden';
import { sampleSettlement } from './settlement-fixtures';
import { mulberry32 } from '../../src/main/core/demo';

// ---------------------------------------------------------------------------
// The oracle: encode.ts as it was with the library.

const GS = 0x1d;
const LF = 0x0a;

function newEncoder(columns: PrinterColumns): ReceiptPrinterEncoder {
  return new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns,
    codepageMapping: 'epson',
    newline: '\n',
    feedBeforeCut: 0,
    feedAfterBlock: true,
    errors: 'strict',
  });
}

function libraryEncodeBlocks(blocks: readonly Block[], opts: { columns: PrinterColumns }): Uint8Array {
  const encoder = newEncoder(opts.columns);
  const chunks: Uint8Array[] = [];

  encoder.initialize().codepage('cp437');

  for (const block of blocks) {
    switch (block.kind) {
      case 'text':
        encoder
          .align(block.align)
          .bold(block.bold)
          .size(widthFactor(block.size), heightFactor(block.size))
          .line(block.text)
          .bold(false)
          .size(1, 1)
          .align('left');
        break;
      case 'separator':
        encoder.line(block.char.repeat(opts.columns));
        break;
      case 'blank':
        encoder.newline();
        break;
      case 'drawer':
        encoder.pulse(0, 100, 500);
        chunks.push(encoder.encode());
        break;
      case 'cut':
        if (block.feed > 0) encoder.newline(block.feed);
        encoder.cut('partial');
        chunks.push(stripFeedAfterCut(encoder.encode()));
        break;
      case 'qr':
        encoder.align('center').qrcode(block.data, { model: 2, size: block.size, errorlevel: 'm' }).align('left');
        break;
      case 'barcode':
        encoder
          .align('center')
          .barcode(block.symbology === 'code128' ? code128Data(block.data) : block.data, block.symbology, {
            height: block.height,
            width: (block.width ?? 3) - 1,
            text: 'below',
          })
          .align('left');
        break;
    }
  }

  chunks.push(encoder.encode());
  return concat(chunks);
}

function stripFeedAfterCut(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  if (n >= 4 && bytes[n - 1] === LF && bytes[n - 4] === GS && bytes[n - 3] === 0x56) {
    return bytes.subarray(0, n - 1);
  }
  return bytes;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Random block lists

const ALL_COLUMNS: PrinterColumns[] = [32, 42, 48];
const ALIGNS: Align[] = ['left', 'center', 'right'];
const SIZES: TextSize[] = ['normal', 'tall', 'wide', 'double'];
const SYMBOLOGIES: BarcodeSymbology[] = ['code128', 'ean13', 'ean8', 'upca', 'code39'];

class Gen {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Printable ASCII, spaces (and so leading/trailing spaces) over-represented. */
  ascii(length: number, alphabet?: string): string {
    let s = '';
    for (let i = 0; i < length; i++) {
      if (alphabet) s += alphabet[this.int(0, alphabet.length - 1)];
      else s += this.chance(0.2) ? ' ' : String.fromCharCode(this.int(0x20, 0x7e));
    }
    return s;
  }
  digits(length: number): string {
    return this.ascii(length, '0123456789');
  }
  /** A length in 0..max, with the edges (0, 1, max − 1, max) over-represented. */
  length(max: number): number {
    const r = this.next();
    if (r < 0.08) return 0;
    if (r < 0.12) return Math.min(1, max);
    if (r < 0.22) return max;
    if (r < 0.27) return Math.max(0, max - 1);
    return this.int(0, max);
  }
}

function randomText(g: Gen, columns: number): Block {
  const size = g.pick(SIZES);
  const max = Math.floor(columns / widthFactor(size));
  const n = g.length(max);
  const shape = g.next();
  let text: string;
  if (shape < 0.1) text = ' '.repeat(n);
  else if (shape < 0.2 && n >= 2) text = ' ' + g.ascii(n - 2) + ' ';
  else if (shape < 0.3 && n >= 1) text = g.ascii(n - 1) + ' ';
  else if (shape < 0.4 && n >= 1) text = ' ' + g.ascii(n - 1);
  else text = g.ascii(n);
  return { kind: 'text', text, align: g.pick(ALIGNS), bold: g.chance(0.5), size };
}

function randomEan13(g: Gen): string {
  const first12 = g.digits(12);
  // labels.ts only prints valid 13-digit codes as EAN-13; 12 digits (printer adds the check digit) as well.
  return g.chance(0.8) ? first12 + ean13CheckDigit(first12) : first12;
}

function randomBarcodeData(g: Gen, symbology: BarcodeSymbology): string {
  switch (symbology) {
    case 'ean13':
      return randomEan13(g);
    case 'ean8':
      return g.digits(g.pick([7, 8]));
    case 'upca':
      return g.digits(g.pick([11, 12]));
    case 'code39':
      return g.ascii(g.int(1, 20), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-. $/+%');
    case 'code128': {
      const r = g.next();
      // Sale numbers (digit runs: code set C, the "16" pair), '{' escapes, anything printable, empty.
      if (r < 0.3) return `K${g.int(1, 9)}${g.digits(8)}${g.digits(4)}`;
      if (r < 0.45) return g.ascii(g.int(0, 24), '0123456789{16');
      if (r < 0.5) return '';
      return g.ascii(g.int(0, 60));
    }
  }
}

function randomBlock(g: Gen, columns: number): Block {
  const r = g.next();
  if (r < 0.5) return randomText(g, columns);
  if (r < 0.58) return { kind: 'separator', char: g.pick(['-', '='] as const) };
  if (r < 0.66) return { kind: 'blank' };
  if (r < 0.73) return { kind: 'cut', feed: g.int(0, 4) };
  if (r < 0.8) return { kind: 'drawer' };
  if (r < 0.88) {
    const n = g.chance(0.15) ? g.int(250, 400) : g.int(0, 120);
    return { kind: 'qr', data: g.ascii(n), size: g.int(1, 8) };
  }
  const symbology = g.pick(SYMBOLOGIES);
  const width = g.pick([undefined, 2, 3, 4] as const);
  return {
    kind: 'barcode',
    data: randomBarcodeData(g, symbology),
    symbology,
    height: g.chance(0.5) ? g.pick([50, 60]) : g.int(1, 255),
    ...(width ? { width } : {}),
  };
}

function randomBlocks(g: Gen, columns: number): Block[] {
  const blocks: Block[] = [];
  const n = g.chance(0.05) ? g.int(0, 2) : g.int(1, 60);
  for (let i = 0; i < n; i++) {
    // Runs of one kind: consecutive drawers, cuts, blanks and styled lines.
    const block = randomBlock(g, columns);
    const repeat = g.chance(0.1) ? g.int(2, 4) : 1;
    for (let k = 0; k < repeat; k++) blocks.push(k === 0 || block.kind !== 'text' ? block : randomText(g, columns));
  }
  return blocks;
}

/** The same kinds of documents through the Doc API, with any Unicode text: what layout really produces. */
function randomDoc(g: Gen, columns: PrinterColumns): Doc {
  const doc = new Doc(columns);
  const words = ['Kacang', 'Mete', 'Rp 45.000', 'Café', '“Abon”', '—', 'x', '', '   ', '\t', '漢字', 'Kendari', '12345678901234567890123456789012345678901234567890'];
  const phrase = () => Array.from({ length: g.int(0, 8) }, () => g.pick(words)).join(g.pick([' ', '  ', '\n']));
  const style = () => ({ align: g.pick(ALIGNS), bold: g.chance(0.5), size: g.pick(SIZES) });
  for (let i = g.int(0, 30); i > 0; i--) {
    const r = g.int(0, 11);
    if (r === 0) doc.text(phrase(), style());
    else if (r === 1) doc.line(g.ascii(g.int(0, columns + 4)), { bold: g.chance(0.5) });
    else if (r === 2) doc.center(phrase(), { bold: g.chance(0.5), size: g.pick(SIZES) });
    else if (r === 3) doc.pair(phrase(), phrase(), { bold: g.chance(0.5), indent: g.int(0, 4) });
    else if (r === 4) doc.pairOrStack(phrase(), phrase(), { bold: g.chance(0.5) });
    else if (r === 5) doc.separator(g.pick(['-', '='] as const));
    else if (r === 6) doc.blank(g.int(1, 3));
    else if (r === 7) doc.drawer();
    else if (r === 8) doc.cut(g.int(-1, 5));
    else if (r === 9) doc.qr(phrase(), g.int(0, 9));
    else {
      const symbology = g.pick(SYMBOLOGIES);
      doc.barcode(randomBarcodeData(g, symbology), symbology, g.pick([50, 60]), g.pick([undefined, 2, 3, 4] as const));
    }
  }
  return doc;
}

function expectSameBytes(blocks: readonly Block[], columns: PrinterColumns, label: string): void {
  const expected = libraryEncodeBlocks(blocks, { columns });
  const actual = encodeBlocks(blocks, { columns });
  if (Buffer.from(actual).equals(Buffer.from(expected))) return;
  expect(hexDump(actual), `${label}, columns ${columns}: ${JSON.stringify(blocks)}`).toBe(hexDump(expected));
}

// ---------------------------------------------------------------------------

const CASES_PER_WIDTH = 1000;

describe('encodeBlocks gives the bytes of receipt-printer-encoder 4.0.1', () => {
  for (const columns of ALL_COLUMNS) {
    it(`${CASES_PER_WIDTH} random block lists at ${columns} columns`, () => {
      const g = new Gen(mulberry32(0x5eed0000 + columns));
      for (let i = 0; i < CASES_PER_WIDTH; i++) expectSameBytes(randomBlocks(g, columns), columns, `case ${i}`);
    });

    it(`300 random documents through the Doc API at ${columns} columns`, () => {
      const g = new Gen(mulberry32(0xd0c00000 + columns));
      for (let i = 0; i < 300; i++) expectSameBytes(randomDoc(g, columns).blocks, columns, `doc ${i}`);
    });
  }

  it('every text style after every text style, in every alignment', () => {
    // Exhaustive ordered pairs (32 columns; the random cases cover the other
    // widths): the library's redundant style commands depend on the previous
    // line's style, and on whether that line printed anything.
    const columns = 32;
    const texts: Block[] = [];
    for (const align of ALIGNS) {
      for (const size of SIZES) {
        for (const bold of [false, true]) {
          for (const text of ['', ' ', 'ab ', ' ab', 'x'.repeat(columns / widthFactor(size))]) {
            texts.push({ kind: 'text', text, align, bold, size });
          }
        }
      }
    }
    const others: Block[] = [{ kind: 'separator', char: '-' }, { kind: 'blank' }, { kind: 'drawer' }, { kind: 'cut', feed: 1 }];
    for (const a of texts) {
      for (const b of [...texts, ...others]) expectSameBytes([a, b], columns, 'pair');
    }
    for (const a of others) {
      for (const b of texts) expectSameBytes([a, b], columns, 'pair');
    }
  });

  it('the real documents', () => {
    for (const columns of ALL_COLUMNS) {
      const docs: Doc[] = [
        buildReceipt(sampleReceipt(), { columns, openDrawer: true }),
        buildReceipt(sampleReceipt(), { columns, copy: true }),
        buildSettlementSlip(sampleSettlement(), { columns }),
        buildQrisSlip(
          { shopName: 'PLUT Sultra', merchantName: 'PLUT SULTRA KENDARI', payload: '00020101021126' + '7'.repeat(150) + '6304ABCD', amount: 205_500, createdAt: SALE_TIME_UTC, timeZone: 'Asia/Makassar' },
          columns,
        ),
        buildLabels(
          [
            { label: { name: 'Kacang Mete Goreng', sellPrice: 45_000, sku: 'S0001-0001', barcode: '4006381333931', expiryDate: '2027-06-30' }, qty: 2 },
            { label: { name: 'Tenun Buton', sellPrice: 350_000, sku: 'S0002-0016', barcode: null }, qty: 1 },
          ],
          { columns },
        ),
        buildTestPage({ shopName: 'PLUT Sultra', tillCode: 'K1', config: { transport: { type: 'none' }, columns }, at: SALE_TIME_UTC }),
      ];
      docs.forEach((doc, i) => expectSameBytes(doc.blocks, columns, `document ${i}`));
    }
  });
});
