import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../src/main/core/export';

describe('the one CSV field writer (exports and the bank transfer list)', () => {
  it('quotes what a spreadsheet would split or join, RFC 4180 style', () => {
    expect(csvField('La Ode Hasan')).toBe('La Ode Hasan');
    expect(csvField('Madu, "Konawe"')).toBe('"Madu, ""Konawe"""');
    expect(csvField('Bagea;Kenari')).toBe('"Bagea;Kenari"');
    expect(csvField('dua\r\nbaris')).toBe('"dua\r\nbaris"');
    expect(csvField(' spasi ')).toBe('" spasi "');
  });

  it('never lets text start a formula', () => {
    for (const start of ['=', '+', '-', '@']) expect(csvField(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('numbers as integers, empty for nothing, booleans in Indonesian', () => {
    expect(csvField(128_000)).toBe('128000');
    expect(csvField(-5, 'rupiah')).toBe('-5');
    expect(csvField(12.7, 'int')).toBe('12');
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('ya');
    expect(toCsv({ title: 'x', columns: [{ key: 'a', header: 'A', type: 'text' }], rows: [{ a: '=1' }] })).toBe("\uFEFFA\r\n'=1\r\n");
  });
});
