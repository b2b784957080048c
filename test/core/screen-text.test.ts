/**
 * The rules of the one-language-per-screen test (test/support/screen-text.ts),
 * checked on their own: dictionary text, numbers, money, dates in the
 * screen's language, codes and names from data pass; a hard-coded string, a
 * word of the other language or a code of a fixed set shown as it is fails.
 */
import { describe, expect, it } from 'vitest';
import { id as idLocale } from 'date-fns/locale/id';
import { enUS } from 'date-fns/locale/en-US';
import { id } from '../../src/renderer/src/i18n/id';
import { en } from '../../src/renderer/src/i18n/en';
import { dataStrings, screenTextCheck } from '../support/screen-text';

const data = dataStrings({ products: [{ name: 'Kacang Mete Original 250 g', unit: 'toples', kind: 'receipt', supplierName: 'UD Mete Jaya Raha' }], message: 'Printer belum diatur.' });
const idCheck = screenTextCheck({ dictionary: id, locale: idLocale, data });
const enCheck = screenTextCheck({ dictionary: en, locale: enUS, data });

describe('screen text rules', () => {
  it('passes dictionary text, filled templates, numbers, money, dates, codes and names from data', () => {
    for (const text of [
      'Kedaluwarsa dalam 25 hari',
      'Mesin K1',
      'Rp 45.000',
      '7 Des 2026',
      'Senin, 7 Desember 2026',
      '29 Nov 2026 14:05',
      'K1-20261207-0001',
      'Kacang Mete Original 250 g',
      '27 toples',
      '· UD Mete Jaya Raha',
      '2 baris · 3 barang',
      'http://192.168.1.10:8080/',
      'http://[fd00::2]:41581/',
    ]) {
      expect(idCheck.ok(text), text).toBe(true);
    }
    expect(enCheck.ok('1 line · 1 item')).toBe(true);
    expect(enCheck.ok('December 2026')).toBe(true);
  });

  it('fails hard-coded text, the other language, server messages and codes of a fixed set', () => {
    for (const text of ['Back office', 'Refund', 'December 2026', 'Expires in 25 days', 'receipt', 'Printer belum diatur.', 'product #297', 'Kasir K1 siap']) {
      expect(idCheck.ok(text), text).toBe(false);
    }
    for (const text of ['Keranjang', 'Desember 2026', 'Kedaluwarsa dalam 25 hari']) expect(enCheck.ok(text), text).toBe(false);
  });
});
