/**
 * The supplier form's NIB field (issue 20): a NIB that is not 13 digits is
 * refused under the field in the screen's language and nothing is sent; a
 * good one is sent trimmed; a NIB the server says is taken shows under it.
 */
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ApiError, call } from '../../src/renderer/src/api';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { SupplierFormDialog } from '../../src/renderer/src/features/backoffice/suppliers/supplier-form';

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

function open(lang: 'id' | 'en') {
  const onSaved = vi.fn();
  render(
    <I18nProvider initial={lang}>
      <SupplierFormDialog supplier={null} onSaved={onSaved} onClose={() => undefined} />
    </I18nProvider>,
  );
  return onSaved;
}

const fill = (name: string, value: string) => fireEvent.change(document.querySelector(`[name="${name}"]`)!, { target: { value } });
const submit = async () => {
  await act(async () => {
    fireEvent.submit(document.getElementById('supplier-form')!);
  });
};

describe('supplier form: NIB', () => {
  it('refuses a NIB that is not 13 digits in Bahasa Indonesia and in English, sending nothing', async () => {
    open('id');
    fill('name', 'Madu Hutan Konawe');
    fill('nib', '91203012345');
    await submit();
    expect(screen.getByRole('alert').textContent).toBe('NIB harus 13 angka');
    expect(callMock).not.toHaveBeenCalled();
    cleanup();
    open('en');
    fill('name', 'Madu Hutan Konawe');
    fill('nib', '9120-30123456');
    await submit();
    expect(screen.getByRole('alert').textContent).toBe('The NIB must be 13 digits');
    expect(callMock).not.toHaveBeenCalled();
  });

  it('sends a good NIB trimmed; a taken one is shown under the field', async () => {
    const onSaved = open('id');
    fill('name', 'Madu Hutan Konawe');
    fill('nib', ' 9120301234567 ');
    callMock.mockResolvedValueOnce({ id: 9, code: 'S0009', name: 'Madu Hutan Konawe', nib: '9120301234567' });
    await submit();
    expect(callMock).toHaveBeenCalledWith('suppliers.create', { name: 'Madu Hutan Konawe', nib: '9120301234567' });
    expect(onSaved).toHaveBeenCalled();
    cleanup();
    open('id');
    fill('name', 'Kembar');
    fill('nib', '9120301234567');
    callMock.mockRejectedValueOnce(new ApiError('CONFLICT', 'NIB 9120301234567 sudah dipakai pemasok S0001 — UD Mete Muna.', { field: 'nib' }));
    await submit();
    expect(screen.getByRole('alert').textContent).toBe('NIB 9120301234567 sudah dipakai pemasok S0001 — UD Mete Muna.');
  });
});
