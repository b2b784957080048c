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

/** The names of `{name}` placeholders (plural forms `{name|one|other}` name the same count). */
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)(?:\|[^}]*)?\}/g)].map((m) => m[1]))].sort();

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

  it('English gets plurals right', () => {
    expect(translate('en', 'cart.counts', { lines: 1, items: 1 })).toBe('1 line · 1 item');
    expect(translate('en', 'cart.counts', { lines: 1, items: 2 })).toBe('1 line · 2 items');
    expect(translate('en', 'till.expiresIn', { n: 1 })).toBe('Expires in 1 day');
    expect(translate('id', 'cart.counts', { lines: 1, items: 1 })).toBe('1 baris · 1 barang');
    // Every English text, with each count at 1: no "1 lines", "1 items", "1 days"...
    const VERBS = new Set(['is', 'has', 'was', 'goes', 'does']);
    const wrong = Object.entries(en)
      .map(([key, text]) => [key, translate('en', key as keyof typeof en, Object.fromEntries(placeholders(text).map((p) => [p, 1])))] as const)
      .filter(([, text]) => (text.match(/\b1 ([a-z]+s)\b/g) ?? []).some((m) => !VERBS.has(m.slice(2))));
    expect(wrong).toEqual([]);
  });
});

describe('one language, one word per thing (issue #13)', () => {
  it('no English the shop saw on Indonesian screens', () => {
    // The words a new manager found on Indonesian screens, and their kin.
    const english = /\b(back office|refund\w*|posting|reset|scan|e-wallet|baud rate|vendor id|product id|login|database)\b/i;
    expect(Object.entries(id).filter(([, v]) => english.test(v))).toEqual([]);
    expect(id['nav.backOffice']).toBe('Administrasi');
  });

  it('the manager is "Manajer" everywhere; the till is a machine ("Mesin K3"), never "Kasir K3"', () => {
    expect(id['role.manager']).toBe('Manajer');
    expect(Object.entries(id).filter(([, v]) => /pengelola/i.test(v))).toEqual([]);
    expect(translate('id', 'topbar.till', { code: 'K3' })).toBe('Mesin K3');
    // "kasir" next to a till code or "this till" names a person: not allowed.
    expect(Object.entries(id).filter(([, v]) => /kasir \{code\}|kasir ini\b/i.test(v))).toEqual([]);
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
