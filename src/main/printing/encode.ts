/**
 * Blocks → ESC/POS bytes.
 *
 * Text blocks arrive already wrapped and printable (see layout.ts), so the
 * encoder never wraps; it only adds alignment padding, styles and commands.
 * The output depends on nothing but the blocks and the column count, so it is
 * safe to compare against golden files.
 *
 * The bytes are exactly those @point-of-sale/receipt-printer-encoder 4.0.1
 * produced for the same blocks (this file drove that library before; the
 * goldens were made with it, and test/printing/encode-oracle.test.ts compares
 * the two on thousands of random documents). The library spent ~1 ms of CPU a
 * receipt, mostly cloning a code page table for every run of text; writing
 * the few commands we use directly costs microseconds. Its quirks are kept on
 * purpose (see `Writer`): changing them would change every printed byte.
 */
import type { PrinterColumns } from '../../shared/printer';
import { heightFactor, widthFactor, type Align, type BarcodeSymbology, type Block } from './layout';

export interface EncodeOptions {
  columns: PrinterColumns;
}

/** The drawer pulse a `drawer` block encodes to: ESC p 0 50 250 (pin 2, 100 ms on, 500 ms off). */
export const DRAWER_PULSE: readonly number[] = [0x1b, 0x70, 0x00, 0x32, 0xfa];

// The document is built as a string of char codes 0–255, one per byte, and
// written out as latin1 once at the end: far cheaper than byte-by-byte stores.
// Numbers are taken modulo 256, as the library's Uint8Array.from did.
const bytes = (...codes: number[]): string => String.fromCharCode(...codes.map((c) => c & 0xff));

/** ESC @, FS . (single-byte characters), ESC M 0 (font A): the library's initialize(). */
const INITIALIZE = bytes(0x1b, 0x40, 0x1c, 0x2e, 0x1b, 0x4d, 0x00);
/**
 * ESC t 0: code page cp437 (Epson numbering), present on every ESC/POS
 * printer. Sent once, right before the first text; text is plain ASCII after
 * layout anyway.
 */
const SELECT_CP437 = bytes(0x1b, 0x74, 0x00);
const PULSE = bytes(...DRAWER_PULSE);
/** GS V 1: partial cut. */
const CUT = bytes(0x1d, 0x56, 0x01);
/** ESC a 1 / ESC a 0: justification, only used around QR codes and barcodes. */
const ALIGN_CENTER = bytes(0x1b, 0x61, 0x01);
const ALIGN_LEFT = bytes(0x1b, 0x61, 0x00);
/** ESC E n: bold off / on. */
const BOLD_COMMAND = [bytes(0x1b, 0x45, 0), bytes(0x1b, 0x45, 1)] as const;
/** GS ! n: character size, width factor − 1 in the high nibble, height factor − 1 in the low one. */
const SIZE_COMMANDS: string[] = [];
const sizeCommand = (n: number): string => (SIZE_COMMANDS[n] ??= bytes(0x1d, 0x21, n));
const LF = '\n';

/** GS k symbology numbers; code128 (73) is a "function B" symbology, sent with a length byte instead of a NUL. */
const SYMBOLOGY: Record<BarcodeSymbology, number> = { upca: 0x00, ean13: 0x02, ean8: 0x03, code39: 0x04, code128: 0x49 };

/** Text: printable ASCII only (layout never sends anything else), never a control byte. */
const NOT_PRINTABLE = /[^\x20-\x7e]/;
const printableAscii = (s: string): string => (NOT_PRINTABLE.test(s) ? s.replace(/[^\x20-\x7e]/g, '?') : s);
/** QR and barcode data: ASCII as is (code set C pairs are control characters), nothing above 0x7F. */
const NOT_ASCII = /[^\x00-\x7f]/;
const asciiData = (s: string): string => (NOT_ASCII.test(s) ? s.replace(/[^\x00-\x7f]/g, '?') : s);

/** ESC/POS bytes for a document laid out for `opts.columns` columns. */
export function encodeBlocks(blocks: readonly Block[], opts: EncodeOptions): Uint8Array {
  const w = new Writer(opts.columns);

  for (const block of blocks) {
    switch (block.kind) {
      case 'text':
        w.style(block.bold, widthFactor(block.size), heightFactor(block.size));
        w.line(block.text, block.align);
        // The library was told bold(false).size(1, 1) after every line.
        w.style(false, 1, 1);
        break;
      case 'separator':
        w.line(block.char.repeat(opts.columns), 'left');
        break;
      case 'blank':
        w.feed();
        break;
      case 'drawer':
        // No line feed after the pulse.
        w.command(PULSE);
        break;
      case 'cut':
        // Like the library's newline(n): a fractional feed counts whole lines, at least one.
        for (let i = block.feed > 0 ? Math.trunc(block.feed) || 1 : 0; i > 0; i--) w.feed();
        // No line feed after the cut: it would only push the next receipt down.
        w.command(CUT);
        break;
      case 'qr':
        w.centered(qrCode(block.data, block.size));
        break;
      case 'barcode':
        w.centered(barcode(block.data, block.symbology, block.height, block.width ?? 3));
        break;
    }
  }

  return w.finish();
}

/** GS ( k: QR model 2, module size, error correction M, store the data, print it. */
function qrCode(data: string, size: number): string {
  const length = data.length + 3;
  return (
    bytes(0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00) +
    bytes(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, size) +
    bytes(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31) +
    bytes(0x1d, 0x28, 0x6b, length, length >> 8, 0x31, 0x50, 0x30) +
    asciiData(data) +
    bytes(0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30)
  );
}

/** GS h height, GS w module width in dots, GS H 2 (human-readable text below), GS k. */
function barcode(data: string, symbology: BarcodeSymbology, height: number, width: number): string {
  const setup = bytes(0x1d, 0x68, height, 0x1d, 0x77, width, 0x1d, 0x48, 0x02);
  const id = SYMBOLOGY[symbology];
  if (symbology !== 'code128') return setup + bytes(0x1d, 0x6b, id) + asciiData(data) + bytes(0x00);
  // code128Data starts with a code set, but for '': the library put '{B' in front of it.
  let value = code128Data(data);
  if (!value.startsWith('{')) value = '{B' + value;
  return setup + bytes(0x1d, 0x6b, id, value.length) + asciiData(value);
}

// A style change in `Writer.pending`: property in bit 8, value in the low byte.
const BOLD = 0x000;
const SIZE = 0x100;
const PROPERTY = 0x100;

/**
 * The library's line composer, reduced to what our blocks use. Kept quirks:
 * - Alignment is space padding (ESC a is only sent around QR codes and
 *   barcodes), printed in normal size before any style command; a
 *   right-aligned line loses one trailing space.
 * - Style commands are not minimal. A line starts with the style the
 *   previous line had (ESC E / GS ! of it, even if that line printed
 *   nothing), then every change made since, consecutive changes of one
 *   property collapsed, then the text, then the commands back to normal
 *   style; only commands that repeat the value in force are dropped, counting
 *   from normal style at the start of the line.
 * - Lines without text (blank lines, feeds, codes, cuts, pulses) print no
 *   style commands and forget the pending ones.
 * - ESC t 0 goes right before the first text; when nothing separates the
 *   padding from the text, the two are one run and ESC t 0 comes before the
 *   padding.
 */
class Writer {
  private out = INITIALIZE;

  // The style the library's composer is in (not necessarily the printer's).
  private bold = false;
  private width = 1;
  private height = 1;
  /**
   * Style changes in front of the next line: the style at the last line
   * break, then every change since. Each is property (BOLD or SIZE) | value.
   */
  private readonly pending: number[] = [];
  // Used length of `pending` (setting an array's length is slow in V8).
  private pendingCount = 0;
  private codepageSent = false;

  constructor(private readonly columns: number) {}

  style(bold: boolean, width: number, height: number): void {
    if (bold !== this.bold) {
      this.bold = bold;
      this.pending[this.pendingCount++] = BOLD | (bold ? 1 : 0);
    }
    // Width, then height, each a change of its own (they collapse into the last one).
    if (width !== this.width) {
      this.width = width;
      this.pending[this.pendingCount++] = SIZE | this.sizeValue();
    }
    if (height !== this.height) {
      this.height = height;
      this.pending[this.pendingCount++] = SIZE | this.sizeValue();
    }
  }

  /**
   * One line of text, padded to its alignment, and LF. The text must fit
   * the paper (layout guarantees it); unlike the library, nothing wraps.
   */
  line(text: string, align: Align): void {
    if (text.length === 0) {
      this.feed();
      return;
    }
    let used = text.length * this.width;
    let padding = 0;
    if (align === 'right') {
      if (text.endsWith(' ')) {
        text = text.slice(0, -1);
        used -= this.width;
      }
      padding = Math.max(0, this.columns - used);
    } else if (align === 'center') {
      padding = Math.max(0, this.columns - used) >> 1;
    }

    const pending = this.pending;
    const count = this.pendingCount;
    let out = this.out;
    let bold = 0;
    let size = 0;
    if (count === 0) {
      // Padding and text are one run of text for the library: ESC t 0 goes before the padding.
      out += this.codepage() + ' '.repeat(padding);
    } else {
      out += ' '.repeat(padding);
      // Collapse runs of one property to their last change, then drop the
      // changes to the value already in force.
      for (let i = 0; i < count; i++) {
        const op = pending[i]!;
        if (i + 1 < count && (pending[i + 1]! & PROPERTY) === (op & PROPERTY)) continue;
        const value = op & 0xff;
        if ((op & PROPERTY) === BOLD) {
          if (value === bold) continue;
          bold = value;
          out += BOLD_COMMAND[value]!;
        } else {
          if (value === size) continue;
          size = value;
          out += sizeCommand(value);
        }
      }
      out += this.codepage();
    }
    out += printableAscii(text);
    // Back to normal style (a command only if the line is not in it already).
    if (this.bold && bold !== 0) out += BOLD_COMMAND[0];
    if (this.sizeValue() !== 0 && size !== 0) out += sizeCommand(0);
    this.out = out + LF;
    this.lineBreak();
  }

  /** An empty line. */
  feed(): void {
    this.out += LF;
    this.lineBreak();
  }

  /** A command on a line of its own, without a line feed (pulse, cut). */
  command(code: string): void {
    this.lineBreak();
    this.out += code;
  }

  /** A QR code or barcode: ESC a 1, the code, LF, ESC a 0. */
  centered(code: string): void {
    this.lineBreak();
    this.out += ALIGN_CENTER + code + LF + ALIGN_LEFT;
  }

  finish(): Uint8Array {
    const result = new Uint8Array(this.out.length);
    Buffer.from(result.buffer).write(this.out, 'latin1');
    return result;
  }

  /** The library ends a line: pending style changes are dropped, the current style is carried on. */
  private lineBreak(): void {
    this.pendingCount = 0;
    if (this.bold) this.pending[this.pendingCount++] = BOLD | 1;
    if (this.width !== 1 || this.height !== 1) this.pending[this.pendingCount++] = SIZE | this.sizeValue();
  }

  private codepage(): string {
    if (this.codepageSent) return '';
    this.codepageSent = true;
    return SELECT_CP437;
  }

  /** The GS ! value of the current size. */
  private sizeValue(): number {
    return ((this.width - 1) << 4) | (this.height - 1);
  }
}

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
