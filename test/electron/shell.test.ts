/**
 * The Electron shell cannot be launched here (no Electron binary). The built
 * preload is loaded with a fake `electron` and must hand the renderer one
 * function and nothing else. The main process is tested the same way, on
 * its built module, in main.test.ts.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import Module from 'node:module';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('preload (out/preload/index.cjs, built by npm run build)', () => {
  it('exposes only window.pos.call (the pos:call channel) and window.pos.chooseRole (desktop:chooseRole, no arguments)', async () => {
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, result: 42 });
        },
        send: () => {
          throw new Error('preload must not use send');
        },
      },
    };
    const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const original = mod._load;
    mod._load = (request: string, ...rest: unknown[]) => (request === 'electron' ? fakeElectron : original(request, ...rest));
    try {
      const require = createRequire(import.meta.url);
      const path = resolve(ROOT, 'out/preload/index.cjs');
      delete require.cache[path];
      require(path);
    } finally {
      mod._load = original;
    }
    expect(Object.keys(exposed)).toEqual(['pos']);
    const pos = exposed.pos as Record<string, (...args: unknown[]) => Promise<unknown>>;
    expect(Object.keys(pos)).toEqual(['call', 'chooseRole']);
    await expect(pos.call('products.lookup', { code: '899' }, 'tok')).resolves.toEqual({ ok: true, result: 42 });
    await pos.chooseRole('ignored', 'arguments');
    expect(invoked).toEqual([['pos:call', 'products.lookup', { code: '899' }, 'tok'], ['desktop:chooseRole']]);
  });
});

describe('setup preload (out/preload/setup.cjs)', () => {
  it('exposes only window.kasirSetup.call, which invokes the one setup:call channel', async () => {
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke: (...args: unknown[]) => (invoked.push(args), Promise.resolve({ ok: true, result: 1 })) },
    };
    const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const original = mod._load;
    mod._load = (request: string, ...rest: unknown[]) => (request === 'electron' ? fakeElectron : original(request, ...rest));
    try {
      const require = createRequire(import.meta.url);
      const path = resolve(ROOT, 'out/preload/setup.cjs');
      delete require.cache[path];
      require(path);
    } finally {
      mod._load = original;
    }
    expect(Object.keys(exposed)).toEqual(['kasirSetup']);
    const setup = exposed.kasirSetup as Record<string, (...args: unknown[]) => Promise<unknown>>;
    expect(Object.keys(setup)).toEqual(['call']);
    await expect(setup.call('state')).resolves.toEqual({ ok: true, result: 1 });
    await setup.call('choose', { mode: 'host' });
    expect(invoked).toEqual([
      ['setup:call', 'state', {}],
      ['setup:call', 'choose', { mode: 'host' }],
    ]);
  });
});

describe('UI language → Chromium locale (src/main/electron/locale.ts)', () => {
  it('is Bahasa Indonesia until English is chosen, whatever the OS says', async () => {
    const { chromiumLocale, readUiLanguage, toUiLanguage, writeUiLanguage } = await import('../../src/main/electron/locale');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(resolve(tmpdir(), 'kasir-lang-'));
    expect(readUiLanguage(dir)).toBe('id');
    expect(chromiumLocale(readUiLanguage(dir))).toBe('id');
    writeUiLanguage(dir, 'en');
    expect(readUiLanguage(dir)).toBe('en');
    expect(chromiumLocale('en')).toBe('en-US');
    writeUiLanguage(dir, 'id');
    expect(readUiLanguage(dir)).toBe('id');
    expect(toUiLanguage('en-GB')).toBe('en');
    expect(toUiLanguage('<script>')).toBe('id');
    expect(toUiLanguage(undefined)).toBe('id');
  });
});
