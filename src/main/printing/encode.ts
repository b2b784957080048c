/**
 * Blocks → ESC/POS bytes, with @point-of-sale/receipt-printer-encoder.
 *
 * Text blocks arrive already wrapped and printable (see layout.ts), so the
 * encoder never wraps; it only adds alignment padding, styles and commands.
 * The output depends on nothing but the blocks and the column count, so it is
 * safe to compare against golden files.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { PrinterColumns } from '../../shared/printer';
import { heightFactor, widthFactor, type Block } from './layout';

export interface EncodeOptions {
  columns: PrinterColumns;
}

const GS = 0x1d;
const LF = 0x0a;

function newEncoder(columns: PrinterColumns): ReceiptPrinterEncoder {
  return new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns,
    // Epson code page numbers (ESC t n); cp437 is ESC t 0, present on every
    // ESC/POS printer. Text is plain ASCII after layout anyway.
    codepageMapping: 'epson',
    newline: '\n',
    feedBeforeCut: 0,
    feedAfterBlock: true,
    errors: 'strict',
  });
}

/** ESC/POS bytes for a document laid out for `opts.columns` columns. */
export function encodeBlocks(blocks: readonly Block[], opts: EncodeOptions): Uint8Array {
  const encoder = newEncoder(opts.columns);
  const chunks: Uint8Array[] = [];

  // ESC @ (and the encoder's FS . / ESC M 0), then select cp437 explicitly:
  // never 'auto', which would switch code pages per string.
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
        // ESC p 0 t1 t2 (pin 2, 100 ms on, 500 ms off). Encoding right after
        // the pulse keeps the encoder from adding a line feed behind it.
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
            // The encoder sends GS w (width + 1): module width in dots.
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

/** The drawer pulse a `drawer` block encodes to: ESC p 0 50 250 (pin 2, 100 ms on, 500 ms off). */
export const DRAWER_PULSE: readonly number[] = [0x1b, 0x70, 0x00, 0x32, 0xfa];

/**
 * The same document without its drawer pulses: what a retried job sends,
 * so that sending a receipt again never opens the drawer again. Text is
 * plain ASCII after layout, so the pulse's 0xFA byte cannot occur in it.
 */
export function withoutDrawerPulse(bytes: Uint8Array): { bytes: Uint8Array; removed: number } {
  const out: number[] = [];
  let removed = 0;
  for (let i = 0; i < bytes.length; ) {
    if (DRAWER_PULSE.every((b, k) => bytes[i + k] === b)) {
      removed += 1;
      i += DRAWER_PULSE.length;
      continue;
    }
    out.push(bytes[i]!);
    i += 1;
  }
  return { bytes: removed === 0 ? bytes : Uint8Array.from(out), removed };
}

/**
 * CODE128 data for GS k 73: code set B, switching to code set C (two digits
 * a symbol) for runs of four digits or more, so numbers print narrow. The
 * pair "16" stays in code set B: as a code set C byte it would be DLE
 * (0x10), which a printer takes for a real-time command (DLE EOT, DLE DC4
 * pulses the drawer) wherever it stands. `{` is escaped as `{{` in code set B.
 */
export function code128Data(text: string): string {
  let out = '';
  let set: 'B' | 'C' | null = null;
  const b = (chars: string) => {
    if (set !== 'B') out += '{B';
    set = 'B';
    out += chars.replace(/\{/g, '{{');
  };
  const c = (pair: string) => {
    if (set !== 'C') out += '{C';
    set = 'C';
    out += String.fromCharCode(Number(pair));
  };
  for (const run of text.match(/\d{4,}|[^\d]+|\d{1,3}/g) ?? []) {
    if (!/^\d{4,}$/.test(run)) {
      b(run);
      continue;
    }
    let digits = run;
    if (digits.length % 2 === 1) {
      b(digits[0]!);
      digits = digits.slice(1);
    }
    for (let i = 0; i < digits.length; i += 2) {
      const pair = digits.slice(i, i + 2);
      if (pair === '16') b(pair);
      else c(pair);
    }
  }
  return out;
}

/** The encoder ends a cut line with a line feed; it would only push the next receipt down. */
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
