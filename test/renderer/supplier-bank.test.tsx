/**
 * The supplier form's phone and bank details (audit: Telepon "abc-telepon" and No. rekening
 * "ABC-rek 12" with Bank and Atas nama emptied were saved). Each problem shows under its own field,
 * in the screen's language, and nothing is sent; a supplier saved before these rules still opens
 * and saves its other fields; a refusal of the server shows under the field it names.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ApiError } from '../../src/renderer/src/api';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { SupplierFormDialog } from '../../src/renderer/src/features/backoffice/suppliers/supplier-form';
import type { Supplier } from '../../src/shared/types';
import { answer, callMock } from './fake-api';

vi.mock('../../src/renderer/src/api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../src/renderer/src/api')>()), call: vi.fn() }));

afterEach(cleanup);
// Braces: a function returned from beforeEach is run as its teardown.
beforeEach(() => {
  callMock.mockReset();
});

const METE: Supplier = {
  id: 1,
  code: 'S0001',
  name: 'UD Mete Muna',
  ownerName: null,
  phone: '0812-4000-1111',
  address: null,
  district: 'Kabupaten Muna',
  bankName: 'BRI',
  bankAccount: '123401000123501',
  bankHolder: 'La Ode Hasan',
  nib: null,
  active: true,
  createdAt: 0,
  updatedAt: 0,
};

function open(supplier: Supplier | null, lang: 'id' | 'en' = 'id') {
  const onSaved = vi.fn();
  render(
    <I18nProvider initial={lang}>
      <SupplierFormDialog supplier={supplier} onSaved={onSaved} onClose={() => undefined} />
    </I18nProvider>,
  );
  return onSaved;
}

const input = (name: string) => document.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
const fill = (name: string, value: string) => fireEvent.change(input(name), { target: { value } });
/** The message under a field: the element its control is described by, when that is an error. */
function errorUnder(name: string): string | null {
  const el = input(name);
  if (el.getAttribute('aria-invalid') !== 'true') return null;
  const msg = document.getElementById(el.getAttribute('aria-describedby') ?? '');
  return msg?.getAttribute('role') === 'alert' ? msg.textContent : null;
}
const submit = async () => {
  await act(async () => {
    fireEvent.submit(document.getElementById('supplier-form')!);
  });
};

describe('supplier form: phone and bank details', () => {
  it('refuses the audit’s edit under Telepon, Bank, No. rekening and Atas nama, sending nothing', async () => {
    open(METE);
    fill('phone', 'abc-telepon');
    fill('bankName', '');
    fill('bankAccount', 'ABC-rek 12');
    fill('bankHolder', '');
    await submit();
    expect(errorUnder('phone')).toBe('Nomor telepon hanya boleh berisi angka, spasi, +, - dan tanda kurung, 8–15 angka (mis. 0813 7828 7889)');
    expect(errorUnder('bankAccount')).toBe('Nomor rekening harus 5–20 angka (spasi dan tanda - boleh)');
    expect(errorUnder('bankName')).toBe('Nama bank wajib diisi bila ada nomor rekening');
    expect(errorUnder('bankHolder')).toBe('Atas nama rekening wajib diisi bila ada nomor rekening');
    expect(errorUnder('name')).toBeNull();
    expect(screen.getAllByRole('alert')).toHaveLength(4);
    expect(callMock).not.toHaveBeenCalled();

    // A good account without its bank and holder is refused as well.
    fill('phone', '0813 7828 7889');
    fill('bankAccount', '1234-5678-90');
    await submit();
    expect(errorUnder('phone')).toBeNull();
    expect(errorUnder('bankAccount')).toBeNull();
    expect(errorUnder('bankName')).toBe('Nama bank wajib diisi bila ada nomor rekening');
    expect(errorUnder('bankHolder')).toBe('Atas nama rekening wajib diisi bila ada nomor rekening');
    expect(callMock).not.toHaveBeenCalled();
  });

  it('says it in English on an English screen; a bank without an account asks for the account', async () => {
    open(null, 'en');
    fill('name', 'UD Baru');
    fill('phone', '0813');
    fill('bankName', 'BRI');
    await submit();
    expect(errorUnder('phone')).toBe('A phone number has only digits, spaces, +, - and brackets, 8–15 digits (e.g. 0813 7828 7889)');
    expect(errorUnder('bankAccount')).toBe('Enter the account number, or empty the bank and holder too');
    expect(callMock).not.toHaveBeenCalled();
  });

  it('sends good details: Indonesian phone numbers, all three bank details, or none at all', async () => {
    for (const phone of ['0813 7828 7889', '+62 813-7828-7889', '(0401) 3121234']) {
      const onSaved = open(null);
      fill('name', 'UD Baru');
      fill('phone', phone);
      callMock.mockResolvedValueOnce(answer('suppliers.create', { ...METE, id: 9, code: 'S0009', name: 'UD Baru', phone }));
      await submit();
      expect(callMock).toHaveBeenLastCalledWith('suppliers.create', { name: 'UD Baru', phone });
      expect(onSaved).toHaveBeenCalled();
      cleanup();
    }
    open(null);
    fill('name', 'UD Transfer');
    fill('bankName', 'Bank Sultra');
    fill('bankAccount', '1234-5678 90');
    fill('bankHolder', 'Wa Ode');
    callMock.mockResolvedValueOnce(answer('suppliers.create', { ...METE, id: 10, name: 'UD Transfer', bankAccount: '1234567890' }));
    await submit();
    expect(callMock).toHaveBeenLastCalledWith('suppliers.create', { name: 'UD Transfer', bankName: 'Bank Sultra', bankAccount: '1234-5678 90', bankHolder: 'Wa Ode' });
    cleanup();
    // Emptying all three: paid in cash.
    open(METE);
    fill('bankName', '');
    fill('bankAccount', '');
    fill('bankHolder', '');
    callMock.mockResolvedValueOnce(answer('suppliers.update', { ...METE, bankName: null, bankAccount: null, bankHolder: null }));
    await submit();
    expect(callMock).toHaveBeenLastCalledWith('suppliers.update', { id: 1, bankName: null, bankAccount: null, bankHolder: null });
  });

  it('opens a supplier saved before these rules and saves its other fields', async () => {
    const old = { ...METE, phone: 'abc-telepon', bankName: null, bankAccount: 'ABC-rek 12', bankHolder: null };
    const onSaved = open(old);
    expect(input('phone').value).toBe('abc-telepon');
    expect(input('bankAccount').value).toBe('ABC-rek 12');
    fill('ownerName', 'La Ode Hasan');
    callMock.mockResolvedValueOnce(answer('suppliers.update', { ...old, ownerName: 'La Ode Hasan' }));
    await submit();
    expect(callMock).toHaveBeenCalledWith('suppliers.update', { id: 1, ownerName: 'La Ode Hasan' });
    expect(onSaved).toHaveBeenCalled();
  });

  it('shows a refusal of the server under the field it names, without the field’s internal name', async () => {
    open(null);
    fill('name', 'UD Baru');
    fill('bankName', 'BRI');
    fill('bankAccount', '1234567890');
    fill('bankHolder', 'Wa Ode');
    const message = 'Atas nama rekening wajib diisi bila ada nomor rekening';
    callMock.mockRejectedValueOnce(new ApiError('VALIDATION', `bankHolder: ${message}`, { field: 'bankHolder', issues: [{ field: 'bankHolder', message }] }));
    await submit();
    expect(errorUnder('bankHolder')).toBe(message);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });
});
