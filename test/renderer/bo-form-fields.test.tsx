/**
 * Two back-office form fields:
 * - "Barang baru" saved with no supplier said "— Pilih pemasok —" under Pemasok (the dropdown's
 *   placeholder); it says what to do, in the user's language, and sends nothing.
 * - The new user's PIN took letters ("12ab"); like the login's PIN and the server's rule
 *   (contract-kit `pin`: 4–8 digits) it takes digits only, at most 8, and a short one is refused.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nProvider } from '../../src/renderer/src/i18n';
import type { Supplier, UserView } from '../../src/shared/types';
import { ProductFormDialog } from '../../src/renderer/src/features/backoffice/products/product-form';
import { UsersScreen } from '../../src/renderer/src/features/backoffice/users-screen';
import { SetupScreen } from '../../src/renderer/src/features/setup/setup-screen';
import { callMock, fakeApi } from './fake-api';

vi.mock('../../src/renderer/src/api', async (importOriginal) => ({ ...(await importOriginal()), call: vi.fn() }));

afterEach(cleanup);
// Braces: a function returned from beforeEach is run as its teardown.
beforeEach(() => {
  callMock.mockReset();
});

/** The message shown under a labelled field. */
function messageOf(field: HTMLElement): string | null {
  const id = field.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

const flush = () => act(async () => undefined);

describe('"Barang baru": no supplier picked', () => {
  const supplier: Supplier = {
    id: 1,
    code: 'S0001',
    name: 'UD Mete Jaya',
    ownerName: null,
    phone: null,
    address: null,
    district: null,
    bankName: null,
    bankAccount: null,
    bankHolder: null,
    nib: null,
    active: true,
    createdAt: 0,
    updatedAt: 0,
  };

  async function open(lang: 'id' | 'en') {
    callMock.mockImplementation(fakeApi({ 'suppliers.list': () => [supplier] }));
    render(
      <I18nProvider initial={lang}>
        <ProductFormDialog product={null} onSaved={() => undefined} onClose={() => undefined} />
      </I18nProvider>,
    );
    await flush();
    fireEvent.change(screen.getByLabelText(lang === 'id' ? /^Nama barang/ : /^Product name/), { target: { value: 'Kacang Mete 250 g' } });
    await act(async () => {
      fireEvent.submit(document.getElementById('product-form')!);
    });
    return screen.getByLabelText(lang === 'id' ? /^Pemasok/ : /^Supplier/);
  }

  it('says "Pilih pemasok dulu." under Pemasok, not the placeholder, and sends nothing', async () => {
    const select = await open('id');
    expect(messageOf(select)).toBe('Pilih pemasok dulu.');
    expect(screen.queryAllByRole('alert').map((a) => a.textContent)).not.toContain('— Pilih pemasok —');
    // The placeholder stays what it was.
    expect(within(select).getAllByRole('option')[0]!.textContent).toBe('— Pilih pemasok —');
    expect(callMock.mock.calls.map((c) => c[0])).toEqual(['suppliers.list']);
  });

  it('in English: "Choose a supplier first."', async () => {
    const select = await open('en');
    expect(messageOf(select)).toBe('Choose a supplier first.');
    expect(within(select).getAllByRole('option')[0]!.textContent).toBe('— Choose supplier —');
    expect(callMock.mock.calls.map((c) => c[0])).toEqual(['suppliers.list']);
  });
});

describe('"Barang baru": a 20-digit price', () => {
  it('says the amount is too large under each price, never "more than 0", and sends nothing', async () => {
    callMock.mockImplementation(fakeApi({ 'suppliers.list': () => [] }));
    render(
      <I18nProvider initial="id">
        <ProductFormDialog product={null} supplierId={1} onSaved={() => undefined} onClose={() => undefined} />
      </I18nProvider>,
    );
    await flush();
    fireEvent.change(screen.getByLabelText(/^Nama barang/), { target: { value: 'Kacang Mete 250 g' } });
    const sell = screen.getByRole('textbox', { name: 'Harga jual' });
    const titip = screen.getByRole('textbox', { name: 'Harga titip (untuk pemasok)' });
    fireEvent.change(sell, { target: { value: '12345678901234567890' } });
    fireEvent.change(titip, { target: { value: '12345678901234567890' } });
    await act(async () => {
      fireEvent.submit(document.getElementById('product-form')!);
    });
    const tooLarge = 'Jumlah terlalu besar (paling banyak Rp 10.000.000.000)';
    expect(messageOf(sell)).toBe(tooLarge);
    expect(messageOf(titip)).toBe(tooLarge);
    expect(callMock.mock.calls.map((c) => c[0])).toEqual(['suppliers.list']);
  });
});

describe('new user: the PIN takes digits only', () => {
  const created: UserView = { id: 5, name: 'Wa Ode Sitti', username: 'sitti', role: 'cashier', active: true };

  async function open() {
    callMock.mockImplementation(
      fakeApi({
        'users.list': () => [],
        'users.create': (input) => ({ ...created, name: input.name, username: input.username, role: input.role }),
      }),
    );
    render(
      <I18nProvider initial="id">
        <UsersScreen />
      </I18nProvider>,
    );
    await flush();
    return { pin: screen.getByLabelText(/^PIN \(4–8 angka\)/) as HTMLInputElement, pin2: screen.getByLabelText(/^Ulangi PIN/) as HTMLInputElement };
  }
  const fillUser = () => {
    fireEvent.change(screen.getByLabelText(/^Nama \*/), { target: { value: 'Wa Ode Sitti' } });
    fireEvent.change(screen.getByLabelText(/^Nama pengguna/), { target: { value: 'sitti' } });
  };
  const save = () =>
    act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Simpan pengguna' }));
    });

  it('"12ab" leaves "12"; more than 8 digits are cut to 8; a numeric keypad is asked for', async () => {
    const { pin, pin2 } = await open();
    fireEvent.change(pin, { target: { value: '12ab' } });
    expect(pin.value).toBe('12');
    fireEvent.change(pin2, { target: { value: 'x1 2-3' } });
    expect(pin2.value).toBe('123');
    fireEvent.change(pin, { target: { value: '1234567890' } });
    expect(pin.value).toBe('12345678');
    for (const f of [pin, pin2]) {
      expect(f.getAttribute('inputmode')).toBe('numeric');
      expect(f.maxLength).toBe(8);
      expect(f.type).toBe('password');
    }
  });

  it('a PIN shorter than 4 digits is refused in Indonesian and nothing is sent', async () => {
    const { pin, pin2 } = await open();
    fillUser();
    fireEvent.change(pin, { target: { value: '12ab' } });
    fireEvent.change(pin2, { target: { value: '12' } });
    await save();
    expect(messageOf(pin)).toBe('PIN harus 4–8 angka');
    expect(callMock.mock.calls.map((c) => c[0])).toEqual(['users.list']);
  });

  it('a PIN typed with a stray letter is saved as its digits', async () => {
    const { pin, pin2 } = await open();
    fillUser();
    fireEvent.change(pin, { target: { value: '4a821' } });
    fireEvent.change(pin2, { target: { value: '4821' } });
    await save();
    expect(callMock).toHaveBeenCalledWith('users.create', { name: 'Wa Ode Sitti', username: 'sitti', role: 'cashier', pin: '4821' });
    expect(screen.getByRole('status').textContent).toBe('Pengguna Wa Ode Sitti dibuat.');
  });
});

describe('first start: the first admin\'s PIN takes digits only', () => {
  it('letters are dropped as typed, at most 8 digits, and what is sent is digits', async () => {
    render(
      <I18nProvider initial="id">
        <SetupScreen onDone={() => undefined} />
      </I18nProvider>,
    );
    const pin = screen.getByLabelText(/^PIN \(4–8 angka\)/);
    const again = screen.getByLabelText(/^Ulangi PIN/);
    fireEvent.change(pin, { target: { value: '12ab' } });
    expect(pin).toHaveProperty('value', '12');
    fireEvent.change(pin, { target: { value: '1234567890' } });
    expect(pin).toHaveProperty('value', '12345678');
    fireEvent.change(pin, { target: { value: '4a8-21' } });
    fireEvent.change(again, { target: { value: '4821' } });
    expect(pin).toHaveProperty('value', '4821');
  });
});
