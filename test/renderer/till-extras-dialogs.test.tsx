import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { ApiError, call } from '../../src/renderer/src/api';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { PaymentDialog } from '../../src/renderer/src/features/till/payment-dialog';
import type { CheckoutResult } from '../../src/shared/types';
import { answer } from './fake-api';

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

const LINES = [{ productId: 7, qty: 2, discount: { type: 'percent' as const, bps: 2500 } }];
const result = (over: Partial<CheckoutResult> = {}): CheckoutResult => ({
  id: 1,
  number: 'K1-20260101-0001',
  subtotal: 100_000,
  discountTotal: 25_000,
  total: 75_000,
  rounding: 0,
  payable: 75_000,
  paid: 75_000,
  change: 0,
  createdAt: 0,
  lines: [],
  payments: [{ method: 'cash', amount: 75_000, reference: null }],
  ...over,
});

function setup(props: Partial<React.ComponentProps<typeof PaymentDialog>> = {}) {
  const onSuccess = vi.fn();
  const onApproved = vi.fn();
  render(
    <I18nProvider initial="id">
      <PaymentDialog
        total={75_000}
        itemCount={2}
        requestId="req-0002"
        lines={LINES}
        onSuccess={onSuccess}
        onError={vi.fn()}
        onClose={vi.fn()}
        onApproved={onApproved}
        lineNames={['Kacang Mete']}
        limitLabel="10%"
        {...props}
      />
    </I18nProvider>,
  );
  return { onSuccess, onApproved };
}

describe('PaymentDialog: manager approval', () => {
  const GRANT = answer('approvals.verify', {
    token: 'tok-abcdefghijklmnopqrstuvwxyz',
    action: 'sales.checkout',
    approvedBy: 2,
    approvedByName: 'Bu Manajer',
    approvedByUsername: 'manajer',
    reasons: [{ kind: 'line_discount', line: 0, bps: 2500 }],
    saleId: null,
    expiresAt: 0,
  });

  it('a FORBIDDEN asking for a manager opens the approval dialog; the PIN is checked there and only the token goes with the sale', async () => {
    callMock.mockRejectedValueOnce(
      new ApiError('FORBIDDEN', 'perlu persetujuan', { approvalRequired: true, reasons: [{ kind: 'line_discount', line: 0, bps: 2500 }] }),
    );
    callMock.mockResolvedValueOnce(GRANT);
    callMock.mockResolvedValueOnce(result());
    const { onSuccess, onApproved } = setup();
    await act(async () => {
      fireEvent.click(screen.getByTestId('pay-confirm'));
    });
    const dialog = screen.getByRole('dialog', { name: 'Persetujuan manajer' });
    expect(dialog.textContent).toContain('Diskon Kacang Mete melebihi batas 10%');
    fireEvent.change(within(dialog).getByLabelText('Nama pengguna manajer'), { target: { value: 'manajer' } });
    for (const d of '2222') fireEvent.click(within(dialog).getByRole('button', { name: `Angka ${d}` }));
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('approval-submit'));
    });
    expect(callMock.mock.calls[1]).toEqual(['approvals.verify', { action: 'sales.checkout', lines: LINES, username: 'manajer', pin: '2222' }]);
    expect(onApproved).toHaveBeenCalledWith(GRANT);
    expect(callMock).toHaveBeenCalledTimes(3);
    expect(callMock.mock.calls[2][0]).toBe('sales.checkout');
    expect(callMock.mock.calls[2][1]).toMatchObject({
      clientRequestId: 'req-0002',
      lines: LINES,
      approval: { token: GRANT.token },
      payments: [{ method: 'cash', amount: 75_000 }],
    });
    expect(JSON.stringify(callMock.mock.calls[2][1])).not.toContain('2222');
    expect(onSuccess).toHaveBeenCalled();
  });

  it('a wrong PIN says "PIN salah" at once, keeps the reasons, and sends no sale', async () => {
    callMock.mockRejectedValueOnce(
      new ApiError('FORBIDDEN', 'perlu persetujuan', { approvalRequired: true, reasons: [{ kind: 'line_discount', line: 0, bps: 2500 }] }),
    );
    callMock.mockRejectedValueOnce(new ApiError('FORBIDDEN', 'PIN salah: nama pengguna atau PIN manajer tidak cocok.', { approval: true, wrongPin: true }));
    setup();
    await act(async () => {
      fireEvent.click(screen.getByTestId('pay-confirm'));
    });
    const dialog = screen.getByRole('dialog', { name: 'Persetujuan manajer' });
    fireEvent.change(within(dialog).getByLabelText('Nama pengguna manajer'), { target: { value: 'manajer' } });
    fireEvent.change(within(dialog).getByLabelText('PIN manajer'), { target: { value: '9999' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('approval-submit'));
    });
    expect(within(dialog).getByTestId('approval-wrong').textContent).toContain('PIN salah');
    expect(dialog.textContent).not.toContain('Anda tidak berhak');
    expect(within(dialog).getByTestId('approval-reasons').textContent).toContain('Diskon Kacang Mete melebihi batas 10%');
    expect((within(dialog).getByLabelText('PIN manajer') as HTMLInputElement).value).toBe('');
    expect(callMock).toHaveBeenCalledTimes(2);
  });

  it('an approval that no longer applies asks again, saying why', async () => {
    callMock.mockRejectedValueOnce(
      new ApiError('FORBIDDEN', 'kedaluwarsa', { approvalRequired: true, approval: true, grantRefused: 'expired', reasons: [{ kind: 'line_discount', line: 0, bps: 2500 }] }),
    );
    setup({ approval: GRANT });
    await act(async () => {
      fireEvent.click(screen.getByTestId('pay-confirm'));
    });
    expect(callMock.mock.calls[0][1].approval).toEqual({ token: GRANT.token });
    const dialog = screen.getByRole('dialog', { name: 'Persetujuan manajer' });
    expect(within(dialog).getByTestId('approval-notice').textContent).toContain('tidak berlaku lagi');
    expect(dialog.textContent).toContain('Diskon Kacang Mete melebihi batas 10%');
  });

  it('QRIS: shows the dynamic QR for the amount, "Sudah dibayar" completes the sale with the reference', async () => {
    callMock.mockImplementation(async (name: string, input: { amount?: number }) => {
      if (name === 'qris.dynamic') return { payload: `00020101021254${String(String(input.amount).length).padStart(2, '0')}${input.amount}6304ABCD`, amount: input.amount, merchantName: 'PLUT SULTRA' };
      if (name === 'sales.checkout') return result({ payments: [{ method: 'qris', amount: 75_000, reference: 'R1' }] });
      return undefined;
    });
    const { onSuccess } = setup({ methods: ['cash', 'qris', 'debit', 'transfer', 'ewallet'] });
    expect(screen.getAllByRole('tab')).toHaveLength(5);
    fireEvent.click(screen.getByRole('tab', { name: /QRIS/ }));
    await act(async () => {
      fireEvent.click(screen.getByTestId('qris-show'));
    });
    const view = screen.getByTestId('qris-view');
    expect(view.getAttribute('data-payload')).toContain('540575000');
    expect(screen.getByTestId('qris-svg').querySelector('path')!.getAttribute('d')!.length).toBeGreaterThan(100);
    expect(screen.getByTestId('qris-amount').textContent).toBe('Rp 75.000');
    fireEvent.change(screen.getByLabelText(/referensi/i), { target: { value: 'R1' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('qris-paid'));
    });
    expect(callMock).toHaveBeenLastCalledWith('sales.checkout', expect.objectContaining({ payments: [{ method: 'qris', amount: 75_000, reference: 'R1' }] }));
    expect(onSuccess).toHaveBeenCalled();
  });

  it('no QRIS set: says so, with a hint for the admin', () => {
    setup({ qrisConfigured: false });
    fireEvent.click(screen.getByRole('tab', { name: /QRIS/ }));
    expect(screen.getByTestId('qris-missing').textContent).toContain('QRIS toko belum diatur');
    expect(screen.getByTestId('qris-missing').textContent).toContain('Pengaturan');
  });

  it('cash rounding: the payable and the rounding are shown', () => {
    setup({ total: 75_049, cashRoundingMode: '100' });
    expect(screen.getByTestId('pay-payable').textContent).toContain('Rp 75.000');
    expect(screen.getByTestId('pay-rounding').textContent).toBe('−Rp 49');
    expect((screen.getByTestId('pay-amount') as HTMLInputElement).value).toBe('75.000');
  });
});
