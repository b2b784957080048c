/**
 * Enter in the back office's dialogs is their default action, as in every other dialog: the
 * stock correction ("Koreksi stok") saves — or shows why not, in the user's language, sending
 * nothing — and sends once however often Enter is pressed while it saves; the label dialog
 * ("Cetak label") prints its A4 sheet, once. Esc still leaves.
 *
 * jsdom does not submit a form on Enter, so `pressEnter` does what Chromium does for a key typed
 * in a field: the keydown, then (unless a handler took it) the form's implicit submission — a
 * click on its default button (the first submit button whose form owner it is, `form="…"`
 * included), nothing when that button is disabled.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nProvider } from '../../src/renderer/src/i18n';
import type { LotView, StockAdjustmentView } from '../../src/shared/types-backoffice';
import { AdjustDialog } from '../../src/renderer/src/features/backoffice/products/adjust-dialog';
import { LabelSheetDialog, type LabelItem } from '../../src/renderer/src/features/backoffice/labels/label-sheet';
import { answer, callMock, fakeApi } from './fake-api';
import { deferred, product } from './fixtures';

vi.mock('../../src/renderer/src/api', async (importOriginal) => ({ ...(await importOriginal()), call: vi.fn() }));

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
// Braces: a function returned from beforeEach is run as its teardown.
beforeEach(() => {
  callMock.mockReset();
});

function pressEnter(el: HTMLElement): void {
  el.focus();
  const go = fireEvent.keyDown(el, { key: 'Enter', code: 'Enter' });
  if (!go || !(el instanceof HTMLInputElement) || !el.form) return;
  const byDefault = Array.from(el.form.elements).find((x): x is HTMLButtonElement => x instanceof HTMLButtonElement && x.type === 'submit');
  if (byDefault) {
    if (!byDefault.disabled) fireEvent.click(byDefault);
    return;
  }
  // No submit button: only a form with a single text field submits on Enter.
  if (Array.from(el.form.elements).filter((x) => x instanceof HTMLInputElement && x.type === 'text').length === 1) el.form.requestSubmit();
}

/** The message shown under a labelled field (its error or hint). */
function messageOf(field: HTMLElement): string | null {
  const id = field.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

const flush = () => act(async () => undefined);

describe('"Koreksi stok" (stock correction): Enter saves', () => {
  const lot: LotView = {
    id: 41,
    productId: 7,
    intakeId: 3,
    intakeNumber: 'TRM-20261101-0003',
    supplierId: 1,
    expiryDate: null,
    expired: false,
    terms: { type: 'fixed', supplierPrice: 40_000 },
    sellPrice: 45_000,
    termsDiffer: false,
    value: 400_000,
    createdAt: 0,
    receivedQty: 12,
    remainingQty: 10,
    soldQty: 2,
    restockedQty: 0,
    returnedQty: 0,
    adjustedQty: 0,
  };
  const saved = (delta: number, reason: string): StockAdjustmentView =>
    answer('stock.adjust', {
      id: 1,
      lotId: lot.id,
      productId: lot.productId,
      supplierId: 1,
      delta,
      reason,
      liability: 'shop',
      countId: null,
      ledgerEntryId: null,
      lossAmount: 0,
      remainingQty: lot.remainingQty + delta,
      createdBy: 1,
      createdAt: 0,
    });

  function open(lang: 'id' | 'en' = 'id') {
    const onDone = vi.fn();
    const onClose = vi.fn();
    render(
      <I18nProvider initial={lang}>
        <AdjustDialog lot={lot} productName="Kacang Mete 250 g" onDone={onDone} onClose={onClose} />
      </I18nProvider>,
    );
    const qty = screen.getByLabelText(lang === 'id' ? /^Jumlah/ : /^Qty/);
    const reason = screen.getByLabelText(lang === 'id' ? /^Alasan/ : /^Reason/);
    return { onDone, onClose, qty, reason };
  }

  it('Enter with no reason shows "Wajib diisi" under Alasan and sends nothing', async () => {
    const { qty, reason, onDone } = open();
    fireEvent.change(qty, { target: { value: '2' } });
    await act(async () => pressEnter(qty));
    expect(messageOf(reason)).toBe('Wajib diisi');
    expect(screen.getByRole('alert').textContent).toBe('Wajib diisi');
    expect(callMock).not.toHaveBeenCalled();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('in English too; a quantity of 0 is refused under Qty', async () => {
    const { qty, reason } = open('en');
    fireEvent.change(qty, { target: { value: '0' } });
    await act(async () => pressEnter(reason));
    expect(messageOf(qty)).toBe('Quantity must be a whole number, 1–100,000');
    expect(messageOf(reason)).toBe('Required');
    expect(callMock).not.toHaveBeenCalled();
  });

  it('"2,5" stays as typed and is refused as no whole number, never corrected to 25', async () => {
    const { qty, reason } = open();
    fireEvent.change(qty, { target: { value: '2,5' } });
    expect(qty).toHaveProperty('value', '2,5');
    fireEvent.change(reason, { target: { value: 'Rusak di rak' } });
    await act(async () => pressEnter(reason));
    expect(messageOf(qty)).toBe('Jumlah harus bilangan bulat 1–100.000');
    expect(callMock).not.toHaveBeenCalled();
  });

  it('Enter with a reason saves once, however often Enter or the button is pressed while it saves', async () => {
    const pending = deferred<StockAdjustmentView>();
    callMock.mockImplementation(fakeApi({ 'stock.adjust': () => pending.promise }));
    const { qty, reason, onDone } = open();
    fireEvent.change(qty, { target: { value: '2' } });
    fireEvent.change(reason, { target: { value: '  Rusak di rak  ' } });
    await act(async () => {
      pressEnter(reason);
      pressEnter(reason);
    });
    await act(async () => pressEnter(qty));
    const save = screen.getByRole('button', { name: 'Menyimpan…' });
    expect(save).toHaveProperty('disabled', true);
    fireEvent.click(save);
    expect(callMock).toHaveBeenCalledTimes(1);
    expect(callMock).toHaveBeenCalledWith('stock.adjust', { lotId: 41, delta: -2, reason: 'Rusak di rak', liability: 'shop' });
    expect(onDone).not.toHaveBeenCalled();
    await act(async () => pending.resolve(saved(-2, 'Rusak di rak')));
    await flush();
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(callMock).toHaveBeenCalledTimes(1);
  });

  it('a click on "Simpan koreksi" still saves, and Esc still closes', async () => {
    callMock.mockImplementation(fakeApi({ 'stock.adjust': (input) => saved(input.delta, input.reason) }));
    const { qty, reason, onDone, onClose } = open();
    fireEvent.click(screen.getByRole('button', { name: 'Lebih (ditemukan)' }));
    fireEvent.change(reason, { target: { value: 'Ditemukan di gudang' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Simpan koreksi' })));
    expect(callMock).toHaveBeenCalledTimes(1);
    expect(callMock).toHaveBeenCalledWith('stock.adjust', { lotId: 41, delta: 1, reason: 'Ditemukan di gudang', liability: 'shop' });
    expect(onDone).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(qty, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('"Cetak label": Enter in a "Jumlah label" field prints', () => {
  const mete = product({ id: 7, name: 'Kacang Mete 250 g', barcode: '8991234500010' });
  const abon = product({ id: 8, name: 'Abon Ikan', trackExpiry: true });

  function open(items: LabelItem[]) {
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    const onClose = vi.fn();
    render(
      <I18nProvider initial="id">
        <LabelSheetDialog items={items} onClose={onClose} />
      </I18nProvider>,
    );
    return { print, onClose };
  }
  /** The dialog prints a moment after the sheets are put on the page. */
  const afterPrintDelay = () => act(() => new Promise((resolve) => setTimeout(resolve, 120)));

  it('Enter prints the A4 sheet once, with the count typed, and nothing goes to the receipt printer', async () => {
    const { print } = open([{ product: mete, qty: 3 }]);
    const field = screen.getByLabelText('Jumlah label Kacang Mete 250 g');
    fireEvent.change(field, { target: { value: '5' } });
    await act(async () => {
      pressEnter(field);
      pressEnter(field);
    });
    await afterPrintDelay();
    expect(print).toHaveBeenCalledTimes(1);
    expect(document.querySelectorAll('.label-print-root .sticker')).toHaveLength(5);
    expect(callMock).not.toHaveBeenCalled();
  });

  it('Enter in the second row of a food product (one row per lot) prints both rows', async () => {
    const { print } = open([
      { product: abon, qty: 2, lotId: 1, expiryDate: '2027-01-31' },
      { product: abon, qty: 1, lotId: 2, expiryDate: '2027-03-31' },
    ]);
    const second = screen.getByLabelText('Jumlah label Abon Ikan exp 31/03/2027');
    await act(async () => pressEnter(second));
    await afterPrintDelay();
    expect(print).toHaveBeenCalledTimes(1);
    expect(document.querySelectorAll('.label-print-root .sticker')).toHaveLength(3);
  });

  it('no labels to print: Enter does nothing', async () => {
    const { print } = open([{ product: mete, qty: 3 }]);
    const field = screen.getByLabelText('Jumlah label Kacang Mete 250 g');
    fireEvent.change(field, { target: { value: '0' } });
    await act(async () => pressEnter(field));
    await afterPrintDelay();
    expect(print).not.toHaveBeenCalled();
    expect(document.querySelector('.label-print-root')).toBeNull();
  });

  it('"Printer struk" clicked twice while the first is on its way queues one print job', async () => {
    open([{ product: mete, qty: 2 }]);
    const sent = deferred<unknown>();
    callMock.mockImplementation(() => sent.promise);
    const button = screen.getByRole('button', { name: 'Printer struk (2 label)' });
    fireEvent.click(button);
    fireEvent.click(button);
    expect(callMock).toHaveBeenCalledTimes(1);
    expect(callMock).toHaveBeenCalledWith('labels.print', { items: [{ productId: 7, qty: 2 }] });
    await act(async () => sent.reject(new Error('printer gone')));
    // Failed: the button is back for a retry.
    fireEvent.click(button);
    expect(callMock).toHaveBeenCalledTimes(2);
  });

  it('the button prints once as before; Esc closes', async () => {
    const { print, onClose } = open([{ product: mete, qty: 2 }]);
    fireEvent.click(screen.getByRole('button', { name: 'Cetak lembar A4 (1 lembar)' }));
    await afterPrintDelay();
    expect(print).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByLabelText('Jumlah label Kacang Mete 250 g'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
