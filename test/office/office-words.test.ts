/**
 * The office UI's dictionaries (src/central/office-page.ts) follow the shop's
 * rules: the same keys and placeholders in both languages, no empty text,
 * English plurals as `{n|one|other}`, and none of the English words the shop
 * keeps off Indonesian screens.
 */
import { describe, expect, it } from 'vitest';
import { OFFICE_WORDS, officePage } from '../../src/central/office-page';

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)(?:\|[^}]*)?\}/g)].map((m) => m[1]))].sort();

describe('office dictionaries', () => {
  const { id, en } = OFFICE_WORDS;
  it('English has exactly the keys of Bahasa Indonesia, the same placeholders, no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      expect(id[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(id[key]));
    }
  });
  it('English counts are plurals; Indonesian screens carry no English the shop banned', () => {
    expect(en.outlets).toBe('{n|outlet|outlets}');
    const english = /\b(back office|refund\w*|posting|reset|scan|e-wallet|login|database|dashboard|report|sales|stock)\b/i;
    expect(Object.entries(id).filter(([, v]) => english.test(v))).toEqual([]);
  });
  it('the page embeds both dictionaries safely and opens in Bahasa Indonesia', () => {
    const html = officePage('/* css */');
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('Kantor PLUT — laporan provinsi');
    expect(html).not.toMatch(/<\/script>[^]*<\/script>[^]*<\/script>/); // exactly two scripts: words and code
  });
});
