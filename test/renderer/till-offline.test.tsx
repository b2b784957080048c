/**
 * A till whose host blinks (issue 18), the real till screen in jsdom: the checkout gets no answer
 * (the host may or may not have made the sale), so the till keeps the request and the cart in
 * localStorage, says "Komputer utama tidak terhubung", and sends exactly the same request (same
 * clientRequestId) again until the host answers — also after the page is gone and opened again.
 * The host's answer is the sale once: one done card, the cart emptied, nothing kept any more.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError, call } from '../../src/renderer/src/api';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { SessionProvider } from '../../src/renderer/src/app/session';
import { TillScreen } from '../../src/renderer/src/features/till/till-screen';
import { markHost } from '../../src/renderer/src/lib/host-link';
import type { CheckoutResult } from '../../src/shared/types';
import { fakeApi } from './fake-api';
import { product, shiftView, shopSettings } from './fixtures';

vi.mock('../../src/renderer/src/api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/renderer/src/api')>();
  return { ...actual, call: vi.fn() };
});
const callMock = call as unknown as Mock;

const mete = product({ id: 1, name: 'Kacang Mete Original 250 g', barcode: '8991234500010', sellPrice: 65_000, stock: 3 });
const shift = shiftView();

/** The host: down for the first `downFor` checkouts (no answer), then it answers with the one sale. */
function host(downFor: number) {
  const checkouts: unknown[] = [];
  const base = fakeApi({
    'settings.get': () => shopSettings(),
    'shifts.current': () => shift,
    'printing.jobs': () => [],
    'printers.status': () => ({ state: 'ok', message: 'Printer siap.', failedJobs: 0 }),
    'products.search': () => [mete],
    'products.lookup': () => mete,
    'products.get': () => mete,
    'setup.status': () => ({ initialized: true }) as never,
    'sales.checkout': (input): CheckoutResult => {
      checkouts.push(input);
      if (checkouts.length <= downFor) {
        // What the real transport does when no answer comes.
        markHost(false);
        throw new ApiError('INTERNAL', 'Tidak dapat terhubung ke server kasir.', { unreachable: true });
      }
      markHost(true);
      return {
        id: 41, number: 'K1-20261129-0007', subtotal: 65_000, discountTotal: 0, total: 65_000, rounding: 0, payable: 65_000, paid: 70_000, change: 5_000,
        createdAt: Date.UTC(2026, 10, 29, 2, 0), lines: [{ productId: 1, name: mete.name, qty: 1, unitPrice: 65_000, lineTotal: 65_000 }],
        payments: [{ method: 'cash', amount: 70_000, reference: null }],
      };
    },
  });
  return { checkouts, call: base };
}

beforeEach(() => {
  callMock.mockReset();
  sessionStorage.clear();
  localStorage.clear();
  markHost(true);
});
afterEach(cleanup);

function renderTill() {
  return render(
    <I18nProvider initial="id">
      <SessionProvider session={{ user: { id: 3, name: 'Sitti Aisyah', role: 'cashier' }, tillCode: 'K1' }} onLogout={() => undefined}>
        <TillScreen />
      </SessionProvider>
    </I18nProvider>,
  );
}

describe('till when the host blinks', () => {
  it('keeps the cart and the checkout, says so, and sends the same request again after a reload: one sale', async () => {
    const h = host(2);
    callMock.mockImplementation(h.call);
    renderTill();
    const scan = (await screen.findByTestId('scan-input')) as HTMLInputElement;
    fireEvent.change(scan, { target: { value: mete.barcode! } });
    await act(async () => {
      fireEvent.keyDown(scan, { key: 'Enter' });
    });
    expect(await screen.findAllByTestId('cart-line')).toHaveLength(1);
    fireEvent.keyDown(window, { key: 'F2' });
    const dialog = await screen.findByRole('dialog', { name: 'Pembayaran' });
    await act(async () => {
      fireEvent.click(within(dialog).getByTestId('pay-confirm'));
    });

    // No answer: the dialog gives way to the waiting sale; the message is plain.
    const waiting = await screen.findByTestId('pending-sale');
    expect(screen.getByTestId('host-offline').textContent).toContain('Komputer utama tidak terhubung');
    expect(within(waiting).getAllByTestId('saved-cart-line')[0]!.textContent).toContain(mete.name);
    // The till tries again by itself (every 2 s): still no answer.
    await waitFor(() => expect(h.checkouts).toHaveLength(2), { timeout: 5000 });
    expect(localStorage.getItem('kasir.pendingCheckout')).toContain(String((h.checkouts[0] as { clientRequestId: string }).clientRequestId));
    expect(localStorage.getItem('kasir.cart.K1')).toContain(mete.name);

    // The page goes away (reload) while the host is down; it opens again and the host is back.
    cleanup();
    renderTill();
    await screen.findByTestId('sale-done', undefined, { timeout: 5000 });
    expect(screen.getByTestId('sale-number').textContent).toBe('K1-20261129-0007');
    expect(h.checkouts).toHaveLength(3);
    // Exactly the same request every time: the host's request key makes it one sale.
    expect(h.checkouts[1]).toEqual(h.checkouts[0]);
    expect(h.checkouts[2]).toEqual(h.checkouts[0]);
    expect(screen.queryAllByTestId('cart-line')).toHaveLength(0);
    expect(screen.queryByTestId('host-offline')).toBeNull();
    expect(localStorage.getItem('kasir.pendingCheckout')).toBeNull();
    // Nothing is sent again afterwards.
    await new Promise((r) => setTimeout(r, 2500));
    expect(h.checkouts).toHaveLength(3);
  }, 20_000);

  it('a refusal from the host ends the wait: the cart stays, nothing is kept, a clear message', async () => {
    const checkouts: unknown[] = [];
    const base = host(0).call;
    callMock.mockImplementation(async (name: string, input: unknown) => {
      if (name !== 'sales.checkout') return base(name, input);
      checkouts.push(input);
      throw new ApiError('INSUFFICIENT_STOCK', 'Stok "Kacang Mete Original 250 g" tidak cukup: tersedia 0, diminta 1.', { productId: 1 });
    });
    // A checkout kept from before a reload.
    const cart = { lines: [{ product: { id: 1, name: mete.name, sku: mete.sku, supplierName: null, sellPrice: 65_000, unit: 'pcs', stock: 3, expiredStock: 0 }, qty: 1 }], requestId: 'kept-0000-0001', lastTouched: 1 };
    localStorage.setItem('kasir.cart.K1', JSON.stringify(cart));
    const input = { clientRequestId: 'kept-0000-0001', lines: [{ productId: 1, qty: 1 }], payments: [{ method: 'cash', amount: 65_000 }] };
    localStorage.setItem('kasir.pendingCheckout', JSON.stringify({ tillCode: 'K1', input, total: 65_000, itemCount: 1, savedAt: 0 }));
    renderTill();
    await waitFor(() => expect(screen.getByTestId('till-message').textContent).toContain('Komputer utama menolak penjualan yang tertunda'));
    expect(checkouts).toEqual([input]);
    expect(localStorage.getItem('kasir.pendingCheckout')).toBeNull();
    expect(screen.queryByTestId('pending-sale')).toBeNull();
    expect(await screen.findAllByTestId('cart-line')).toHaveLength(1);
  });
});
