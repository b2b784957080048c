import type { Page } from '@playwright/test';

/** Log in on the login screen as a person does: username, till code, the PIN on the pad, "Masuk". */
export async function loginWithPinPad(page: Page, who: { username: string; pin: string }, tillCode?: string): Promise<void> {
  await page.getByLabel('Nama pengguna').fill(who.username);
  if (tillCode) await page.getByLabel('Kode kasir').fill(tillCode);
  for (const digit of who.pin) await page.getByRole('button', { name: `Angka ${digit}`, exact: true }).click();
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

/**
 * Type `text` and Enter the way a USB barcode scanner does: each key stamped
 * `gapMs` after the one before. The browser stamps a real key with the time
 * it was pressed, however busy the page is; `keyboard.type` stamps each key
 * when the page has taken the one before, so on a loaded machine its "3 ms"
 * become 100 ms and a scanner could not be told from a person. The keys are
 * sent through the DevTools protocol with their time stamps, like hardware.
 */
export async function scanLikeAScanner(page: Page, text: string, gapMs = 3): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    let t = Date.now() / 1000;
    const send = async (key: string, code: string, vk: number, chars?: string) => {
      await cdp.send('Input.dispatchKeyEvent', { type: chars ? 'keyDown' : 'rawKeyDown', key, code, windowsVirtualKeyCode: vk, ...(chars ? { text: chars, unmodifiedText: chars } : {}), timestamp: t });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode: vk, timestamp: t + 0.001 });
      t += gapMs / 1000;
    };
    for (const ch of text) {
      if (/[0-9]/.test(ch)) await send(ch, `Digit${ch}`, ch.charCodeAt(0), ch);
      else if (/[a-z]/i.test(ch)) await send(ch, `Key${ch.toUpperCase()}`, ch.toUpperCase().charCodeAt(0), ch);
      else if (ch === '-') await send('-', 'Minus', 189, '-');
      else throw new Error(`scanLikeAScanner: no key for ${JSON.stringify(ch)}`);
    }
    await send('Enter', 'Enter', 13, '\r');
  } finally {
    await cdp.detach();
  }
}
