import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { barRuns, ean13Check, ean13Modules, isEan13, isGuardModule } from '../../src/renderer/src/features/backoffice/labels/ean13';
import { Barcode, expandLabels } from '../../src/renderer/src/features/backoffice/labels/label-sheet';

// Written out from the GS1 tables, not derived, so the encoder is checked against them.
const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const G = ['0100111', '0110011', '0011011', '0100001', '0011101', '0111001', '0000101', '0010001', '0001001', '0010111'];
const R = ['1110010', '1100110', '1101100', '1000010', '1011100', '1001110', '1010000', '1000100', '1001000', '1110100'];
const FIRST = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];

/** Read the 13 digits back from 95 modules. */
function decode(modules: string): string {
  expect(modules).toHaveLength(95);
  expect(modules.slice(0, 3)).toBe('101');
  expect(modules.slice(45, 50)).toBe('01010');
  expect(modules.slice(92)).toBe('101');
  let parity = '';
  let left = '';
  for (let i = 0; i < 6; i++) {
    const c = modules.slice(3 + i * 7, 10 + i * 7);
    const l = L.indexOf(c);
    const g = G.indexOf(c);
    expect(l >= 0 || g >= 0, c).toBe(true);
    parity += l >= 0 ? 'L' : 'G';
    left += String(l >= 0 ? l : g);
  }
  let right = '';
  for (let i = 0; i < 6; i++) right += String(R.indexOf(modules.slice(50 + i * 7, 57 + i * 7)));
  return String(FIRST.indexOf(parity)) + left + right;
}

describe('EAN-13', () => {
  const codes = ['8991234500010', '2000000000015', '5901234123457', '4006381333931', '0000000000000'];
  it('check digit', () => {
    expect(ean13Check('899123450001')).toBe(0);
    expect(ean13Check('200000000001')).toBe(5);
    expect(ean13Check('590123412345')).toBe(7);
    expect(ean13Check('400638133393')).toBe(1);
    expect(ean13Check('123456789012')).toBe(8);
  });
  it('validates', () => {
    expect(isEan13('5901234123457')).toBe(true);
    expect(isEan13('5901234123458')).toBe(false);
    expect(isEan13('590123412345')).toBe(false);
    expect(isEan13('P00007')).toBe(false);
    expect(ean13Modules('P00007')).toBeNull();
  });
  it('encodes so that the GS1 tables read the same digits back', () => {
    for (const c of codes) expect(decode(ean13Modules(c)!)).toBe(c);
  });
  it('every first digit selects its parity pattern', () => {
    for (let d = 0; d <= 9; d++) {
      const first12 = `${d}12345678901`;
      const code = first12 + String(ean13Check(first12));
      expect(decode(ean13Modules(code)!)).toBe(code);
    }
  });
  it('runs and guards', () => {
    expect(barRuns('0110111001')).toEqual([
      [1, 2],
      [4, 3],
      [9, 1],
    ]);
    expect([0, 2, 45, 49, 92, 94].every(isGuardModule)).toBe(true);
    expect([3, 44, 50, 91].some(isGuardModule)).toBe(false);
    const modules = ean13Modules('8991234500010')!;
    expect(barRuns(modules).reduce((n, [, w]) => n + w, 0)).toBe([...modules].filter((m) => m === '1').length);
  });
});

describe('label sheet', () => {
  const p = (id: number) => ({ id, name: `Barang ${id}`, sku: `P0000${id}`, barcode: null, sellPrice: 10_000 });
  it('one label per unit, in order, capped', () => {
    expect(expandLabels([{ product: p(1), qty: 2 }, { product: p(2), qty: 0 }, { product: p(3), qty: 1 }]).map((x) => x.id)).toEqual([1, 1, 3]);
    expect(expandLabels([{ product: p(1), qty: 400 }, { product: p(2), qty: 400 }], 500)).toHaveLength(500);
  });
  it('draws an EAN-13 as bars and anything else as text', () => {
    const ean = render(<Barcode code="8991234500010" />);
    expect(ean.container.querySelectorAll('rect').length).toBe(barRuns(ean13Modules('8991234500010')!).length);
    expect(ean.container.querySelector('svg')?.getAttribute('aria-label')).toBe('8991234500010');
    const sku = render(<Barcode code="P00007" />);
    expect(sku.container.querySelector('svg')).toBeNull();
    expect(sku.container.textContent).toBe('P00007');
  });
});
