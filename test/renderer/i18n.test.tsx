import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen, cleanup } from '@testing-library/react';
import { id } from '../../src/renderer/src/i18n/id';
import { en } from '../../src/renderer/src/i18n/en';
import { I18nProvider, translate, useLang, useT } from '../../src/renderer/src/i18n';
import { describeError } from '../../src/renderer/src/i18n/errors';
import { ApiError } from '../../src/renderer/src/api';
import { ERROR_CODES } from '../../src/shared/errors';

// No vitest globals here, so Testing Library cannot clean up by itself.
afterEach(cleanup);

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('English has exactly the keys of Bahasa Indonesia', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
  });

  it('no empty text, and the same {placeholders} in both languages', () => {
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      expect(id[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(id[key]));
    }
  });

  it('every API error code has a translation', () => {
    for (const code of ERROR_CODES) {
      expect(id).toHaveProperty(`error.${code}`);
      expect(en).toHaveProperty(`error.${code}`);
    }
  });

  it('fills placeholders', () => {
    expect(translate('id', 'till.unknownCode', { code: '8991234' })).toBe('Barang dengan kode 8991234 tidak ditemukan');
    expect(translate('en', 'cart.counts', { lines: 3, items: 4 })).toBe('3 lines · 4 items');
  });
});

describe('errors', () => {
  it('title from the code in the user language, the server message as detail', () => {
    const err = new ApiError('INSUFFICIENT_STOCK', 'Stok "Kopi" tidak cukup: tersedia 2, diminta 3.', { productId: 1 });
    const t = (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate('en', k, p);
    expect(describeError(t, err)).toEqual({
      title: 'Not enough stock',
      detail: 'Stok "Kopi" tidak cukup: tersedia 2, diminta 3.',
      code: 'INSUFFICIENT_STOCK',
    });
    expect(describeError(t, new Error('boom')).code).toBe('INTERNAL');
  });
});

function Probe() {
  const t = useT();
  const { setLang } = useLang();
  return (
    <div>
      <span data-testid="text">{t('cart.pay')}</span>
      <button onClick={() => setLang('en')}>en</button>
    </div>
  );
}

describe('useT', () => {
  it('Bahasa Indonesia by default; the switch to English is remembered', () => {
    localStorage.clear();
    const { unmount } = render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByTestId('text').textContent).toBe('Bayar');
    act(() => screen.getByText('en').click());
    expect(screen.getByTestId('text').textContent).toBe('Pay');
    expect(localStorage.getItem('kasir.lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    unmount();
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByTestId('text').textContent).toBe('Pay');
    localStorage.clear();
  });
});
