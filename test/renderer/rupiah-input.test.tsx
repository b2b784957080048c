import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'react';
import { fireEvent, render, screen, cleanup } from '@testing-library/react';
import { normalizeRupiahText, rupiahText } from '../../src/renderer/src/lib/rupiah-input';
import { RupiahInput } from '../../src/renderer/src/components/rupiah-input';
import { bpsToPercent, percentToBps } from '../../src/renderer/src/lib/form';
import type { Rupiah } from '../../src/shared/money';

// No vitest globals here, so Testing Library cannot clean up by itself.
afterEach(cleanup);

describe('normalizeRupiahText', () => {
  it('groups digits with dots as you type', () => {
    expect(normalizeRupiahText('150000')).toEqual({ value: 150_000, text: '150.000' });
    expect(normalizeRupiahText('1.500.0001')).toEqual({ value: 15_000_001, text: '15.000.001' });
    expect(normalizeRupiahText('45')).toEqual({ value: 45, text: '45' });
  });

  it('drops everything but digits, and leading zeros', () => {
    expect(normalizeRupiahText('Rp 45.000')).toEqual({ value: 45_000, text: '45.000' });
    expect(normalizeRupiahText('abc')).toEqual({ value: null, text: '' });
    expect(normalizeRupiahText('00012')).toEqual({ value: 12, text: '12' });
    expect(normalizeRupiahText('0')).toEqual({ value: 0, text: '0' });
    expect(normalizeRupiahText('-500')).toEqual({ value: 500, text: '500' });
  });

  it('empty is no value', () => {
    expect(normalizeRupiahText('')).toEqual({ value: null, text: '' });
    expect(rupiahText(null)).toBe('');
    expect(rupiahText(1_250_000)).toBe('1.250.000');
  });

  it('never exceeds the maximum', () => {
    expect(normalizeRupiahText('99999999999999999').value).toBeNull();
  });
});

function Harness({ initial = null }: { initial?: Rupiah | null }) {
  const [value, setValue] = useState<Rupiah | null>(initial);
  return (
    <>
      <RupiahInput aria-label="amount" value={value} onValueChange={setValue} />
      <output data-testid="value">{value === null ? 'null' : value}</output>
      <button onClick={() => setValue(100_000)}>set</button>
    </>
  );
}

describe('RupiahInput', () => {
  it('shows the grouped text and reports the integer', () => {
    render(<Harness />);
    const input = screen.getByLabelText('amount') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '150000' } });
    expect(input.value).toBe('150.000');
    expect(screen.getByTestId('value').textContent).toBe('150000');
    fireEvent.change(input, { target: { value: '150.0x' } });
    expect(input.value).toBe('1.500');
    fireEvent.change(input, { target: { value: '' } });
    expect(screen.getByTestId('value').textContent).toBe('null');
  });

  it('follows a value set from outside (a quick button)', () => {
    render(<Harness initial={5_000} />);
    const input = screen.getByLabelText('amount') as HTMLInputElement;
    expect(input.value).toBe('5.000');
    fireEvent.click(screen.getByText('set'));
    expect(input.value).toBe('100.000');
  });
});

describe('commission percent', () => {
  it('percent to basis points, integer', () => {
    expect(percentToBps('20')).toBe(2000);
    expect(percentToBps('12,5')).toBe(1250);
    expect(percentToBps('12.75')).toBe(1275);
    expect(percentToBps('100')).toBe(10_000);
    expect(percentToBps('100.5')).toBeNull();
    expect(percentToBps('1.234')).toBeNull();
    expect(percentToBps('abc')).toBeNull();
    expect(bpsToPercent(1250)).toBe('12,5%');
    expect(bpsToPercent(2000)).toBe('20%');
    expect(bpsToPercent(1275)).toBe('12,75%');
  });
});
