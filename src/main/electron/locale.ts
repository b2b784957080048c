/**
 * The desktop window's locale follows the UI language, never the OS's:
 * Chromium is started with `--lang` set from the language the user last
 * chose (Bahasa Indonesia until they choose English), so whatever the
 * browser engine formats by itself (number and date widgets, the print
 * dialog, `navigator.language`, Accept-Language) speaks that language.
 * The choice is kept in a small file in the app's data folder and read
 * back from the page (`<html lang>`, set by the renderer's I18nProvider)
 * when the window closes. No Electron import here, so it is tested in Node.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type UiLanguage = 'id' | 'en';

export const UI_LANGUAGE_FILE = 'ui-language';

/** The Chromium locale (`--lang`) for a UI language. */
export function chromiumLocale(lang: UiLanguage): string {
  return lang === 'en' ? 'en-US' : 'id';
}

/** `en` for anything that says English (`en`, `en-US`), else `id`. */
export function toUiLanguage(value: unknown): UiLanguage {
  return typeof value === 'string' && /^en\b/i.test(value.trim()) ? 'en' : 'id';
}

/** The language last chosen in this data folder; Bahasa Indonesia when none was. */
export function readUiLanguage(dataDir: string): UiLanguage {
  try {
    return toUiLanguage(readFileSync(join(dataDir, UI_LANGUAGE_FILE), 'utf8'));
  } catch {
    return 'id';
  }
}

export function writeUiLanguage(dataDir: string, value: unknown): void {
  try {
    writeFileSync(join(dataDir, UI_LANGUAGE_FILE), toUiLanguage(value));
  } catch {
    /* a read-only data folder keeps the previous language */
  }
}
