/**
 * A small, independent ESC/POS decoder for tests.
 *
 * Written from the Epson ESC/POS command reference (TM series), not from the
 * encoder's source: it walks the byte stream the way a printer does, keeps
 * the print-mode state, and reports what would come out: text lines, which of
 * them are bold or enlarged, cuts, drawer pulses, and markers for graphics
 * (QR codes, barcodes, images). Commands it does not know are listed in
 * `unknown`, so a test can insist on a clean stream.
 */

export type DecodeEvent =
  | { type: 'init'; offset: number }
  | { type: 'line'; index: number; offset: number }
  | { type: 'pulse'; offset: number; pin: number; onMs: number; offMs: number }
  | { type: 'cut'; offset: number; partial: boolean; atLineStart: boolean }
  | { type: 'codepage'; offset: number; page: number }
  | { type: 'status-query'; offset: number; n: number }
  | { type: 'qr'; offset: number; data: string }
  | { type: 'pdf417'; offset: number; data: string }
  | { type: 'barcode'; offset: number; system: number; data: string }
  | { type: 'image'; offset: number; width: number; height: number };

export interface DecodedLine {
  /** Text as printed, alignment padding included when `columns` was given. */
  text: string;
  /** Width in columns of font A, counting double-width characters twice. */
  width: number;
  /** Some character of the line was emphasized (ESC E / ESC ! bit 3). */
  bold: boolean;
  /** The emphasized characters of the line, in order. */
  boldText: string;
  maxWidthFactor: number;
  maxHeightFactor: number;
  align: 'left' | 'center' | 'right';
}

export interface DecodedEscPos {
  lines: string[];
  styled: DecodedLine[];
  /** Indexes into `lines` of the lines with bold text. */
  boldLines: number[];
  cuts: number;
  drawerPulses: number;
  initializes: number;
  events: DecodeEvent[];
  /** Commands this decoder does not know (hex of the prefix), in order. */
  unknown: string[];
  /** Oddities: text left in the buffer at the end, a cut mid-line... */
  warnings: string[];
}

export interface DecodeOptions {
  /** Paper width in columns; when given, ESC a alignment is applied to the text. */
  columns?: number;
}

/** IBM code page 437, bytes 0x80–0xFF. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅ' +
  'ÉæÆôöòûùÿÖÜ¢£¥₧ƒ' +
  'áíóúñÑªº¿⌐¬½¼¡«»' +
  '░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧' +
  '╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
  'αßΓπΣσµτΦΘΩδ∞φε∩' +
  '≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const windows1252 = new TextDecoder('windows-1252');

function decodeChar(byte: number, codepage: number): string {
  if (byte < 0x80) return String.fromCharCode(byte === 0x7f ? 0x2302 : byte);
  if (codepage === 0) return CP437_HIGH[byte - 0x80]!;
  if (codepage === 16) return windows1252.decode(Uint8Array.of(byte));
  return '\ufffd';
}

const hex = (bytes: ArrayLike<number>): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

const ascii = (bytes: ArrayLike<number>): string => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

/** CODE128 data as sent with GS k 73: code set selectors "{A" "{B" "{C", "{{" = "{". */
function code128Text(data: Uint8Array): string {
  let set: 'A' | 'B' | 'C' = 'B';
  let out = '';
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (b === 0x7b && i + 1 < data.length) {
      const next = String.fromCharCode(data[i + 1]!);
      if (next === 'A' || next === 'B' || next === 'C') {
        set = next;
        i++;
        continue;
      }
      if (next === '{') {
        out += '{';
        i++;
        continue;
      }
      i++; // FNC1..4 and shift: not text
      continue;
    }
    out += set === 'C' ? String(b).padStart(2, '0') : String.fromCharCode(b);
  }
  return out;
}

export function decodeEscPos(input: Uint8Array | ArrayLike<number>, options: DecodeOptions = {}): DecodedEscPos {
  const bytes = input instanceof Uint8Array ? input : Uint8Array.from(input);
  const result: DecodedEscPos = {
    lines: [],
    styled: [],
    boldLines: [],
    cuts: 0,
    drawerPulses: 0,
    initializes: 0,
    events: [],
    unknown: [],
    warnings: [],
  };

  // Printer state (ESC @ resets it).
  let emphasized = false;
  let widthMag = 1;
  let heightMag = 1;
  let align: DecodedLine['align'] = 'left';
  let codepage = 0;

  // Line buffer.
  let text = '';
  let width = 0;
  let boldText = '';
  let lineBold = false;
  let maxW = 1;
  let maxH = 1;
  let lineAlign: DecodedLine['align'] = 'left';
  let pendingGraphics: string[] = [];
  let qrData = '';
  let pdfData = '';

  const reset = (): void => {
    emphasized = false;
    widthMag = 1;
    heightMag = 1;
    align = 'left';
    codepage = 0;
  };

  const bufferEmpty = (): boolean => text.length === 0;

  const pushLine = (line: DecodedLine, offset: number): void => {
    const index = result.lines.length;
    result.lines.push(line.text);
    result.styled.push(line);
    if (line.bold) result.boldLines.push(index);
    result.events.push({ type: 'line', index, offset });
  };

  const flushGraphics = (offset: number): void => {
    for (const marker of pendingGraphics) {
      pushLine({ text: marker, width: 0, bold: false, boldText: '', maxWidthFactor: 1, maxHeightFactor: 1, align: 'left' }, offset);
    }
    pendingGraphics = [];
  };

  /** Print the buffer and feed: one line, or nothing when only graphics were on it. */
  const endLine = (offset: number): void => {
    const hadGraphics = pendingGraphics.length > 0;
    flushGraphics(offset);
    if (!bufferEmpty() || !hadGraphics) {
      let shown = text;
      if (options.columns && lineAlign !== 'left' && text.length > 0) {
        const free = Math.max(0, options.columns - width);
        shown = ' '.repeat(lineAlign === 'center' ? free >> 1 : free) + text;
      }
      pushLine(
        {
          text: shown,
          width: width + (shown.length - text.length),
          bold: lineBold,
          boldText,
          maxWidthFactor: maxW,
          maxHeightFactor: maxH,
          align: lineAlign,
        },
        offset,
      );
    }
    text = '';
    width = 0;
    boldText = '';
    lineBold = false;
    maxW = 1;
    maxH = 1;
  };

  const addChar = (ch: string): void => {
    if (bufferEmpty()) lineAlign = align;
    text += ch;
    width += widthMag;
    if (emphasized && ch !== ' ') {
      lineBold = true;
      boldText += ch;
    } else if (emphasized) {
      boldText += ch;
    }
    maxW = Math.max(maxW, widthMag);
    maxH = Math.max(maxH, heightMag);
  };

  const graphic = (marker: string): void => {
    // A graphic prints what is in the buffer first, then itself.
    if (!bufferEmpty()) endLine(commandStart);
    pendingGraphics.push(marker);
  };

  const unknown = (offset: number, length: number): void => {
    result.unknown.push(`@${offset}: ${hex(bytes.subarray(offset, offset + length))}`);
  };

  const need = (offset: number, count: number): boolean => {
    if (offset + count > bytes.length) {
      result.warnings.push(`@${offset}: command truncated (${hex(bytes.subarray(offset))})`);
      return false;
    }
    return true;
  };

  let i = 0;
  let commandStart = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const start = i;
    commandStart = i;

    // ---- printable characters
    if (b >= 0x20 && b !== 0x7f) {
      addChar(decodeChar(b, codepage));
      i++;
      continue;
    }
    if (b === 0x7f) {
      addChar(decodeChar(b, codepage));
      i++;
      continue;
    }

    switch (b) {
      case 0x0a: // LF: print and line feed
        endLine(start);
        i++;
        continue;
      case 0x0d: // CR: ignored (auto line feed disabled)
        i++;
        continue;
      case 0x09: {
        // HT: next horizontal tab position (default every 8 characters)
        const next = (Math.floor(text.length / 8) + 1) * 8;
        while (text.length < next) addChar(' ');
        i++;
        continue;
      }
      case 0x0c: // FF: in standard mode, print and return to the start of the line
        if (!bufferEmpty()) endLine(start);
        i++;
        continue;
      case 0x18: // CAN: cancel page-mode data
        i++;
        continue;
      case 0x10: {
        // DLE: real-time commands
        if (!need(i, 3)) {
          i = bytes.length;
          continue;
        }
        const c = bytes[i + 1]!;
        const n = bytes[i + 2]!;
        if (c === 0x04) {
          result.events.push({ type: 'status-query', offset: start, n });
          i += n === 7 || n === 8 ? 4 : 3;
          continue;
        }
        if (c === 0x05) {
          i += 3;
          continue;
        }
        if (c === 0x14) {
          // DLE DC4 fn ...
          if (n === 1 && need(i, 5)) {
            const m = bytes[i + 3]!;
            const t = bytes[i + 4]!;
            result.drawerPulses++;
            result.events.push({ type: 'pulse', offset: start, pin: m, onMs: t * 100, offMs: t * 100 });
            i += 5;
            continue;
          }
          const lengths: Record<number, number> = { 2: 5, 3: 5, 7: 4, 8: 10 };
          if (lengths[n] !== undefined) {
            i += lengths[n]!;
            continue;
          }
        }
        unknown(start, 2);
        i += 2;
        continue;
      }
      case 0x1b: {
        // ESC
        if (!need(i, 2)) {
          i = bytes.length;
          continue;
        }
        const c = bytes[i + 1]!;
        const p = (k: number): number => bytes[i + 1 + k] ?? 0;
        switch (c) {
          case 0x40: // ESC @ initialize
            result.initializes++;
            result.events.push({ type: 'init', offset: start });
            if (!bufferEmpty()) result.warnings.push(`@${start}: ESC @ discarded buffered text "${text}"`);
            text = '';
            width = 0;
            boldText = '';
            lineBold = false;
            pendingGraphics = [];
            reset();
            i += 2;
            continue;
          case 0x21: {
            // ESC ! n: print mode
            if (!need(i, 3)) break;
            const n = p(1);
            emphasized = (n & 0x08) !== 0;
            heightMag = n & 0x10 ? 2 : 1;
            widthMag = n & 0x20 ? 2 : 1;
            i += 3;
            continue;
          }
          case 0x45: // ESC E n: emphasized
            if (!need(i, 3)) break;
            emphasized = (p(1) & 1) === 1;
            i += 3;
            continue;
          case 0x61: {
            // ESC a n: justification
            if (!need(i, 3)) break;
            const n = p(1);
            align = n === 1 || n === 49 ? 'center' : n === 2 || n === 50 ? 'right' : 'left';
            if (bufferEmpty()) lineAlign = align;
            i += 3;
            continue;
          }
          case 0x64: {
            // ESC d n: print and feed n lines
            if (!need(i, 3)) break;
            const n = p(1);
            if (n === 0) {
              if (!bufferEmpty()) endLine(start);
            } else {
              for (let k = 0; k < n; k++) endLine(start);
            }
            i += 3;
            continue;
          }
          case 0x4a: // ESC J n: print and feed n dots
            if (!need(i, 3)) break;
            endLine(start);
            i += 3;
            continue;
          case 0x74: // ESC t n: character code table
            if (!need(i, 3)) break;
            codepage = p(1);
            result.events.push({ type: 'codepage', offset: start, page: codepage });
            i += 3;
            continue;
          case 0x70: {
            // ESC p m t1 t2: generate pulse (cash drawer)
            if (!need(i, 5)) break;
            result.drawerPulses++;
            result.events.push({ type: 'pulse', offset: start, pin: p(1) & 1, onMs: p(2) * 2, offMs: p(3) * 2 });
            i += 5;
            continue;
          }
          case 0x69: // ESC i: partial cut (legacy)
          case 0x6d: // ESC m: partial cut (legacy)
            result.cuts++;
            result.events.push({ type: 'cut', offset: start, partial: true, atLineStart: bufferEmpty() });
            i += 2;
            continue;
          case 0x32: // ESC 2: default line spacing
          case 0x3c: // ESC <: return home
          case 0x4c: // ESC L: page mode
          case 0x53: // ESC S: standard mode
          case 0x0c: // ESC FF: print data in page mode
            i += 2;
            continue;
          case 0x20: // ESC SP n: right-side character spacing
          case 0x25: // ESC % n: user-defined character set
          case 0x2d: // ESC - n: underline
          case 0x33: // ESC 3 n: line spacing
          case 0x34: // ESC 4 n: italic (not Epson; some clones)
          case 0x3d: // ESC = n: select peripheral device
          case 0x3f: // ESC ? n: cancel user-defined character
          case 0x47: // ESC G n: double-strike
          case 0x4b: // ESC K n: reverse feed dots (some models)
          case 0x4d: // ESC M n: character font
          case 0x52: // ESC R n: international character set
          case 0x54: // ESC T n: print direction in page mode
          case 0x55: // ESC U n: unidirectional printing
          case 0x56: // ESC V n: 90° rotation
          case 0x65: // ESC e n: print and reverse feed n lines
          case 0x72: // ESC r n: print colour
          case 0x75: // ESC u n: transmit peripheral status (legacy)
          case 0x76: // ESC v n: transmit paper sensor status (legacy)
          case 0x7b: // ESC { n: upside-down
            if (!need(i, 3)) break;
            i += 3;
            continue;
          case 0x24: // ESC $ nL nH: absolute print position
          case 0x5c: // ESC \ nL nH: relative print position
            if (!need(i, 4)) break;
            i += 4;
            continue;
          case 0x63: // ESC c 3 n / ESC c 4 n / ESC c 5 n
            if (!need(i, 4)) break;
            i += 4;
            continue;
          case 0x57: // ESC W xL xH yL yH dxL dxH dyL dyH: print area in page mode
            if (!need(i, 10)) break;
            i += 10;
            continue;
          case 0x44: {
            // ESC D n1 ... nk NUL: horizontal tab positions
            let j = i + 2;
            while (j < bytes.length && bytes[j] !== 0x00) j++;
            i = j + 1;
            continue;
          }
          case 0x2a: {
            // ESC * m nL nH d1...dk: bit image (k = n for 8-dot, 3n for 24-dot)
            if (!need(i, 5)) break;
            const m = p(1);
            const n = p(2) + p(3) * 256;
            const k = m === 32 || m === 33 ? n * 3 : n;
            graphic(`[IMAGE ${n}x${m === 32 || m === 33 ? 24 : 8}]`);
            i += 5 + k;
            continue;
          }
          case 0x26: {
            // ESC & y c1 c2 [x d1...d(y*x)]...: define user-defined characters
            if (!need(i, 5)) break;
            const y = p(1);
            const c1 = p(2);
            const c2 = p(3);
            let j = i + 5;
            for (let ch = c1; ch <= c2 && j < bytes.length; ch++) {
              const x = bytes[j]!;
              j += 1 + x * y;
            }
            i = j;
            continue;
          }
          default:
            break;
        }
        if (i === start) {
          unknown(start, 2);
          i += 2;
        }
        continue;
      }
      case 0x1c: {
        // FS
        if (!need(i, 2)) {
          i = bytes.length;
          continue;
        }
        const c = bytes[i + 1]!;
        if (c === 0x2e || c === 0x26) {
          // FS . cancel / FS & select Kanji character mode
          i += 2;
          continue;
        }
        if (c === 0x21 || c === 0x2d || c === 0x43 || c === 0x57) {
          // FS ! n, FS - n, FS C n, FS W n
          i += 3;
          continue;
        }
        if (c === 0x53) {
          // FS S n1 n2
          i += 4;
          continue;
        }
        if (c === 0x70) {
          // FS p n m: print NV bit image
          graphic(`[IMAGE NV ${bytes[i + 2] ?? 0}]`);
          i += 4;
          continue;
        }
        if (c === 0x28 && need(i, 5)) {
          // FS ( fn pL pH ...
          i += 5 + bytes[i + 3]! + bytes[i + 4]! * 256;
          continue;
        }
        unknown(start, 2);
        i += 2;
        continue;
      }
      case 0x1d: {
        // GS
        if (!need(i, 2)) {
          i = bytes.length;
          continue;
        }
        const c = bytes[i + 1]!;
        const p = (k: number): number => bytes[i + 1 + k] ?? 0;
        switch (c) {
          case 0x21: {
            // GS ! n: character size
            if (!need(i, 3)) break;
            const n = p(1);
            widthMag = ((n >> 4) & 0x07) + 1;
            heightMag = (n & 0x07) + 1;
            i += 3;
            continue;
          }
          case 0x56: {
            // GS V m [n]: cut
            if (!need(i, 3)) break;
            const m = p(1);
            const partial = m === 1 || m === 49 || m === 66 || m === 98 || m === 104;
            result.cuts++;
            result.events.push({ type: 'cut', offset: start, partial, atLineStart: bufferEmpty() });
            if (!bufferEmpty()) result.warnings.push(`@${start}: cut while text "${text}" is in the buffer`);
            i += m === 0 || m === 1 || m === 48 || m === 49 ? 3 : 4;
            continue;
          }
          case 0x6b: {
            // GS k m ...: barcode
            if (!need(i, 3)) break;
            const m = p(1);
            if (m <= 6) {
              let j = i + 3;
              while (j < bytes.length && bytes[j] !== 0x00) j++;
              const data = bytes.subarray(i + 3, j);
              result.events.push({ type: 'barcode', offset: start, system: m, data: ascii(data) });
              graphic(`[BARCODE ${ascii(data)}]`);
              i = j + 1;
              continue;
            }
            if (!need(i, 4)) break;
            const n = p(2);
            const data = bytes.subarray(i + 4, i + 4 + n);
            const shown = m === 73 ? code128Text(data) : ascii(data);
            result.events.push({ type: 'barcode', offset: start, system: m, data: shown });
            graphic(`[BARCODE ${shown}]`);
            i += 4 + n;
            continue;
          }
          case 0x76: {
            // GS v 0 m xL xH yL yH d1...dk: raster bit image
            if (!need(i, 8)) break;
            const x = p(3) + p(4) * 256;
            const y = p(5) + p(6) * 256;
            result.events.push({ type: 'image', offset: start, width: x * 8, height: y });
            graphic(`[IMAGE ${x * 8}x${y}]`);
            i += 8 + x * y;
            continue;
          }
          case 0x28: {
            // GS ( x pL pH ...: function commands, length in pL pH
            if (!need(i, 5)) break;
            const x = p(1);
            const len = p(2) + p(3) * 256;
            if (x === 0x6b && len >= 2) {
              // GS ( k: 2D codes; cn = symbol, fn = function
              const cn = p(4);
              const fn = p(5);
              const body = bytes.subarray(i + 7, i + 5 + len);
              if (fn === 80) {
                // store data: m d1...dk
                if (cn === 49) qrData = ascii(body.subarray(1));
                if (cn === 48) pdfData = ascii(body.subarray(1));
              } else if (fn === 81) {
                if (cn === 49) {
                  result.events.push({ type: 'qr', offset: start, data: qrData });
                  graphic(`[QR ${qrData}]`);
                } else if (cn === 48) {
                  result.events.push({ type: 'pdf417', offset: start, data: pdfData });
                  graphic(`[PDF417 ${pdfData}]`);
                } else {
                  graphic(`[2D ${cn}]`);
                }
              }
            }
            if (x === 0x4c && len >= 2 && (p(5) === 50 || p(5) === 2)) {
              // GS ( L fn 50: print graphics data in the print buffer
              graphic('[IMAGE]');
            }
            i += 5 + len;
            continue;
          }
          case 0x38: {
            // GS 8 L p1 p2 p3 p4 m fn ...: graphics, 32-bit length
            if (!need(i, 7)) break;
            const len = p(2) + p(3) * 0x100 + p(4) * 0x10000 + p(5) * 0x1000000;
            i += 7 + len;
            continue;
          }
          case 0x2a: {
            // GS * x y d1...d(x*y*8): define downloaded bit image
            if (!need(i, 4)) break;
            i += 4 + p(1) * p(2) * 8;
            continue;
          }
          case 0x2f: // GS / m: print downloaded bit image
            if (!need(i, 3)) break;
            graphic('[IMAGE downloaded]');
            i += 3;
            continue;
          case 0x3a: // GS :: start/end of macro definition
            i += 2;
            continue;
          case 0x42: // GS B n: reverse
          case 0x45: // GS E n: print density / head control
          case 0x48: // GS H n: HRI position
          case 0x49: // GS I n: transmit printer ID
          case 0x54: // GS T n: print position to line start
          case 0x61: // GS a n: automatic status back
          case 0x62: // GS b n: smoothing
          case 0x66: // GS f n: HRI font
          case 0x68: // GS h n: barcode height
          case 0x72: // GS r n: transmit status
          case 0x77: // GS w n: barcode module width
            if (!need(i, 3)) break;
            i += 3;
            continue;
          case 0x24: // GS $ nL nH: vertical position in page mode
          case 0x4c: // GS L nL nH: left margin
          case 0x50: // GS P x y: motion units
          case 0x57: // GS W nL nH: print area width
          case 0x5c: // GS \ nL nH: relative vertical position
            if (!need(i, 4)) break;
            i += 4;
            continue;
          case 0x5e: // GS ^ r t m: execute macro
            if (!need(i, 5)) break;
            i += 5;
            continue;
          default:
            break;
        }
        if (i === start) {
          unknown(start, 2);
          i += 2;
        }
        continue;
      }
      default:
        // Other C0 bytes (NUL, BEL, ...) print nothing.
        i++;
        continue;
    }
  }

  if (pendingGraphics.length > 0) flushGraphics(bytes.length);
  if (!bufferEmpty()) result.warnings.push(`text never printed (no line feed): "${text}"`);
  return result;
}

/** Lines without the trailing blank ones (the feed before a cut). */
export function trimTrailingBlank(lines: readonly string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1]!.trim() === '') out.pop();
  return out;
}
