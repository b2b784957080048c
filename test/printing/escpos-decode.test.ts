/**
 * The test decoder checked against byte sequences assembled by hand from the
 * Epson ESC/POS command reference, so the golden tests do not rest on a
 * decoder that merely mirrors the encoder.
 */
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../support/escpos-decode';

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const LF = 0x0a;
const t = (s: string): number[] => Array.from(Buffer.from(s, 'latin1'));

describe('decodeEscPos (hand-made Epson byte streams)', () => {
  it('text, LF, ESC @ and ESC ! print modes', () => {
    const d = decodeEscPos([
      ESC, 0x40,
      ESC, 0x21, 0x38, ...t('AB'), ESC, 0x21, 0x00, LF, // emphasized + double height + double width
      ...t('plain'), LF,
      ESC, 0x45, 0x01, ...t('X'), ESC, 0x45, 0x00, ...t('y'), LF,
    ]);
    expect(d.initializes).toBe(1);
    expect(d.lines).toEqual(['AB', 'plain', 'Xy']);
    expect(d.styled[0]).toMatchObject({ bold: true, width: 4, maxWidthFactor: 2, maxHeightFactor: 2 });
    expect(d.styled[1]).toMatchObject({ bold: false, width: 5 });
    expect(d.styled[2]).toMatchObject({ bold: true, boldText: 'X' });
    expect(d.boldLines).toEqual([0, 2]);
    expect(d.unknown).toEqual([]);
  });

  it('GS ! character size and ESC a justification', () => {
    const d = decodeEscPos(
      [GS, 0x21, 0x10, ...t('W'), GS, 0x21, 0x00, LF, ESC, 0x61, 0x01, ...t('mid'), LF, ESC, 0x61, 0x32, ...t('r'), LF, ESC, 0x61, 0x00],
      { columns: 10 },
    );
    expect(d.styled[0]).toMatchObject({ text: 'W', width: 2, maxWidthFactor: 2, maxHeightFactor: 1 });
    expect(d.lines[1]).toBe('   mid');
    expect(d.lines[2]).toBe('         r');
  });

  it('ESC d feeds lines, HT moves to the next tab stop, CR is ignored', () => {
    const d = decodeEscPos([...t('a\tb'), 0x0d, LF, ...t('x'), ESC, 0x64, 0x03, ESC, 0x64, 0x01]);
    expect(d.lines).toEqual(['a       b', 'x', '', '', '']);
  });

  it('ESC t selects cp437 or WPC1252 for bytes above 0x7F', () => {
    const d = decodeEscPos([ESC, 0x74, 0x00, 0x82, 0x81, 0xc4, LF, ESC, 0x74, 16, 0xe9, LF]);
    expect(d.lines).toEqual(['éü─', 'é']);
    expect(d.events.filter((e) => e.type === 'codepage').map((e) => (e as { page: number }).page)).toEqual([0, 16]);
  });

  it('ESC p and DLE DC4 pulse the drawer; GS V / ESC i cut', () => {
    const d = decodeEscPos([
      ESC, 0x70, 0x00, 25, 250,
      DLE, 0x14, 0x01, 0x00, 0x02,
      ...t('x'), LF,
      GS, 0x56, 0x42, 0x03, // feed and partial cut
      GS, 0x56, 0x00, // full cut
      GS, 0x56, 0x31, // partial cut (49)
      ESC, 0x69,
    ]);
    expect(d.drawerPulses).toBe(2);
    expect(d.events[0]).toMatchObject({ type: 'pulse', pin: 0, onMs: 50, offMs: 500 });
    expect(d.cuts).toBe(4);
    expect(d.lines).toEqual(['x']);
    expect(d.unknown).toEqual([]);
  });

  it('skips QR codes, barcodes and raster images but marks them', () => {
    const data = t('hello');
    const qrStore = [GS, 0x28, 0x6b, data.length + 3, 0x00, 0x31, 0x50, 0x30, ...data];
    const qrSize = [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x06];
    const qrPrint = [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30];
    const code128 = [GS, 0x6b, 73, 7, ...t('{B12345')];
    const ean13 = [GS, 0x6b, 2, ...t('4006381333931'), 0x00];
    const raster = [GS, 0x76, 0x30, 0x00, 0x02, 0x00, 0x03, 0x00, 1, 2, 3, 4, 5, 6];
    const bitImage = [ESC, 0x2a, 33, 0x02, 0x00, 1, 2, 3, 4, 5, 6];
    const d = decodeEscPos([
      ...qrSize, ...qrStore, ...qrPrint, LF,
      GS, 0x68, 60, GS, 0x77, 2, GS, 0x48, 2, ...code128, LF,
      ...ean13, LF,
      ...raster,
      ...bitImage, LF,
      ...t('end'), LF,
    ]);
    expect(d.lines).toEqual(['[QR hello]', '[BARCODE 12345]', '[BARCODE 4006381333931]', '[IMAGE 16x3]', '[IMAGE 2x24]', 'end']);
    expect(d.unknown).toEqual([]);
  });

  it('real-time status requests print nothing; unknown commands are reported', () => {
    const d = decodeEscPos([DLE, 0x04, 0x01, DLE, 0x04, 0x04, ESC, 0x01, ...t('ok'), LF]);
    expect(d.lines).toEqual(['ok']);
    expect(d.events.filter((e) => e.type === 'status-query')).toHaveLength(2);
    expect(d.unknown).toEqual(['@6: 1b 01']);
  });

  it('warns about text that is never printed and about ESC @ discarding text', () => {
    const d = decodeEscPos([...t('lost'), ESC, 0x40, ...t('tail')]);
    expect(d.lines).toEqual([]);
    expect(d.warnings).toHaveLength(2);
  });
});
