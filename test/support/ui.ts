import type { Page } from '@playwright/test';

/** Log in on the login screen as a person does: username, till code, the PIN on the pad, "Masuk". */
export async function loginWithPinPad(page: Page, who: { username: string; pin: string }, tillCode?: string): Promise<void> {
  await page.getByLabel('Nama pengguna').fill(who.username);
  if (tillCode) await page.getByLabel('Kode kasir').fill(tillCode);
  for (const digit of who.pin) await page.getByRole('button', { name: `Angka ${digit}`, exact: true }).click();
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}
