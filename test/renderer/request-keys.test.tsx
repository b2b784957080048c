/**
 * Request keys from the screens (issue 17): one key per intended action, the same for a second
 * click or a retry after a lost answer, a new one when the form changed or after success.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { ApiError, call } from '../../src/renderer/src/api';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { sendKeyed, useRequestKey } from '../../src/renderer/src/lib/request-key';
import { VoidDialog } from '../../src/renderer/src/features/settlements/settlement-dialogs';
import { useSettleFlow } from '../../src/renderer/src/features/settlements/use-settle-flow';
import type { SettlementView } from '../../src/shared/types-settlement';

vi.mock('../../src/renderer/src/api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/renderer/src/api')>();
  return { ...actual, call: vi.fn() };
});
const callMock = call as unknown as Mock;

afterEach(cleanup);
beforeEach(() => {
  callMock.mockReset();
});

const lost = () => new ApiError('INTERNAL', 'Tidak dapat terhubung ke server kasir.');

describe('useRequestKey', () => {
  it('the same request keeps its key until done; another request has its own; after done a new one', () => {
    const { result } = renderHook(() => useRequestKey());
    const k = result.current;
    const a = k.keyFor({ saleId: 1, reason: 'Rusak', lines: [{ id: 2, qty: 1 }] });
    // Same request, keys in another order: same action.
    expect(k.keyFor({ lines: [{ qty: 1, id: 2 }], reason: 'Rusak', saleId: 1 })).toBe(a);
    expect(a.length).toBeGreaterThanOrEqual(8);
    const b = k.keyFor({ saleId: 1, reason: 'Salah ukuran', lines: [{ id: 2, qty: 1 }] });
    expect(b).not.toBe(a);
    k.done({ saleId: 1, reason: 'Rusak', lines: [{ id: 2, qty: 1 }] });
    const c = k.keyFor({ saleId: 1, reason: 'Rusak', lines: [{ id: 2, qty: 1 }] });
    expect(c).not.toBe(a);
    // The other request's key was not touched.
    expect(k.keyFor({ saleId: 1, reason: 'Salah ukuran', lines: [{ id: 2, qty: 1 }] })).toBe(b);
  });

  it('sendKeyed keeps the key when the request failed and releases it when it went through', async () => {
    const { result } = renderHook(() => useRequestKey());
    const sent: string[] = [];
    const send = vi.fn(async (input: { idempotencyKey: string }) => {
      sent.push(input.idempotencyKey);
      if (sent.length === 1) throw lost();
      return sent.length;
    });
    await expect(sendKeyed(result.current, { id: 7, reason: 'x' }, send)).rejects.toThrow(ApiError);
    await expect(sendKeyed(result.current, { id: 7, reason: 'x' }, send)).resolves.toBe(2);
    await sendKeyed(result.current, { id: 7, reason: 'x' }, send);
    expect(sent[1]).toBe(sent[0]);
    expect(sent[2]).not.toBe(sent[0]);
  });
});

const settlement: SettlementView = {
  id: 5, number: 'STL-20261130-0001', supplierId: 1, supplierCode: 'S0001', supplierName: 'UD Mete Muna', cutoff: '2026-11-30', periodFrom: '2026-11-01',
  amount: 280_000, entryCount: 7, method: 'cash', reference: null, note: null, bankName: null, bankAccount: null, bankHolder: null, tillCode: 'K1',
  createdBy: 1, createdByName: 'Admin', businessDate: '2026-11-30', createdAt: Date.UTC(2026, 10, 30, 3), status: 'live', voidedAt: null, voidedBy: null,
  voidedByName: null, voidReason: null,
};

describe('settlement void dialog', () => {
  it('a retry after a lost answer sends the same key; a changed reason sends a new one', async () => {
    const onVoided = vi.fn();
    const keys: string[] = [];
    callMock.mockImplementation(async (name: string, input: { idempotencyKey: string; reason: string }) => {
      if (name !== 'settlements.void') throw new ApiError('NOT_FOUND', `no fake for ${name}`);
      keys.push(input.idempotencyKey);
      if (keys.length <= 2) throw lost();
      return { ...settlement, status: 'voided', voidReason: input.reason };
    });
    render(
      <I18nProvider initial="id">
        <VoidDialog settlement={settlement} onCancel={() => undefined} onVoided={onVoided} />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'Salah hitung' } });
    await act(async () => fireEvent.click(screen.getByTestId('void-confirm')));
    expect(onVoided).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(screen.getByTestId('void-confirm')));
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    // The admin changes the reason: another request, another key (the host would refuse the old one).
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'Salah hitung nota' } });
    await act(async () => fireEvent.click(screen.getByTestId('void-confirm')));
    expect(keys).toHaveLength(3);
    expect(keys[2]).not.toBe(keys[0]);
    expect(onVoided).toHaveBeenCalledTimes(1);
  });
});

describe('paying a supplier', () => {
  it('the payout retried after a lost answer keeps its key; a new note is a new payout key; after success a new key', async () => {
    const keys: string[] = [];
    let fail = 1;
    callMock.mockImplementation(async (name: string, input: { idempotencyKey: string }) => {
      if (name === 'settlements.preview') return { cutoff: '2026-11-30', amount: 280_000, throughEntryId: 12, payable: true, supplier: { bankName: 'BRI', bankAccount: '1', bankHolder: 'X' } };
      if (name !== 'settlements.create') throw new ApiError('NOT_FOUND', `no fake for ${name}`);
      keys.push(input.idempotencyKey);
      if (fail-- > 0) throw lost();
      return { ...settlement, id: 100 + keys.length };
    });
    const { result } = renderHook(() => useSettleFlow({ supplierId: 1, code: 'S0001', name: 'UD Mete Muna', active: true, balance: 280_000 }, '2026-11-30', () => undefined));
    await act(async () => result.current.load());
    await act(async () => result.current.pay());
    expect(result.current.done).toBeNull();
    await act(async () => result.current.pay());
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(result.current.done?.id).toBe(102);
    // The same form again after it went through is another payout (the host would refuse it
    // for the stale preview anyway); it never reuses the first key.
    await act(async () => result.current.pay());
    expect(keys[2]).not.toBe(keys[0]);
    fail = 1;
    act(() => result.current.setNote('Dibayar di toko'));
    await act(async () => result.current.pay());
    expect(keys[3]).not.toBe(keys[2]);
  });
});
