import { describe, expect, it } from 'vitest';
import { encodeBlocks } from '../../src/main/printing/encode';
import { blocksToLines, cleanText, Doc, pairLines, printable, wrapText } from '../../src/main/printing/layout';
import { decodeEscPos, trimTrailingBlank } from '../support/escpos-decode';

describe('printable', () => {
  it('strips control characters, so a name cannot carry ESC/POS commands', () => {
    expect(printable('\x1b@evil')).toBe('@evil');
    expect(printable('a\x1dV\x00b\x10\x04\x01c\x7fd\x9be')).toBe('aVbcde');
    expect(printable('zero\u200bwidth\u202eRTL\ufeff')).toBe('zerowidthRTL');
  });

  it('turns line breaks and tabs into spaces', () => {
    expect(printable('a\nb\r\nc\td\u00a0e')).toBe('a b  c d e');
  });

  it('transliterates common accented letters and typography to ASCII', () => {
    expect(printable('Café Crème Señor Ñoño Über Ångström Łódź')).toBe('Cafe Creme Senor Nono Uber Angstrom Lodz');
    expect(printable('“quoted” ‘single’ – — … € ß æ ø')).toBe('"quoted" \'single\' - - ... EUR ss ae o');
    expect(printable('ﬁ ² ½')).toBe('fi 2 1/2');
  });

  it('replaces other scripts and emoji with ?', () => {
    expect(printable('漢字 😀')).toBe('?? ?');
  });

  it('cleanText collapses spaces and trims', () => {
    expect(cleanText('  a \t\n b  ')).toBe('a b');
  });
});

describe('wrapText and pairLines', () => {
  it('wraps on words and breaks words longer than the width', () => {
    expect(wrapText('Kacang Mete Goreng Asin Khas Buton 250 gr', 16)).toEqual(['Kacang Mete', 'Goreng Asin Khas', 'Buton 250 gr']);
    expect(wrapText('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 10)).toEqual(['ABCDEFGHIJ', 'KLMNOPQRST', 'UVWXYZ']);
    expect(wrapText('', 10)).toEqual(['']);
  });

  it('justifies a pair to the full width', () => {
    expect(pairLines('TOTAL', 'Rp 45.000', 20)).toEqual(['TOTAL      Rp 45.000']);
    expect(pairLines('2 x 45.000', '90.000', 24, 2)).toEqual(['  2 x 45.000      90.000']);
  });

  it('wraps a long left text on its own lines and puts the right text on a line of its own, flush right', () => {
    const lines = pairLines('Transfer Bank Rakyat Indonesia cabang Kendari', '1.250.000', 32);
    expect(lines).toEqual(['Transfer Bank Rakyat Indonesia', 'cabang Kendari', '                       1.250.000']);
    expect(pairLines('Kacang Mete Bawang 250 g', '48 toples', 24, 2)).toEqual(['  Kacang Mete Bawang 250', '  g', '               48 toples']);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(32);
  });

  it('puts a right text that leaves no room on its own line, flush right', () => {
    const lines = pairLines('Pembayaran', '1.000.000.000.000.000.000', 32);
    expect(lines).toEqual(['Pembayaran', '       1.000.000.000.000.000.000']);
  });
});

describe('Doc → bytes', () => {
  it('centres, bolds, enlarges; separators fill the width; decoded equals preview', () => {
    const doc = new Doc(32)
      .drawer()
      .center('TOKO', { bold: true, size: 'double' })
      .separator()
      .pair('Kiri', 'Kanan')
      .text('Sebuah kalimat yang cukup panjang untuk dibungkus dua baris')
      .blank()
      .text('kanan', { align: 'right' })
      .line('  pre   formatted  ')
      .cut(3);
    const bytes = encodeBlocks(doc.blocks, { columns: 32 });
    const decoded = decodeEscPos(bytes, { columns: 32 });
    expect(decoded.unknown).toEqual([]);
    expect(decoded.warnings).toEqual([]);
    expect(trimTrailingBlank(decoded.lines)).toEqual(doc.lines());
    expect(doc.lines()).toEqual([
      '            TOKO',
      '-'.repeat(32),
      'Kiri                       Kanan',
      'Sebuah kalimat yang cukup',
      'panjang untuk dibungkus dua',
      'baris',
      '',
      '                           kanan',
      '  pre   formatted',
    ]);
    expect(decoded.styled[0]).toMatchObject({ bold: true, maxWidthFactor: 2, maxHeightFactor: 2, width: 12 + 4 * 2 });
    expect(decoded.drawerPulses).toBe(1);
    expect(decoded.cuts).toBe(1);
    expect(decoded.lines.slice(-3)).toEqual(['', '', '']);
    // nothing after the cut: the next receipt does not start with a blank line
    expect(Array.from(bytes.subarray(-3))).toEqual([0x1d, 0x56, 0x01]);
  });

  it('double-width text wraps at half the columns', () => {
    const doc = new Doc(32).text('PUSAT OLEH-OLEH KENDARI', { size: 'wide' });
    expect(doc.lines()).toEqual(['PUSAT OLEH-OLEH', 'KENDARI']);
    const decoded = decodeEscPos(encodeBlocks(doc.blocks, { columns: 32 }), { columns: 32 });
    for (const l of decoded.styled) expect(l.width).toBeLessThanOrEqual(32);
  });

  it('QR codes and barcodes encode as Epson GS ( k and GS k, shown as markers', () => {
    const doc = new Doc(48).text('Scan:').qr('https://plut.example/s/K1-7', 5).barcode('K1-20261129-0007').text('end');
    const bytes = encodeBlocks(doc.blocks, { columns: 48 });
    const decoded = decodeEscPos(bytes, { columns: 48 });
    expect(decoded.unknown).toEqual([]);
    expect(decoded.lines).toEqual(['Scan:', '[QR https://plut.example/s/K1-7]', '[BARCODE K1-20261129-0007]', 'end']);
    expect(doc.lines({ markers: true })).toEqual(decoded.lines);
    expect(blocksToLines(doc.blocks, 48)).toEqual(['Scan:', 'end']);
  });
});
