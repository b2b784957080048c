import type { Page } from '@playwright/test';
import { id } from '../../src/renderer/src/i18n/id';
import { en } from '../../src/renderer/src/i18n/en';

/** Log in on the login screen as a person does: username, till code, the PIN on the pad, "Masuk" (or "Log in" in English). */
export async function loginWithPinPad(page: Page, who: { username: string; pin: string }, tillCode?: string, lang: 'id' | 'en' = 'id'): Promise<void> {
  const d = lang === 'en' ? en : id;
  await page.getByLabel(d['login.username']).fill(who.username);
  if (tillCode) await page.getByLabel(d['login.till']).fill(tillCode);
  for (const digit of who.pin) await page.getByRole('button', { name: `${d['login.digit']} ${digit}`, exact: true }).click();
  await page.getByRole('button', { name: d['login.submit'], exact: true }).click();
}
