/**
 * The desktop app's own pages (src/renderer/setup/setup-page.ts) in jsdom, driven through the
 * bridge the setup preload gives them (here a recording stand-in that answers like the main
 * process's SetupController, which test/desktop/till-of-host.test.ts checks for real).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { renderSetup, type SetupBridge } from '../../src/renderer/setup/setup-page';
import { SETUP_WORDS } from '../../src/renderer/setup/words';
import type { SetupView } from '../../src/shared/desktop';

let view: SetupView;
let calls: [string, unknown][];
let refuse: { code: string; message: string } | null;
const bridge: SetupBridge = {
  call: async (name, input) => {
    calls.push([name, input]);
    if (name === 'state') return { ok: true, result: view };
    if (name === 'language') {
      view = { ...view, lang: (input as { lang: 'id' | 'en' }).lang };
      return { ok: true, result: { lang: view.lang } };
    }
    if (refuse) return { ok: false, error: refuse };
    return { ok: true, result: { ok: true } };
  },
};
const flush = () => new Promise((r) => setTimeout(r, 0));
const root = () => document.getElementById('setup')!;
const click = async (el: Element | null) => {
  (el as HTMLButtonElement).click();
  await flush();
  await flush();
};
const input = (id: string, value: string) => {
  (document.getElementById(id) as HTMLInputElement).value = value;
};

beforeEach(() => {
  document.body.innerHTML = '<div id="setup"></div>';
  calls = [];
  refuse = null;
});

describe('setup pages', () => {
  it('the first-start choice, in Bahasa Indonesia, sends what was chosen and shows a refusal in words', async () => {
    view = { page: 'choose', current: null, hostUrl: null, printer: { kind: 'none', value: '' }, needsAdmin: false, canCancel: false, appVersion: '0.1.0', lang: 'id' };
    await renderSetup(root(), bridge);
    expect(document.documentElement.lang).toBe('id');
    expect(root().querySelector('h1')!.textContent).toBe('Peran komputer ini');
    expect(root().textContent).toContain('Komputer utama');
    expect(root().textContent).toContain('Kasir tambahan');
    expect(root().textContent).toContain('Kantor provinsi');
    expect(root().textContent).not.toContain(SETUP_WORDS.id.cancel);
    expect(document.getElementById('pin')).toBeNull();
    (document.getElementById('mode-till') as HTMLInputElement).checked = true;
    input('hostUrl', '192.168.1.10');
    refuse = { code: 'VALIDATION', message: 'Alamat "x" tidak sah.' };
    await click(root().querySelector('[data-testid=setup-save]'));
    expect(calls.at(-1)).toEqual(['choose', { mode: 'till', hostUrl: '192.168.1.10', printerKind: 'none', printer: '', pgUrl: '', username: '', pin: '' }]);
    const error = root().querySelector('[data-testid=setup-error]') as HTMLElement;
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe('Alamat "x" tidak sah.');
  });

  it('a till PC\'s own printer: shown as saved, sent as chosen', async () => {
    view = { page: 'choose', current: 'till', hostUrl: 'http://10.0.0.5:8080/', printer: { kind: 'usb', value: '04b8:0e15' }, needsAdmin: false, canCancel: true, appVersion: '0.1.0', lang: 'id' };
    await renderSetup(root(), bridge);
    const kind = document.getElementById('printerKind') as HTMLSelectElement;
    expect(kind.value).toBe('usb');
    expect((document.getElementById('printer') as HTMLInputElement).value).toBe('04b8:0e15');
    expect([...kind.options].map((o) => o.textContent)).toEqual([SETUP_WORDS.id.printerNone, SETUP_WORDS.id.printerNetwork, SETUP_WORDS.id.printerSerial, SETUP_WORDS.id.printerUsb]);
    kind.value = 'serial';
    input('printer', 'COM3');
    await click(root().querySelector('[data-testid=setup-save]'));
    expect(calls.at(-1)).toEqual(['choose', { mode: 'till', hostUrl: 'http://10.0.0.5:8080/', printerKind: 'serial', printer: 'COM3', pgUrl: '', username: '', pin: '' }]);
  });

  it('switches to English and back; the main computer asks for an admin', async () => {
    view = { page: 'choose', current: 'host', hostUrl: null, printer: { kind: 'none', value: '' }, needsAdmin: true, canCancel: true, appVersion: '0.1.0', lang: 'id' };
    await renderSetup(root(), bridge);
    expect(root().textContent).toContain(SETUP_WORDS.id.adminOnly);
    expect(document.getElementById('pin')!.getAttribute('type')).toBe('password');
    await click(root().querySelector('[data-testid=setup-language]'));
    expect(document.documentElement.lang).toBe('en');
    expect(root().querySelector('h1')!.textContent).toBe('What is this computer?');
    input('username', 'admin');
    input('pin', '123456');
    await click(root().querySelector('[data-testid=setup-save]'));
    expect(calls.at(-1)).toEqual(['choose', { mode: 'host', hostUrl: '', printerKind: 'none', printer: '', pgUrl: '', username: 'admin', pin: '123456' }]);
  });

  it('"Komputer utama tidak terhubung": try again, or a manager types the new address', async () => {
    view = { page: 'till-down', hostUrl: 'http://192.168.1.10:8080/', reason: 'ECONNREFUSED', appVersion: '0.1.0', lang: 'id' };
    await renderSetup(root(), bridge);
    expect(root().querySelector('h1')!.textContent).toBe('Komputer utama tidak terhubung');
    expect(root().textContent).toContain('http://192.168.1.10:8080/');
    expect((document.getElementById('newHostUrl') as HTMLInputElement).value).toBe('192.168.1.10:8080');
    await click(root().querySelector('[data-testid=setup-retry]'));
    expect(calls.at(-1)).toEqual(['retry', {}]);
    input('newHostUrl', '192.168.1.23:8080');
    await click(root().querySelector('[data-testid=setup-save-address]'));
    expect(calls.at(-1)).toEqual(['setHostUrl', { hostUrl: '192.168.1.23:8080' }]);
  });

  it('a version notice goes on; a refusal shows the host\'s words as text, never as markup', async () => {
    view = { page: 'till-notice', hostUrl: 'http://h:8080/', message: 'Versi aplikasi di komputer ini 0.1.0, komputer utama 0.2.0 — perbarui …', appVersion: '0.1.0', lang: 'id' };
    await renderSetup(root(), bridge);
    expect(root().textContent).toContain('komputer utama 0.2.0');
    await click(root().querySelector('[data-testid=setup-continue]'));
    expect(calls.at(-1)).toEqual(['continue', {}]);
    view = { page: 'till-refused', hostUrl: 'http://h:8080/', message: '<img src=x onerror=alert(1)>', appVersion: '0.1.0', lang: 'id' };
    await renderSetup(root(), bridge);
    expect(root().querySelector('img')).toBeNull();
    expect(root().textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('both languages have the same words', () => {
    expect(Object.keys(SETUP_WORDS.en).sort()).toEqual(Object.keys(SETUP_WORDS.id).sort());
    expect(Object.values(SETUP_WORDS.id).filter((v) => /kasir ini\b/i.test(v))).toEqual([]);
  });
});
