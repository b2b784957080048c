/**
 * "One language per screen": every piece of text a person can see must be a
 * value of that language's dictionary. This module holds the rules, apart
 * from any browser, so they can be tested on their own:
 *
 * - a text passes when it matches a dictionary value of the screen's
 *   language, its `{placeholders}` standing for text that itself passes;
 * - numbers, money (`Rp 45.000`), percentages, times and dates written with
 *   that language's month and day names pass;
 * - codes pass (upper-case letters, digits and `-./_`, with a digit or at
 *   most five letters: `K1`, `IN-20261201-003`, `WITA`), and so do web
 *   addresses (`http://192.168.1.10:8080/`), which are not words;
 * - names from data pass: strings the page received from the API (any field
 *   but error and status messages), e.g. a supplier's or a product's name;
 * - a text made of such parts joined by ` · `, ` — `, `, `, `: ` or
 *   brackets passes when every part does.
 *
 * Nothing is excepted by listing it here.
 */
import type { Locale } from 'date-fns';

export interface ScreenTextRules {
  /** The dictionary of the screen's language (key → text). */
  dictionary: Record<string, string>;
  /** Month and day names of the screen's language. */
  locale: Locale;
  /** Strings that came from data (API responses). */
  data: Iterable<string>;
}

export interface TextCheck {
  ok(text: string): boolean;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * API fields that are not names from data: the server speaking (messages) and
 * codes of a fixed set (`kind: 'receipt'`, `role: 'manager'`, `status`...),
 * which a screen must put in words, never show as they are.
 */
export const NOT_DATA_FIELDS = new Set([
  'message',
  'error',
  'lastError',
  'details',
  'code',
  'title',
  'kind',
  'role',
  'status',
  'state',
  'method',
  'type',
  'termsType',
  'liability',
  'cashRounding',
  'paymentMethods',
]);

/** Every string leaf of a JSON value, except under NOT_DATA_FIELDS. */
export function dataStrings(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    const s = value.trim();
    if (s) out.add(s);
    // A multi-line note shows line by line.
    for (const line of s.split(/\r?\n/)) if (line.trim()) out.add(line.trim());
  } else if (Array.isArray(value)) {
    for (const v of value) dataStrings(v, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!NOT_DATA_FIELDS.has(k)) dataStrings(v, out);
  }
  return out;
}

function dateWords(locale: Locale): string[] {
  const words = new Set<string>();
  const localize = locale.localize;
  for (let i = 0; i < 12; i++) {
    for (const width of ['wide', 'abbreviated'] as const) {
      words.add(localize.month(i as never, { width }));
      words.add(localize.month(i as never, { width, context: 'standalone' }));
    }
  }
  for (let i = 0; i < 7; i++) {
    for (const width of ['wide', 'abbreviated', 'short'] as const) words.add(localize.day(i as never, { width }));
  }
  return [...words].filter(Boolean).map((w) => w.replace(/\.$/, ''));
}

export function screenTextCheck(rules: ScreenTextRules): TextCheck {
  const data = new Set<string>();
  for (const s of rules.data) data.add(s.trim());
  const values = new Set(Object.values(rules.dictionary).map((v) => v.trim()));
  // Templates: each `{name}` (and plural forms `{n|one|other}`) stands for a part that must pass.
  const templates: RegExp[] = [];
  for (const value of values) {
    if (!/\{\w+(\|[^}]*)?\}/.test(value)) continue;
    // A template of placeholders only (`{n} {unit}`) matches only when every part passes on its own.
    const pattern = value
      .trim()
      .split(/(\{\w+(?:\|[^}]*)?\})/)
      .map((part) => {
        const plural = /^\{\w+\|([^}]*)\}$/.exec(part);
        if (plural) return `(?:${plural[1]!.split('|').map(escape).join('|')})`;
        return /^\{\w+\}$/.test(part) ? '(.+?)' : escape(part);
      })
      .join('');
    // Both the shortest and the longest first parts: `{entity} {id}` reads "Retur penjualan 1" either way.
    templates.push(new RegExp(`^${pattern}$`, 's'), new RegExp(`^${pattern.replace(/\(\.\+\?\)/g, '(.+)')}$`, 's'));
  }
  const words = dateWords(rules.locale).sort((a, b) => b.length - a.length);
  const dateWordRe = new RegExp(`(?<![\\p{L}])(${words.map(escape).join('|')})\\.?(?![\\p{L}])`, 'gu');

  const letterless = (s: string): boolean => !/\p{L}/u.test(s);
  const isNumberish = (s: string): boolean => {
    const rest = s
      .replace(/\bRp\b/g, '')
      .replace(dateWordRe, '')
      .replace(/\b(WIB|WITA|WIT|UTC)\b/g, '');
    return letterless(rest);
  };
  const isCode = (s: string): boolean =>
    (/^#?[A-Z0-9][A-Z0-9./_:#-]*$/.test(s) && (/\d/.test(s) || s.length <= 5)) || /^https?:\/\/\S+$/.test(s);

  const memo = new Map<string, boolean>();
  const ok = (raw: string, depth = 0): boolean => {
    const whole = raw.replace(/\s+/g, ' ').trim();
    if (values.has(whole) || data.has(whole)) return true;
    // Separators and arrows around a part (` · `, `← `, ` →`, a trailing `:`) are punctuation, not words.
    const text = whole.replace(/^[·•—–|←→↑↓✓✗×+−,:-]+\s*/u, '').replace(/\s*[·•—–|←→,:]+$/u, '');
    if (text === '' || letterless(text)) return true;
    const known = memo.get(text);
    if (known !== undefined) return known;
    memo.set(text, false); // no cycles
    let result =
      values.has(text) ||
      data.has(text) ||
      isNumberish(text) ||
      isCode(text) ||
      (depth < 4 && templates.some((re) => {
        const m = re.exec(text);
        return m !== null && m.slice(1).every((part) => ok(part, depth + 1));
      }));
    if (!result && depth < 4) {
      // Parts joined by separators, or wrapped in brackets.
      const parts = text
        .split(/\s+[·—–|/]\s+|,\s+|:\s+|\s*[()[\]]\s*|\s+[x×]\s+|^[←→↑↓✓✗×+−·•-]\s*|\s*[…:]$/u)
        .map((p) => p?.trim())
        .filter((p): p is string => !!p);
      if (parts.length > 1 || (parts.length === 1 && parts[0] !== text)) result = parts.every((p) => ok(p, depth + 1));
    }
    memo.set(text, result);
    return result;
  };
  return { ok: (text) => ok(text) };
}

/** A piece of visible text on a page and where it was found. */
export interface SeenText {
  text: string;
  where: string;
}

/**
 * Runs in the page (Playwright `page.evaluate`, as a string: this module is
 * type-checked without the DOM): visible text nodes, placeholders and the
 * options of visible selects, each with a short path to where it was found.
 */
export const COLLECT_VISIBLE_TEXT = `(() => {
  const out = [];
  const describe = (el) => {
    const parts = [];
    for (let e = el; e && parts.length < 3; e = e.parentElement) {
      const id = e.getAttribute('data-testid') || e.id;
      parts.push(e.tagName.toLowerCase() + (id ? '#' + id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : ''));
    }
    return parts.join(' < ');
  };
  const visible = (el) => (el.checkVisibility ? el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) : true);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue || '';
    if (!text.trim()) continue;
    const el = node.parentElement;
    if (!el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION'].includes(el.tagName)) continue;
    if (!visible(el)) continue;
    // Key caps name keys as printed on the keyboard; <code> shows recorded codes verbatim.
    if (el.closest('kbd, code')) continue;
    // Printed documents shown on screen (slips for suppliers) are in Bahasa Indonesia by design.
    if (el.closest('[data-document]')) continue;
    out.push({ text, where: describe(el) });
  }
  for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    if (visible(el)) out.push({ text: el.getAttribute('placeholder') || '', where: describe(el) + '[placeholder]' });
  }
  for (const select of document.querySelectorAll('select')) {
    if (!visible(select)) continue;
    for (const option of select.querySelectorAll('option')) out.push({ text: option.textContent || '', where: describe(select) + ' option' });
  }
  return out;
})()`;
