import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError, call } from '../../src/renderer/src/api';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { SessionProvider } from '../../src/renderer/src/app/session';
import { TillScreen } from '../../src/renderer/src/features/till/till-screen';
import type { ProductView } from '../../src/shared/types';
import { fakeApi } from './fake-api';
import { product, shiftView, shopSettings } from './fixtures';

vi.mock('../../src/renderer/src/api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/renderer/src/api')>();
  return { ...actual, call: vi.fn() };
});

const callMock = call as unknown as Mock;

const mete = product({ id: 1, name: 'Kacang Mete Original 250 g', barcode: '8991234500010', sellPrice: 65_000, stock: 3, supplierName: 'UD Mete Jaya Raha' });
const bagea = product({ id: 2, name: 'Bagea Sagu Kenari 200 g', barcode: '8991234500089', stock: 0, expiredStock: 10 });
const evil = product({ id: 3, name: '<script>alert(1)</script><b>Tenun</b>', barcode: '8991234500300', supplierName: '<img src=x onerror=alert(2)>' });
const CATALOG: ProductView[] = [mete, bagea, evil];

const shift = shiftView();

// Typed by the contract: a fake answer missing a field (or with one of the wrong type) fails to compile.
const api = fakeApi({
  'settings.get': () => shopSettings(),
  'shifts.current': () => shift,
  'printing.jobs': () => [],
  'printers.status': () => ({ state: 'ok', message: 'Printer siap.', failedJobs: 0 }),
  'products.search': (input) => {
    const q = input.query.toLowerCase();
    return CATALOG.filter((p) => p.name.toLowerCase().includes(q));
  },
  'products.lookup': (input) => {
    const found = CATALOG.find((p) => p.barcode === input.code || p.sku === input.code);
    if (!found) throw new ApiError('NOT_FOUND', `Barang dengan kode "${String(input.code)}" tidak ditemukan.`, { field: 'code' });
    return found;
  },
});

afterEach(cleanup);
beforeEach(() => {
  callMock.mockReset();
  callMock.mockImplementation(api);
  sessionStorage.clear();
  localStorage.clear();
});

async function renderTill() {
  render(
    <I18nProvider initial="id">
      <SessionProvider session={{ user: { id: 3, name: 'Sitti Aisyah', role: 'cashier' }, tillCode: 'K1' }} onLogout={() => undefined}>
        <TillScreen />
      </SessionProvider>
    </I18nProvider>,
  );
  const scan = (await screen.findByTestId('scan-input')) as HTMLInputElement;
  await waitFor(() => expect(document.activeElement).toBe(scan));
  return scan;
}

async function scanCode(scan: HTMLInputElement, code: string) {
  fireEvent.change(scan, { target: { value: code } });
  await act(async () => {
    fireEvent.keyDown(scan, { key: 'Enter' });
  });
}

describe('TillScreen', () => {
  it('scans into the cart; a second scan adds one to the line', async () => {
    const scan = await renderTill();
    await scanCode(scan, mete.barcode!);
    await scanCode(scan, mete.barcode!);
    const lines = await screen.findAllByTestId('cart-line');
    expect(lines).toHaveLength(1);
    expect((within(lines[0]).getByTestId('qty-input') as HTMLInputElement).value).toBe('2');
    expect(within(lines[0]).getByText('UD Mete Jaya Raha')).toBeTruthy();
    expect(screen.getByTestId('cart-total').textContent).toBe('Rp 130.000');
    expect(scan.value).toBe('');
  });

  it('an unknown barcode: a clear message, the field cleared, nothing added', async () => {
    const scan = await renderTill();
    await scanCode(scan, '8990000000019');
    expect(screen.getByTestId('till-message').textContent).toContain('Barang dengan kode 8990000000019 tidak ditemukan');
    expect(scan.value).toBe('');
    expect(screen.queryAllByTestId('cart-line')).toHaveLength(0);
  });

  it('refuses more than the stock, and stock that has expired', async () => {
    const scan = await renderTill();
    await scanCode(scan, '4*' + mete.barcode!);
    expect(screen.getByTestId('till-message').textContent).toContain('Stok tidak cukup');
    expect(screen.queryAllByTestId('cart-line')).toHaveLength(0);
    await scanCode(scan, bagea.barcode!);
    expect(screen.getByTestId('till-message').textContent).toContain('Stok kedaluwarsa — tidak boleh dijual');
    expect(screen.queryAllByTestId('cart-line')).toHaveLength(0);
  });

  it('typing a name searches; arrows and Enter pick a result', async () => {
    const scan = await renderTill();
    fireEvent.change(scan, { target: { value: 'mete' } });
    const results = await screen.findByTestId('search-results', undefined, { timeout: 2000 });
    expect(within(results).getAllByRole('option')).toHaveLength(1);
    fireEvent.keyDown(scan, { key: 'ArrowDown' });
    await act(async () => {
      fireEvent.keyDown(scan, { key: 'Enter' });
    });
    expect(await screen.findAllByTestId('cart-line')).toHaveLength(1);
    expect(screen.queryByTestId('search-results')).toBeNull();
  });

  it('names from the data are text, never HTML', async () => {
    const scan = await renderTill();
    await scanCode(scan, evil.barcode!);
    const line = (await screen.findAllByTestId('cart-line'))[0];
    expect(line.textContent).toContain('<script>alert(1)</script><b>Tenun</b>');
    expect(line.textContent).toContain('<img src=x onerror=alert(2)>');
    expect(document.querySelector('script, img, b')).toBeNull();
  });

  it('F2 opens the payment, Esc closes it and the scan field has the focus again', async () => {
    const scan = await renderTill();
    await scanCode(scan, mete.barcode!);
    fireEvent.keyDown(window, { key: 'F2' });
    const dialog = await screen.findByRole('dialog', { name: 'Pembayaran' });
    expect(within(dialog).getByTestId('pay-total').textContent).toBe('Rp 65.000');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(scan));
  });

  it('F8 asks before clearing the cart', async () => {
    const scan = await renderTill();
    await scanCode(scan, mete.barcode!);
    fireEvent.keyDown(window, { key: 'F8' });
    const dialog = await screen.findByRole('dialog', { name: 'Kosongkan keranjang?' });
    fireEvent.click(within(dialog).getByRole('button', { name: /Ya, kosongkan/ }));
    await waitFor(() => expect(screen.queryAllByTestId('cart-line')).toHaveLength(0));
  });

  it("a printer at the till's own PC: its paper-out shows without waiting for the 15-second printer poll", async () => {
    let paper = true;
    callMock.mockImplementation((name: string, input: Record<string, unknown>) => {
      if (name === 'printers.status') {
        return Promise.resolve(
          paper
            ? { state: 'ok', message: 'Printer siap.', failedJobs: 0, atTill: true }
            : { state: 'paperOut', message: 'Kertas printer habis. Ganti gulungan kertas.', failedJobs: 0, atTill: true },
        );
      }
      return api(name, input);
    });
    await renderTill();
    await waitFor(() => expect(callMock.mock.calls.filter(([n]) => n === 'printers.status').length).toBeGreaterThan(0));
    expect(screen.queryByTestId('printer-warning')).toBeNull();
    paper = false;
    // The agent reported paper-out to the host; the till asks again within 1.5 s (not 15 s).
    await waitFor(() => expect(screen.getByTestId('printer-warning')).toBeTruthy(), { timeout: 4000 });
  });

  it('the printer chip counts failed jobs waiting for a retry, even when the last job printed (an interrupted receipt)', async () => {
    callMock.mockImplementation((name: string, input: Record<string, unknown>) => {
      if (name === 'printers.status') return Promise.resolve({ state: 'ok', message: 'Printer siap.', failedJobs: 2 });
      if (name === 'printing.jobs') return Promise.resolve([{ id: 9, kind: 'test', refId: null, copy: false, status: 'printed', attempts: 1, lastError: null, tillCode: 'K1', createdAt: 0, printedAt: 0 }]);
      return api(name, input);
    });
    await renderTill();
    const chip = screen.getByTestId('printer-status');
    await waitFor(() => expect(chip.textContent).toBe('2 cetakan gagal'));
    expect(chip.getAttribute('data-status')).toBe('failed');
  });
});
