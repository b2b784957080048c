import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ApiError, call } from '../../src/renderer/src/api';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { PaymentDialog } from '../../src/renderer/src/features/till/payment-dialog';
import type { CheckoutResult } from '../../src/shared/types';
import { deferred } from './fixtures';

vi.mock('../../src/renderer/src/api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/renderer/src/api')>();
  return { ...actual, call: vi.fn() };
});

const callMock = call as unknown as Mock;

afterEach(cleanup);
beforeEach(() => {
  callMock.mockReset();
  localStorage.clear();
});

const LINES = [{ productId: 7, qty: 2 }];

function setup(total = 123_000) {
  const onSuccess = vi.fn();
  const onError = vi.fn();
  const onClose = vi.fn();
  render(
    <I18nProvider initial="id">
      <PaymentDialog total={total} itemCount={2} requestId="req-0001" lines={LINES} onSuccess={onSuccess} onError={onError} onClose={onClose} />
    </I18nProvider>,
  );
  return { onSuccess, onError, onClose, dialog: screen.getByRole('dialog') };
}

const result = (over: Partial<CheckoutResult> = {}): CheckoutResult => ({
  id: 1,
  number: 'K1-20260101-0001',
  subtotal: 123_000,
  discountTotal: 0,
  total: 123_000,
  rounding: 0,
  payable: 123_000,
  paid: 150_000,
  change: 27_000,
  createdAt: 0,
  lines: [],
  payments: [{ method: 'cash', amount: 150_000, reference: null }],
  ...over,
});

describe('PaymentDialog', () => {
  it('shows the total, prefills the amount due, and the change for a quick cash amount', () => {
    const { dialog } = setup();
    expect(within(dialog).getByTestId('pay-total').textContent).toBe('Rp 123.000');
    expect((within(dialog).getByTestId('pay-amount') as HTMLInputElement).value).toBe('123.000');
    expect(within(dialog).getByText('Uang pas')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rp 150.000' }));
    expect(within(dialog).getByTestId('pay-change').textContent).toBe('Rp 27.000');
    expect(within(dialog).getByTestId('pay-remaining').textContent).toBe('Rp 0');
  });

  it('a quick amount picked with the mouse keeps the focus in the amount field, so Enter right after completes', () => {
    callMock.mockReturnValueOnce(deferred<CheckoutResult>().promise);
    const { dialog } = setup();
    const amount = within(dialog).getByTestId('pay-amount');
    amount.focus();
    const quick = within(dialog).getByRole('button', { name: 'Rp 150.000' });
    // The browser moves the focus on mousedown unless the button prevents it.
    expect(fireEvent.mouseDown(quick)).toBe(false);
    fireEvent.click(quick);
    expect(document.activeElement).toBe(amount);
    fireEvent.keyDown(amount, { key: 'Enter' });
    expect(callMock).toHaveBeenCalledWith('sales.checkout', expect.objectContaining({ payments: [{ method: 'cash', amount: 150_000 }] }));
  });

  it('a double click sends one checkout, with the cart’s request id', async () => {
    const pending = deferred<CheckoutResult>();
    callMock.mockReturnValueOnce(pending.promise);
    const { dialog, onSuccess } = setup();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rp 150.000' }));
    const confirm = within(dialog).getByTestId('pay-confirm');
    fireEvent.click(confirm);
    fireEvent.click(confirm);
    fireEvent.keyDown(within(dialog).getByTestId('pay-amount'), { key: 'Enter' });
    expect(callMock).toHaveBeenCalledTimes(1);
    expect(callMock).toHaveBeenCalledWith('sales.checkout', {
      clientRequestId: 'req-0001',
      lines: LINES,
      payments: [{ method: 'cash', amount: 150_000 }],
    });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    await act(async () => pending.resolve(result()));
    expect(onSuccess).toHaveBeenCalledWith(result(), [], '');
  });

  it('a refused checkout shows the error in the dialog; the retry reuses the same request id', async () => {
    callMock.mockRejectedValueOnce(new ApiError('INSUFFICIENT_STOCK', 'Stok "Kopi" tidak cukup: tersedia 1, diminta 2.', { productId: 7 }));
    const { dialog, onError } = setup();
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('pay-confirm'));
    });
    const alert = within(dialog).getByRole('alert');
    expect(alert.textContent).toContain('Stok tidak cukup');
    expect(alert.textContent).toContain('tersedia 1, diminta 2');
    expect(onError).toHaveBeenCalled();

    callMock.mockResolvedValueOnce(result({ paid: 123_000, change: 0 }));
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('pay-confirm'));
    });
    expect(callMock).toHaveBeenCalledTimes(2);
    expect(callMock.mock.calls[0][1].clientRequestId).toBe('req-0001');
    expect(callMock.mock.calls[1][1].clientRequestId).toBe('req-0001');
  });

  it('only cash may exceed the total', () => {
    const { dialog } = setup(100_000);
    fireEvent.click(within(dialog).getByRole('tab', { name: /QRIS/ }));
    fireEvent.change(within(dialog).getByTestId('pay-amount'), { target: { value: '120000' } });
    expect(within(dialog).getByRole('alert').textContent).toContain('Hanya tunai yang boleh melebihi total');
    expect((within(dialog).getByTestId('pay-confirm') as HTMLButtonElement).disabled).toBe(true);
  });

  it('split payment: QRIS part, then cash for the rest', async () => {
    callMock.mockResolvedValueOnce(result());
    const { dialog } = setup(100_000);
    fireEvent.click(within(dialog).getByRole('tab', { name: /QRIS/ }));
    fireEvent.change(within(dialog).getByTestId('pay-amount'), { target: { value: '70000' } });
    fireEvent.change(within(dialog).getByLabelText(/referensi/i), { target: { value: 'QR-998' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /Tambah pembayaran/ }));
    expect(within(dialog).getByTestId('pay-rows').textContent).toContain('QR-998');
    // The rest is cash, prefilled with what remains; the customer hands over 50.000.
    expect(within(dialog).getByRole('tab', { name: /Tunai/ }).getAttribute('aria-selected')).toBe('true');
    expect((within(dialog).getByTestId('pay-amount') as HTMLInputElement).value).toBe('30.000');
    fireEvent.change(within(dialog).getByTestId('pay-amount'), { target: { value: '50000' } });
    expect(within(dialog).getByTestId('pay-change').textContent).toBe('Rp 20.000');
    await act(async () => {
      fireEvent.keyDown(within(dialog).getByTestId('pay-amount'), { key: 'Enter' });
    });
    expect(callMock).toHaveBeenCalledWith('sales.checkout', {
      clientRequestId: 'req-0001',
      lines: LINES,
      payments: [
        { method: 'qris', amount: 70_000, reference: 'QR-998' },
        { method: 'cash', amount: 50_000 },
      ],
    });
  });

  it('Esc closes', () => {
    const { dialog, onClose } = setup();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });
});

describe('PaymentDialog safety', () => {
  it('a barcode scanned into the amount field does not confirm on Enter', () => {
    const { dialog } = setup(45_000);
    const amount = within(dialog).getByTestId('pay-amount');
    fireEvent.change(amount, { target: { value: '89912345' } });
    fireEvent.keyDown(amount, { key: 'Enter' });
    expect(callMock).not.toHaveBeenCalled();
    expect(within(dialog).getByRole('alert').textContent).toContain('periksa lagi');
  });
});
