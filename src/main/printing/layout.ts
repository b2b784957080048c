/**
 * Pure text layout for fixed-width receipt printers.
 *
 * A document is an ordered list of blocks. Text blocks are already wrapped to
 * the column width and made printable (plain ASCII, no control bytes), so the
 * encoder never has to wrap or pad anything and `blocksToLines` can show
 * exactly what the printer will print.
 */

export type Align = 'left' | 'center' | 'right';

/** normal 1×1, tall 1×2 (double height), wide 2×1, double 2×2. */
export type TextSize = 'normal' | 'tall' | 'wide' | 'double';

export interface TextStyle {
  align?: Align;
  bold?: boolean;
  size?: TextSize;
}

export type BarcodeSymbology = 'code128' | 'ean13' | 'ean8' | 'upca' | 'code39';

export type Block =
  /** One printed line; `text` fits in columns / widthFactor(size). */
  | { kind: 'text'; text: string; align: Align; bold: boolean; size: TextSize }
  | { kind: 'blank' }
  | { kind: 'separator'; char: '-' | '=' }
  /** Feed `feed` blank lines, then cut. */
  | { kind: 'cut'; feed: number }
  | { kind: 'drawer' }
  | { kind: 'qr'; data: string; size: number }
  /** `width`: module width in dots (2–4, default 3). */
  | { kind: 'barcode'; data: string; symbology: BarcodeSymbology; height: number; width?: 2 | 3 | 4 };

export function widthFactor(size: TextSize): 1 | 2 {
  return size === 'wide' || size === 'double' ? 2 : 1;
}

export function heightFactor(size: TextSize): 1 | 2 {
  return size === 'tall' || size === 'double' ? 2 : 1;
}

// ---------------------------------------------------------------------------
// Printable text

/** Letters that NFKD does not decompose into ASCII + combining marks. */
const SPECIAL: Record<string, string> = {
  'ß': 'ss', 'ẞ': 'SS', 'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ø': 'o', 'Ø': 'O',
  'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ð': 'd', 'Ð': 'D', 'þ': 'th', 'Þ': 'Th',
  'ı': 'i', 'ĸ': 'k', 'ŋ': 'ng', 'Ŋ': 'NG', 'ſ': 's',
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'",
  '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '«': '"', '»': '"',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
  '…': '...', '•': '*', '·': '.', '×': 'x', '÷': '/', '°': 'o',
  '€': 'EUR', '£': 'GBP', '¥': 'JPY', '©': '(c)', '®': '(R)', '™': 'TM',
  '½': '1/2', '¼': '1/4', '¾': '3/4', '¹': '1', '²': '2', '³': '3',
};

/**
 * Make a string safe and printable on any ESC/POS code page: transliterate
 * common accented letters to ASCII, turn line breaks and tabs into spaces,
 * drop every other control character (C0, DEL, C1, format characters), and
 * replace anything else outside printable ASCII with '?'.
 *
 * "\x1b@evil" → "@evil": a name can never smuggle a printer command.
 */
export function printable(value: string): string {
  const text = String(value ?? '');
  // Most text on paper is plain printable ASCII already.
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f) {
      out += ch;
      continue;
    }
    if (ch === '\n' || ch === '\r' || ch === '\t' || ch === '\u00a0' || ch === '\u2007' || ch === '\u202f') {
      out += ' ';
      continue;
    }
    // C0, DEL, C1 controls, zero-width and bidi format characters, BOM: drop.
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || /\p{Cf}/u.test(ch)) continue;
    // Combining marks on their own (after NFKD of the whole input they would
    // be attached to a letter; here they are stray): drop.
    if (/\p{M}/u.test(ch)) continue;
    if (SPECIAL[ch] !== undefined) {
      out += SPECIAL[ch];
      continue;
    }
    const decomposed = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    if (decomposed.length > 0 && /^[\x20-\x7e]+$/.test(decomposed)) {
      out += decomposed;
      continue;
    }
    if (/\s/u.test(ch)) {
      out += ' ';
      continue;
    }
    out += '?';
  }
  return out;
}

/** `printable`, then collapse runs of whitespace and trim. */
export function cleanText(value: string): string {
  return printable(value).replace(/ {2,}/g, ' ').trim();
}

// ---------------------------------------------------------------------------
// Wrapping

/**
 * Word-wrap already printable text to `width` columns. Words longer than the
 * width are broken. Always returns at least one line ('' for empty input).
 */
export function wrapText(text: string, width: number): string[] {
  if (width < 1) throw new RangeError(`wrap width must be >= 1, got ${width}`);
  const words = text.split(' ').filter((w) => w.length > 0);
  const lines: string[] = [];
  let current = '';
  for (let word of words) {
    if (current.length > 0 && current.length + 1 + word.length <= width) {
      current += ' ' + word;
      continue;
    }
    if (current.length > 0) {
      lines.push(current);
      current = '';
    }
    while (word.length > width) {
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    current = word;
  }
  if (current.length > 0 || lines.length === 0) lines.push(current);
  return lines;
}

/**
 * A left text and a right text on one line of exactly `width` columns, the
 * right text flush right. When they do not fit together, the left text wraps
 * on its own lines (continuation lines start at `indent`) and the right text
 * gets a line of its own, flush right: a number never shares a line with a
 * fragment of a wrapped name.
 */
export function pairLines(left: string, right: string, width: number, indent = 0): string[] {
  const l = cleanText(left);
  const r = cleanText(right).slice(0, width);
  const lead = ' '.repeat(Math.min(indent, Math.floor(width / 2)));
  if (r.length === 0) {
    return wrapIndented(l, width, lead);
  }
  if (lead.length + l.length + 1 + r.length <= width) {
    return [lead + l + ' '.repeat(width - lead.length - l.length - r.length) + r];
  }
  return [...wrapIndented(l, width, lead), ' '.repeat(width - r.length) + r];
}

function wrapIndented(text: string, width: number, lead: string): string[] {
  return wrapText(text, width - lead.length).map((part) => (part.length > 0 ? lead + part : ''));
}

// ---------------------------------------------------------------------------
// Document builder

export class Doc {
  readonly blocks: Block[] = [];

  constructor(readonly columns: number) {
    if (!Number.isInteger(columns) || columns < 16) {
      throw new RangeError(`columns must be an integer >= 16, got ${columns}`);
    }
  }

  /** Wrapped, printable text; one block per printed line. */
  text(value: string, style: TextStyle = {}): this {
    const size = style.size ?? 'normal';
    const width = Math.floor(this.columns / widthFactor(size));
    const paragraphs = String(value ?? '').split(/\r\n|\r|\n/);
    for (const paragraph of paragraphs) {
      for (const line of wrapText(cleanText(paragraph), width)) {
        this.blocks.push({
          kind: 'text',
          text: line,
          align: style.align ?? 'left',
          bold: style.bold ?? false,
          size,
        });
      }
    }
    return this;
  }

  /**
   * One pre-formatted line, flush left: made printable, inner spacing kept,
   * trailing spaces dropped, cut to the width.
   */
  line(value: string, opts: { bold?: boolean } = {}): this {
    const text = printable(value).slice(0, this.columns).trimEnd();
    this.blocks.push({ kind: 'text', text, align: 'left', bold: opts.bold ?? false, size: 'normal' });
    return this;
  }

  center(value: string, style: Omit<TextStyle, 'align'> = {}): this {
    return this.text(value, { ...style, align: 'center' });
  }

  /** Left and right text justified to the full width (see `pairLines`). */
  pair(left: string, right: string, opts: { bold?: boolean; indent?: number } = {}): this {
    for (const line of pairLines(left, right, this.columns, opts.indent ?? 0)) {
      this.blocks.push({ kind: 'text', text: line, align: 'left', bold: opts.bold ?? false, size: 'normal' });
    }
    return this;
  }

  /**
   * Left and right text on one line when they fit with at least one space
   * between them; otherwise each on a line of its own, both flush left.
   */
  pairOrStack(left: string, right: string, opts: { bold?: boolean } = {}): this {
    const l = cleanText(left);
    const r = cleanText(right);
    if (l.length + 1 + r.length <= this.columns) return this.pair(l, r, opts);
    return this.text(l, opts).text(r, opts);
  }

  separator(char: '-' | '=' = '-'): this {
    this.blocks.push({ kind: 'separator', char });
    return this;
  }

  blank(count = 1): this {
    for (let i = 0; i < count; i++) this.blocks.push({ kind: 'blank' });
    return this;
  }

  drawer(): this {
    this.blocks.push({ kind: 'drawer' });
    return this;
  }

  cut(feed = 4): this {
    this.blocks.push({ kind: 'cut', feed: Math.max(0, Math.min(10, Math.floor(feed))) });
    return this;
  }

  qr(data: string, size = 6): this {
    this.blocks.push({ kind: 'qr', data: printable(data), size: Math.max(1, Math.min(8, Math.floor(size))) });
    return this;
  }

  barcode(data: string, symbology: BarcodeSymbology = 'code128', height = 60, width?: 2 | 3 | 4): this {
    this.blocks.push({ kind: 'barcode', data: printable(data), symbology, height, ...(width ? { width } : {}) });
    return this;
  }

  lines(opts: { markers?: boolean } = {}): string[] {
    return blocksToLines(this.blocks, this.columns, opts);
  }
}

/** Left padding the printer gets for an aligned text block. */
export function alignPadding(block: { text: string; align: Align; size: TextSize }, columns: number): number {
  const used = block.text.length * widthFactor(block.size);
  if (block.align === 'center') return Math.max(0, columns - used) >> 1;
  if (block.align === 'right') return Math.max(0, columns - used);
  return 0;
}

/**
 * The printed text lines of a document, as a person sees them (alignment
 * padding included, trailing spaces trimmed). Drawer pulses and cuts print
 * nothing; the feed before a cut is not shown. With `markers`, QR codes and
 * barcodes show as `[QR data]` / `[BARCODE data]` lines.
 */
export function blocksToLines(blocks: readonly Block[], columns: number, opts: { markers?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'text':
        out.push((' '.repeat(alignPadding(block, columns)) + block.text).trimEnd());
        break;
      case 'blank':
        out.push('');
        break;
      case 'separator':
        out.push(block.char.repeat(columns));
        break;
      case 'qr':
        if (opts.markers) out.push(`[QR ${block.data}]`);
        break;
      case 'barcode':
        if (opts.markers) out.push(`[BARCODE ${block.data}]`);
        break;
      case 'cut':
      case 'drawer':
        break;
    }
  }
  return out;
}
