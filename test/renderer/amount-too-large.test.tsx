/**
 * Digits above the largest amount (Rp 10.000.000.000) in a money field of a form: the form says the
 * amount is too large — never "required" or "more than 0", never an amount cut to fit — and sends
 * nothing (a 20-digit price, fee or pay-in changes nothing).
 */
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { call } from '../../src/renderer/src/api';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { LedgerDialog } from '../../src/renderer/src/features/settlements/ledger-dialog';
import { CashMoveDialog } from '../../src/renderer/src/features/shift/cash-dialogs';
import { DiscountDialog } from '../../src/renderer/src/features/till/discount-dialog';
import { PaymentDialog } from '../../src/renderer/src/features/till/payment-dialog';

vi.mock('../../src/renderer/src/api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/renderer/src/api')>();
  return { ...actual, call: vi.fn() };
});
const callMock = call as unknown as Mock;
afterEach(cleanup);
// Braces: a function returned from beforeEach is run as its teardown.
beforeEach(() => {
  callMock.mockReset();
  localStorage.clear();
});

const TWENTY_DIGITS = '12345678901234567890';
const TOO_LARGE = 'Jumlah terlalu besar (paling banyak Rp 10.000.000.000)';

const typeInto = (el: HTMLElement, text: string) => fireEvent.change(el, { target: { value: text } });

describe('a 20-digit amount', () => {
  it('a supplier fee: "too large", nothing sent; a real amount afterwards is sent', async () => {
    const onSaved = vi.fn();
    render(
      <I18nProvider initial="id">
        <LedgerDialog kind="fee" supplierId={3} onClose={() => undefined} onSaved={onSaved} />
      </I18nProvider>,
    );
    const [amount, note] = screen.getAllByRole('textbox');
    typeInto(amount!, TWENTY_DIGITS);
    typeInto(note!, 'Biaya label');
    fireEvent.submit(amount!.closest('form')!);
    expect(await screen.findByText(TOO_LARGE)).toBeTruthy();
    expect(screen.queryByText('Harus lebih dari 0')).toBeNull();
    expect(callMock).not.toHaveBeenCalled();

    callMock.mockResolvedValue({});
    typeInto(amount!, '5000');
    fireEvent.submit(amount!.closest('form')!);
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(callMock).toHaveBeenCalledWith('ledger.fee', { supplierId: 3, amount: 5000, note: 'Biaya label' });
  });

  it('a pay-in: "too large", nothing sent', async () => {
    render(
      <I18nProvider initial="id">
        <CashMoveDialog kind="in" onDone={() => undefined} onClose={() => undefined} />
      </I18nProvider>,
    );
    const amount = screen.getByLabelText('Jumlah');
    typeInto(amount, TWENTY_DIGITS);
    typeInto(screen.getByLabelText('Alasan'), 'Tambahan uang kecil');
    fireEvent.submit(amount.closest('form')!);
    expect(await screen.findByText(TOO_LARGE)).toBeTruthy();
    expect(callMock).not.toHaveBeenCalled();
  });

  it('a line discount in rupiah, and a price override: "too large", never applied without them', () => {
    const onApply = vi.fn();
    render(
      <I18nProvider initial="id">
        <DiscountDialog
          target={{ kind: 'line', name: 'Kacang Mete Original 250 g', qty: 1, listPrice: 65_000, base: 65_000 }}
          limitBps={10_000}
          isManager
          onApply={onApply}
          onClose={() => undefined}
        />
      </I18nProvider>,
    );
    const override = screen.getByLabelText('Harga satuan baru (opsional)');
    typeInto(override, TWENTY_DIGITS);
    fireEvent.submit(screen.getByTestId('discount-dialog'));
    expect(screen.getByText(TOO_LARGE)).toBeTruthy();
    expect(onApply).not.toHaveBeenCalled();

    typeInto(override, '60000');
    fireEvent.click(screen.getByRole('tab', { name: 'Rupiah (Rp)' }));
    typeInto(screen.getByTestId('disc-amount'), TWENTY_DIGITS);
    fireEvent.submit(screen.getByTestId('discount-dialog'));
    expect(screen.getByText(TOO_LARGE)).toBeTruthy();
    expect(onApply).not.toHaveBeenCalled();

    typeInto(screen.getByTestId('disc-amount'), '5000');
    fireEvent.submit(screen.getByTestId('discount-dialog'));
    expect(onApply).toHaveBeenCalledWith({ discount: { type: 'amount', value: 5000 }, priceOverride: 60_000 });
  });

  it('cash received, typed by hand: "too large" on Enter, never "short", and no sale is sent', () => {
    render(
      <I18nProvider initial="id">
        <PaymentDialog total={123_000} itemCount={2} requestId="req-0001" lines={[{ productId: 7, qty: 2 }]} onSuccess={() => undefined} onError={() => undefined} onClose={() => undefined} />
      </I18nProvider>,
    );
    const amount = screen.getByTestId('pay-amount');
    typeInto(amount, TWENTY_DIGITS);
    fireEvent.keyDown(amount, { key: 'Enter' });
    expect(screen.getByText(TOO_LARGE)).toBeTruthy();
    expect(screen.queryByText(/^Kurang/)).toBeNull();
    expect(callMock).not.toHaveBeenCalled();

    // A quick amount picked afterwards is money again.
    callMock.mockReturnValue(new Promise(() => undefined));
    fireEvent.click(screen.getByRole('button', { name: 'Rp 150.000' }));
    fireEvent.keyDown(amount, { key: 'Enter' });
    expect(callMock).toHaveBeenCalledWith('sales.checkout', expect.objectContaining({ payments: [{ method: 'cash', amount: 150_000 }] }));
  });
});
