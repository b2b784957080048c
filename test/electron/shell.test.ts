/**
 * The Electron shell cannot be launched here (no Electron binary), so its
 * two security promises are checked on what is built and written: the
 * preload hands the renderer one function and nothing else, and the window
 * is created with the secure defaults.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Module from 'node:module';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('preload (out/preload/index.cjs, built by npm run build)', () => {
  it('exposes only window.pos.call, which invokes the one pos:call channel', async () => {
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
    expect(Object.keys(pos)).toEqual(['call']);
    await expect(pos.call('products.lookup', { code: '899' }, 'tok')).resolves.toEqual({ ok: true, result: 42 });
    expect(invoked).toEqual([['pos:call', 'products.lookup', { code: '899' }, 'tok']]);
  });
});

describe('main window (src/main/electron/main.ts)', () => {
  const source = readFileSync(resolve(ROOT, 'src/main/electron/main.ts'), 'utf8');
  it('keeps the renderer isolated and sandboxed', () => {
    expect(source).toMatch(/contextIsolation:\s*true/);
    expect(source).toMatch(/nodeIntegration:\s*false/);
    expect(source).toMatch(/sandbox:\s*true/);
    expect(source).toContain("'../preload/index.cjs'");
  });
  it('denies new windows, navigation, webviews and permission requests, and sets a CSP', () => {
    expect(source).toMatch(/setWindowOpenHandler\([^]*?action:\s*'deny'/);
    expect(source).toMatch(/will-navigate[^]*?preventDefault/);
    expect(source).toMatch(/will-attach-webview[^]*?preventDefault/);
    expect(source).toMatch(/setPermissionRequestHandler\([^]*?callback\(false\)/);
    expect(source).toContain('Content-Security-Policy');
  });
  it('migrates the database before any window exists', () => {
    expect(source.indexOf('openApp(')).toBeGreaterThan(-1);
    expect(source.indexOf('openApp(')).toBeLessThan(source.indexOf('createWindow();'));
  });
});
