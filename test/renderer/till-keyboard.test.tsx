/**
 * The till's keyboard pieces that need no browser: telling a scanner from a
 * person, keys matched against the command table, and what the payment
 * dialog does with keys typed while the sale is on its way.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { call } from '../../src/renderer/src/api';
import { I18nProvider, translate } from '../../src/renderer/src/i18n';
import { PaymentDialog } from '../../src/renderer/src/features/till/payment-dialog';
import { TILL_COMMANDS, type TillCommandState } from '../../src/renderer/src/features/till/till-commands';
import { REFUND_COMMANDS } from '../../src/renderer/src/features/refunds/refund-commands';
import { LOGIN_COMMANDS } from '../../src/renderer/src/features/login/login-commands';
import { helpRows, keyLabel, matches } from '../../src/renderer/src/lib/commands';
import { MACHINE_GAP_MS, ScanBurst, SCAN_MAX_GAP_MS } from '../../src/renderer/src/lib/scan-burst';
import type { CheckoutResult } from '../../src/shared/types';

vi.mock('../../src/renderer/src/api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/renderer/src/api')>();
  return { ...actual, call: vi.fn() };
});
const callMock = call as unknown as Mock;
afterEach(cleanup);
// Braces: a function returned from beforeEach is run as its teardown.
beforeEach(() => {
  callMock.mockReset();
});

describe('ScanBurst', () => {
  const typeAt = (b: ScanBurst, text: string, start: number, gap: number) => {
    [...text].forEach((ch, i) => b.key(ch, start + i * gap));
    return start + text.length * gap;
  };

  it('a code typed at scanner speed and Enter is a burst', () => {
    const b = new ScanBurst();
    const end = typeAt(b, '8991234500041', 1_000, 3);
    expect(b.enter(end)).toBe('8991234500041');
  });

  it('the same keys typed by a person (80 ms apart) are not, however long', () => {
    const b = new ScanBurst();
    expect(b.enter(typeAt(b, '150000', 1_000, 80))).toBeNull();
    expect(b.enter(typeAt(b, '8991234500041', 5_000, 80))).toBeNull();
  });

  it('too short, a slow Enter, or a pause in the middle: not a burst', () => {
    const b = new ScanBurst();
    expect(b.enter(typeAt(b, '123', 0, 2))).toBeNull();
    expect(b.enter(typeAt(b, '12345', 1_000, 2) + SCAN_MAX_GAP_MS + 1)).toBeNull();
    // A person typed "15", paused, then a scanner fired: only the scanner's keys are the burst.
    let t = typeAt(b, '15', 2_000, 120);
    t = typeAt(b, '8991234500041', t + 300, 3);
    expect(b.enter(t)).toBe('8991234500041');
  });

  it("tells a burst's speed: a scanner's EAN-8 from a PIN typed quickly, the same length", () => {
    const b = new ScanBurst();
    expect(b.enter(typeAt(b, '89912348', 1_000, 3))).toBe('89912348');
    expect(b.lastGapMs).toBe(3);
    expect(b.lastGapMs).toBeLessThan(MACHINE_GAP_MS);
    // A practised hand: 35 ms a key, within the burst's gap but not at a machine's speed.
    expect(b.enter(typeAt(b, '13572468', 5_000, 35))).toBe('13572468');
    expect(b.lastGapMs).toBe(35);
    expect(b.lastGapMs).toBeGreaterThanOrEqual(MACHINE_GAP_MS);
    // A pause first: only the burst's own keys count.
    let t = typeAt(b, '15', 9_000, 120);
    t = typeAt(b, '89912348', t + 300, 4);
    expect(b.enter(t)).toBe('89912348');
    expect(b.lastGapMs).toBe(4);
    expect(b.enter(t + 1)).toBeNull();
    expect(b.lastGapMs).toBe(Number.POSITIVE_INFINITY);
  });

  it('another key in between starts over', () => {
    const b = new ScanBurst();
    const t = typeAt(b, '89912345', 0, 3);
    b.reset();
    expect(b.enter(t)).toBeNull();
  });
});

describe('command tables', () => {
  const key = (k: string, extra: Partial<KeyboardEvent> = {}) =>
    ({ key: k, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, target: document.body, ...extra }) as KeyboardEvent;

  it('one key per command and screen, never two commands on one key', () => {
    for (const table of [TILL_COMMANDS, REFUND_COMMANDS, LOGIN_COMMANDS]) {
      const keys = table.flatMap((c) => c.keys.map((k) => `${k.shift ? 'S-' : ''}${k.key}`));
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it('Shift matters for function keys: F4 holds, Shift+F4 lists the held sales', () => {
    const hold = TILL_COMMANDS.find((c) => c.id === 'hold')!;
    const held = TILL_COMMANDS.find((c) => c.id === 'held')!;
    expect(matches(hold.keys[0]!, key('F4'))).toBe(true);
    expect(matches(hold.keys[0]!, key('F4', { shiftKey: true }))).toBe(false);
    expect(matches(held.keys[0]!, key('F4', { shiftKey: true }))).toBe(true);
    expect(keyLabel(held.keys[0]!)).toBe('⇧F4');
    expect(matches(hold.keys[0]!, key('F4', { ctrlKey: true }))).toBe(false);
  });

  it('login digits are the PIN\'s only outside text fields', () => {
    const digit = LOGIN_COMMANDS.find((c) => c.id === 'digit')!;
    const input = document.createElement('input');
    expect(digit.keys.some((k) => matches(k, key('7')))).toBe(true);
    expect(digit.keys.some((k) => matches(k, key('7', { target: input } as Partial<KeyboardEvent>)))).toBe(false);
  });

  it('the help says what can run now, and why not', () => {
    const t = (k: Parameters<typeof translate>[1], p?: Parameters<typeof translate>[2]) => translate('id', k, p);
    const actions = Object.fromEntries(
      ['help', 'pay', 'search', 'hold', 'held', 'quantity', 'lineDiscount', 'saleDiscount', 'clear', 'refund', 'reprint', 'drawer'].map((k) => [k, vi.fn()]),
    ) as unknown as TillCommandState['actions'];
    const state: TillCommandState = { shiftOpen: true, lines: 0, overlay: false, isManager: false, lastSale: false, actions };
    const rows = helpRows(t, TILL_COMMANDS, state);
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(row('pay')).toMatchObject({ keys: ['F2'], label: 'Bayar', enabled: false, why: 'Keranjang masih kosong' });
    expect(row('drawer')).toMatchObject({ keys: ['⇧F10'], enabled: false, why: 'Hanya manajer' });
    expect(row('refund')).toMatchObject({ keys: ['F9'], enabled: true });
    expect(helpRows(t, TILL_COMMANDS, { ...state, lines: 2, isManager: true }).filter((r) => r.enabled).map((r) => r.id)).not.toContain('reprint');
  });
});

describe('PaymentDialog while the sale is being sent', () => {
  const result: CheckoutResult = {
    id: 9,
    number: 'K1-20261129-0009',
    subtotal: 50_000,
    discountTotal: 0,
    total: 50_000,
    rounding: 0,
    payable: 50_000,
    paid: 50_000,
    change: 0,
    createdAt: 0,
    lines: [],
    payments: [{ method: 'cash', amount: 50_000, reference: null }],
  };

  it('keeps what is typed meanwhile, at any speed, for the next customer: whole codes and the half-typed one', async () => {
    let answer!: (r: CheckoutResult) => void;
    callMock.mockImplementation((name: string) => (name === 'sales.checkout' ? new Promise((r) => (answer = r)) : Promise.resolve(undefined)));
    const onSuccess = vi.fn();
    const onScan = vi.fn();
    render(
      <I18nProvider initial="id">
        <PaymentDialog total={50_000} itemCount={1} requestId="req-1" lines={[{ productId: 1, qty: 1 }]} onSuccess={onSuccess} onScan={onScan} onError={vi.fn()} onClose={vi.fn()} />
      </I18nProvider>,
    );
    const amount = screen.getByTestId('pay-amount');
    await act(async () => {
      fireEvent.keyDown(amount, { key: 'Enter' });
    });
    expect(callMock).toHaveBeenCalledWith('sales.checkout', expect.anything());
    // The field keeps the focus (read-only, not disabled) while the sale is on its way.
    expect((amount as HTMLInputElement).readOnly).toBe(true);
    for (const ch of '8991234500010') fireEvent.keyDown(amount, { key: ch });
    fireEvent.keyDown(amount, { key: 'Enter' });
    for (const ch of '899') fireEvent.keyDown(amount, { key: ch });
    expect((amount as HTMLInputElement).value).toBe('50.000');
    await act(async () => answer(result));
    expect(onSuccess).toHaveBeenCalledWith(result, ['8991234500010'], '899');
    expect(onScan).not.toHaveBeenCalled();
    expect(callMock).toHaveBeenCalledTimes(1);
  });
});
