/**
 * The Electron main process, as built (out/main/index.js, from `npm run build`), run in Node with the
 * `electron` module replaced by a recording fake. No Electron binary exists here, so this is the
 * closest to the real shell we can get: the built module is imported, the app becomes "ready", and
 * the test asserts what the shell actually registered (window options, IPC handler, CSP header,
 * guards, start-up error dialog), then calls those registrations the way Electron would.
 * The database behind it is a real SQLite file migrated by the real openApp.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY, createHttpServer } from '../../src/main/api/http';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { createCentralDb, type CentralDb } from '../support/central';
import { API_CONTRACT_VERSION, APP_VERSION } from '../../src/shared/version';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILT_MAIN = resolve(ROOT, 'out/main/index.js');

type Listener = (...args: unknown[]) => unknown;

/** What the fake `electron` module records; reset before each start. */
const rec = vi.hoisted(() => {
  const state = {
    userData: '',
    order: [] as string[],
    switches: [] as Array<[string, string]>,
    appListeners: new Map<string, Listener[]>(),
    windows: [] as FakeWindow[],
    ipc: new Map<string, Listener>(),
    errorBoxes: [] as Array<[string, string]>,
    exits: [] as number[],
    quits: 0,
    opened: [] as string[],
    permissionHandler: null as Listener | null,
    headersHandler: null as Listener | null,
    requestHeadersHandler: null as Listener | null,
    menu: null as Array<{ label: string; submenu: Array<{ label?: string; click?: () => void }> }> | null,
    relaunches: 0,
    ready: null as Promise<void> | null,
  };
  interface FakeWindow {
    options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
    listeners: Map<string, Listener[]>;
    contentsListeners: Map<string, Listener[]>;
    windowOpenHandler: Listener | null;
    loaded: string[];
    closed: number;
    pageLang: string;
  }
  const on = (map: Map<string, Listener[]>, event: string, fn: Listener) => map.set(event, [...(map.get(event) ?? []), fn]);
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    readonly rec: FakeWindow;
    readonly webContents: Record<string, unknown>;
    constructor(options: FakeWindow['options']) {
      state.order.push('window');
      this.rec = { options, listeners: new Map(), contentsListeners: new Map(), windowOpenHandler: null, loaded: [], closed: 0, pageLang: 'id' };
      state.windows.push(this.rec);
      const r = this.rec;
      this.webContents = {
        setWindowOpenHandler: (fn: Listener) => (r.windowOpenHandler = fn),
        on: (event: string, fn: Listener) => on(r.contentsListeners, event, fn),
        executeJavaScript: async (code: string) => (code === 'document.documentElement.lang' ? r.pageLang : undefined),
      };
    }
    once(event: string, fn: Listener) {
      on(this.rec.listeners, event, fn);
    }
    on(event: string, fn: Listener) {
      on(this.rec.listeners, event, fn);
    }
    show() {}
    close() {
      this.rec.closed += 1;
    }
    loadURL(url: string) {
      this.rec.loaded.push(url);
      return Promise.resolve();
    }
    loadFile(path: string) {
      this.rec.loaded.push(path);
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      commandLine: { appendSwitch: (name: string, value: string) => state.switches.push([name, value]) },
      getPath: (name: string) => {
        if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
        return state.userData;
      },
      getAppPath: () => state.userData,
      whenReady: () => {
        state.order.push('whenReady');
        return state.ready!;
      },
      on: (event: string, fn: Listener) => on(state.appListeners, event, fn),
      exit: (code: number) => state.exits.push(code),
      quit: () => (state.quits += 1),
      relaunch: () => (state.relaunches += 1),
    },
    BrowserWindow,
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: typeof state.menu) => (state.menu = menu),
    },
    dialog: { showErrorBox: (title: string, message: string) => state.errorBoxes.push([title, message]) },
    ipcMain: {
      handle: (channel: string, fn: Listener) => {
        if (state.ipc.has(channel)) throw new Error(`second handler for ${channel}`);
        state.ipc.set(channel, fn);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => (state.permissionHandler = fn),
        webRequest: {
          onHeadersReceived: (fn: Listener) => (state.headersHandler = fn),
          onBeforeSendHeaders: (fn: Listener) => (state.requestHeadersHandler = fn),
        },
      },
    },
    shell: { openExternal: async (url: string) => void state.opened.push(url) },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...rec.electron, default: rec.electron }));

const dirs: string[] = [];
let started: { exit: () => Promise<void> } | null = null;

/** Import the built main module afresh with a new data folder, make the app ready, wait for its start. */
async function startShell(prepare?: (userData: string) => void, desktop: object | null = { mode: 'host' }): Promise<void> {
  const userData = mkdtempSync(join(tmpdir(), 'kasir-electron-'));
  dirs.push(userData);
  // What this PC is (src/main/desktop/config.ts): the main computer unless a test says otherwise.
  if (desktop) writeFileSync(join(userData, 'desktop.json'), JSON.stringify(desktop));
  prepare?.(userData);
  const s = rec.state;
  Object.assign(s, {
    userData,
    order: [],
    switches: [],
    appListeners: new Map(),
    windows: [],
    ipc: new Map(),
    errorBoxes: [],
    exits: [],
    quits: 0,
    opened: [],
    permissionHandler: null,
    headersHandler: null,
    requestHeadersHandler: null,
    menu: null,
    relaunches: 0,
  });
  let becomeReady!: () => void;
  s.ready = new Promise<void>((r) => (becomeReady = r));
  vi.resetModules();
  await import(/* @vite-ignore */ `${pathToFileURL(BUILT_MAIN).href}?start=${dirs.length}`);
  s.order.push('imported');
  becomeReady();
  // The whenReady().then(...) start-up runs synchronously once the promise settles.
  await s.ready;
  await new Promise((r) => setImmediate(r));
  started = {
    exit: async () => {
      for (const fn of s.appListeners.get('window-all-closed') ?? []) fn();
      await vi.waitFor(() => expect(s.quits).toBe(1));
    },
  };
}

const emit = (map: Map<string, Listener[]>, event: string, ...args: unknown[]) => {
  const fns = map.get(event) ?? [];
  expect(fns.length, `a listener for ${event}`).toBeGreaterThan(0);
  for (const fn of fns) fn(...args);
};

const preventable = () => {
  const e = { prevented: 0, preventDefault: () => (e.prevented += 1) };
  return e;
};

beforeEach(() => {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run npm run build first`);
});

afterEach(async () => {
  await started?.exit();
  started = null;
  delete process.env.KASIR_DB;
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('Electron main process (built out/main/index.js with electron faked)', () => {
  it('starts Chromium in the UI language chosen last, before the app is ready', async () => {
    await startShell((dir) => writeFileSync(join(dir, 'ui-language'), 'en'));
    expect(rec.state.switches).toEqual([['lang', 'en-US']]);
    await started!.exit();
    started = null;
    await startShell();
    expect(rec.state.switches).toEqual([['lang', 'id']]);
  });

  it('opens one sandboxed, isolated window without Node, with the built preload', async () => {
    await startShell();
    expect(rec.state.windows).toHaveLength(1);
    const win = rec.state.windows[0]!;
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false });
    expect(prefs.nodeIntegrationInWorker ?? false).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames ?? false).toBe(false);
    expect(prefs.preload).toBe(resolve(ROOT, 'out/preload/index.cjs'));
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(win.loaded).toEqual([resolve(ROOT, 'out/renderer/index.html')]);
  });

  it('migrates the database and registers the API channel (and the role chooser), which reaches the real procedures', async () => {
    await startShell();
    const dbPath = join(rec.state.userData, 'kasir.db');
    expect(existsSync(dbPath)).toBe(true);
    expect([...rec.state.ipc.keys()]).toEqual(['pos:call', 'desktop:chooseRole']);
    const call = rec.state.ipc.get('pos:call')!;
    await expect(call({}, 'setup.status', {}, null)).resolves.toEqual({ ok: true, result: { initialized: false } });
    const refused = (await call({}, 'users.list', {}, 'not-a-token')) as { ok: boolean; error: { code: string } };
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    // The window came after the migration and the IPC handler.
    const migrated = new Database(dbPath, { readonly: true });
    try {
      expect((migrated.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBeGreaterThan(0);
    } finally {
      migrated.close();
    }
    expect(rec.state.order).toEqual(['whenReady', 'imported', 'window']);
  });

  it('puts the Content-Security-Policy on every response and refuses every permission', async () => {
    await startShell();
    const handler = rec.state.headersHandler!;
    expect(handler).toBeTypeOf('function');
    const answers: unknown[] = [];
    handler({ url: 'file:///index.html', responseHeaders: { 'X-Other': ['kept'] } }, (r: unknown) => answers.push(r));
    expect(answers).toEqual([{ responseHeaders: { 'X-Other': ['kept'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }]);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');

    const permissions: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      rec.state.permissionHandler!({}, p, (granted: boolean) => permissions.push(granted));
    }
    expect(permissions).toEqual([false, false, false, false]);
  });

  it('denies new windows (https links go to the system browser), navigation and webviews', async () => {
    await startShell();
    const win = rec.state.windows[0]!;
    for (const url of ['https://plut.example/help', 'http://plut.example/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(win.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    await vi.waitFor(() => expect(rec.state.opened).toEqual(['https://plut.example/help']));

    const navigation = preventable();
    emit(win.contentsListeners, 'will-navigate', navigation, 'https://elsewhere.example/');
    expect(navigation.prevented).toBe(1);

    const contentsListeners = new Map<string, Listener[]>();
    emit(rec.state.appListeners, 'web-contents-created', {}, { on: (e: string, fn: Listener) => contentsListeners.set(e, [fn]) });
    const webview = preventable();
    emit(contentsListeners, 'will-attach-webview', webview, {}, {});
    expect(webview.prevented).toBe(1);
  });

  it('keeps the language the window closed with, for the next start', async () => {
    await startShell();
    const win = rec.state.windows[0]!;
    win.pageLang = 'en';
    const first = preventable();
    emit(win.listeners, 'close', first);
    expect(first.prevented).toBe(1);
    await vi.waitFor(() => expect(win.closed).toBe(1));
    expect(readFileSync(join(rec.state.userData, 'ui-language'), 'utf8').trim()).toBe('en');
    const second = preventable();
    emit(win.listeners, 'close', second);
    expect(second.prevented).toBe(0);
  });

  it('shows an error dialog and exits, with no window and no IPC, when the migrations fail', async () => {
    const badDb = join(mkdtempSync(join(tmpdir(), 'kasir-electron-bad-')), 'kasir.db');
    dirs.push(resolve(badDb, '..'));
    // A database the migrations cannot bring up to date: a table of the first migration already
    // exists with other columns, and no migration is recorded.
    const raw = new Database(badDb);
    raw.exec('CREATE TABLE audit_log (unrelated TEXT)');
    raw.close();
    process.env.KASIR_DB = badDb;
    await startShell();
    started = null; // nothing was opened, nothing to close
    expect(rec.state.errorBoxes).toHaveLength(1);
    const [title, message] = rec.state.errorBoxes[0]!;
    expect(title).toBe('Kasir PLUT tidak dapat dimulai');
    expect(message).toContain(`Database ${badDb} tidak dapat dibuka atau diperbarui.`);
    expect(message).toMatch(/audit_log/);
    expect(rec.state.exits).toEqual([1]);
    expect(rec.state.windows).toEqual([]);
    expect(rec.state.ipc.size).toBe(0);
    expect(rec.state.headersHandler).toBeNull();
  });
});

/** A real host (the app on a real SQLite file) serving the LAN with pairing on. */
async function startHost(): Promise<{ t: TestApi; s: Seeded; url: string; close(): Promise<void> }> {
  const t = await startTestApi();
  const s = await seedShop(t);
  const lan: Server = createHttpServer(t.app, { pairing: true, loopbackIsHost: false });
  await new Promise<void>((r) => lan.listen(0, '127.0.0.1', r));
  return {
    t,
    s,
    url: `http://127.0.0.1:${(lan.address() as AddressInfo).port}/`,
    close: async () => {
      lan.closeAllConnections();
      await new Promise<void>((r) => lan.close(() => r()));
      await t.close();
    },
  };
}

const SETUP_FRAME = { senderFrame: { url: pathToFileURL(resolve(ROOT, 'out/renderer/setup.html')).href } };
const setupCall = (name: string, input: unknown = {}) => Promise.resolve(rec.state.ipc.get('setup:call')!(SETUP_FRAME, name, input)) as Promise<any>;
const lastWindow = () => rec.state.windows.at(-1)!;
const desktopJson = () => JSON.parse(readFileSync(join(rec.state.userData, 'desktop.json'), 'utf8'));

describe('what this PC is (first start, till of a host, office)', () => {
  it('first start: only the chooser (setup preload, no shop database); choosing saves desktop.json and restarts', async () => {
    await startShell(undefined, null);
    expect(rec.state.windows).toHaveLength(1);
    const win = rec.state.windows[0]!;
    expect(win.options.webPreferences.preload).toBe(resolve(ROOT, 'out/preload/setup.cjs'));
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win.loaded).toEqual([resolve(ROOT, 'out/renderer/setup.html')]);
    expect(existsSync(resolve(ROOT, 'out/renderer/setup.html'))).toBe(true);
    expect([...rec.state.ipc.keys()]).toEqual(['setup:call']);
    expect(existsSync(join(rec.state.userData, 'kasir.db'))).toBe(false);
    expect(rec.state.headersHandler).toBeTypeOf('function');
    expect(await setupCall('state')).toEqual({ ok: true, result: { page: 'choose', current: null, hostUrl: null, printer: { kind: 'none', value: '' }, needsAdmin: false, canCancel: false, appVersion: APP_VERSION, lang: 'id' } });
    // A page from the network (or any other page) cannot ask.
    for (const url of ['http://192.168.1.10:8080/', 'file:///tmp/evil.html', 'http://evil.example/setup.html']) {
      expect(await rec.state.ipc.get('setup:call')!({ senderFrame: { url } }, 'choose', { mode: 'host' }), url).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(existsSync(join(rec.state.userData, 'desktop.json'))).toBe(false);
    expect(await setupCall('choose', { mode: 'till', hostUrl: 'not a host' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(existsSync(join(rec.state.userData, 'desktop.json'))).toBe(false);
    expect(await setupCall('choose', { mode: 'till', hostUrl: '192.168.1.10' })).toEqual({ ok: true, result: { ok: true } });
    expect(desktopJson()).toEqual({ mode: 'till', hostUrl: 'http://192.168.1.10:8080/', credential: null, printer: null });
    await vi.waitFor(() => expect(rec.state.relaunches).toBe(1));
    await vi.waitFor(() => expect(rec.state.exits).toEqual([0]));
    expect(existsSync(join(rec.state.userData, 'kasir.db'))).toBe(false);
  });

  it('a till of a host: the host\'s UI without any preload, paired with a kept credential, no shop database', async () => {
    const host = await startHost();
    try {
      // A local printer is configured but the print agent cannot start (placeholder): the till still works.
      await startShell(undefined, { mode: 'till', hostUrl: host.url, credential: null, printer: { type: 'network', host: '127.0.0.1', port: 9 } });
      await vi.waitFor(() => expect(lastWindow().loaded).toEqual([host.url]));
      const win = lastWindow();
      expect(win.options.webPreferences.preload).toBeUndefined();
      expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
      expect(rec.state.ipc.has('pos:call')).toBe(false);
      expect(existsSync(join(rec.state.userData, 'kasir.db'))).toBe(false);
      const credential = desktopJson().credential as string;
      expect(credential).toMatch(/^[\w-]{40,}$/);
      expect(rec.state.menu![0]!.submenu.map((i) => i.label)).toContain('Hubungkan lagi');

      // Every request of the window to the host carries the credential and this app's versions; others nothing.
      const sent: any[] = [];
      rec.state.requestHeadersHandler!({ url: `${host.url}api/pairing.status`, requestHeaders: { Accept: '*/*' } }, (r: any) => sent.push(r));
      rec.state.requestHeadersHandler!({ url: 'https://elsewhere.example/x', requestHeaders: { Accept: '*/*' } }, (r: any) => sent.push(r));
      expect(sent).toEqual([
        { requestHeaders: { Accept: '*/*', 'X-Kasir-Contract': String(API_CONTRACT_VERSION), 'X-Kasir-App-Version': APP_VERSION, 'X-Kasir-Device': credential } },
        { requestHeaders: { Accept: '*/*' } },
      ]);
      // With those headers the host's pairing screen shows this PC's code.
      const status = await fetch(`${host.url}api/pairing.status`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...sent[0].requestHeaders }, body: '{}' });
      expect(await status.json()).toMatchObject({ status: 'pending', deviceName: expect.stringMatching(/^Kasir /) });

      // The host goes away and the page reloads: the plain page, the credential kept.
      emit(win.contentsListeners, 'did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', host.url, true);
      await vi.waitFor(() => expect(lastWindow().loaded).toEqual([resolve(ROOT, 'out/renderer/setup.html')]));
      expect(lastWindow().options.webPreferences.preload).toBe(resolve(ROOT, 'out/preload/setup.cjs'));
      expect(await setupCall('state')).toMatchObject({ ok: true, result: { page: 'till-down', hostUrl: host.url } });
      expect(desktopJson().credential).toBe(credential);
    } finally {
      await host.close();
    }
  });

  it('the host off at start: the page says so, and the till connects by itself once the host answers', async () => {
    // A port nobody listens on yet; the host comes up there after the till has started.
    const probe = createNetServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const hostUrl = `http://127.0.0.1:${port}/`;
    await startShell(undefined, { mode: 'till', hostUrl, credential: 'kept-credential', printer: null });
    await vi.waitFor(() => expect(lastWindow().loaded).toEqual([resolve(ROOT, 'out/renderer/setup.html')]));
    expect(await setupCall('state')).toMatchObject({ ok: true, result: { page: 'till-down', hostUrl } });
    const t = await startTestApi();
    const lan = createHttpServer(t.app, { pairing: true, loopbackIsHost: false });
    await new Promise<void>((r) => lan.listen(port, '127.0.0.1', r));
    try {
      await vi.waitFor(() => expect(lastWindow().loaded).toEqual([hostUrl]), { timeout: 15_000, interval: 200 });
      expect(desktopJson().credential).toBe('kept-credential');
    } finally {
      lan.closeAllConnections();
      await new Promise<void>((r) => lan.close(() => r()));
      await t.close();
    }
  });

  it('the host off at start: "Komputer utama tidak terhubung", then a new address connects with the same credential', async () => {
    const host = await startHost();
    try {
      await startShell(undefined, { mode: 'till', hostUrl: 'http://127.0.0.1:9/', credential: 'kept-credential', printer: null });
      await vi.waitFor(() => expect(lastWindow().loaded).toEqual([resolve(ROOT, 'out/renderer/setup.html')]));
      expect(await setupCall('state')).toMatchObject({ ok: true, result: { page: 'till-down', hostUrl: 'http://127.0.0.1:9/' } });
      await setupCall('retry');
      await vi.waitFor(() => expect(rec.state.windows).toHaveLength(2));
      expect(lastWindow().loaded).toEqual([resolve(ROOT, 'out/renderer/setup.html')]);
      expect(await setupCall('setHostUrl', { hostUrl: host.url })).toEqual({ ok: true, result: { ok: true } });
      await vi.waitFor(() => expect(lastWindow().loaded).toEqual([host.url]));
      expect(desktopJson()).toEqual({ mode: 'till', hostUrl: host.url, credential: 'kept-credential', printer: null });
    } finally {
      await host.close();
    }
  });

  describe('office mode', () => {
    let central: CentralDb;
    beforeAll(async () => {
      central = await createCentralDb();
    });
    afterAll(async () => central?.drop());

    it('opens the office reports over the central PostgreSQL in a window without preload; never a shop database', async () => {
      await startShell(undefined, { mode: 'office', pgUrl: central.url });
      await vi.waitFor(() => expect(lastWindow().loaded[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/));
      const win = lastWindow();
      expect(win.options.webPreferences.preload).toBeUndefined();
      expect(existsSync(join(rec.state.userData, 'kasir.db'))).toBe(false);
      expect(rec.state.ipc.has('pos:call')).toBe(false);
      const page = await fetch(win.loaded[0]!);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await page.text();
      expect(html).toContain('<script src="/office.js"></script>');
      expect(html).not.toMatch(/<script>(?!<)/);
      expect((await fetch(new URL('office.js', win.loaded[0]!))).status).toBe(200);
      // The statement prints from a blank window; everything else stays denied.
      expect(win.windowOpenHandler!({ url: 'about:blank' })).toMatchObject({ action: 'allow' });
      expect(win.windowOpenHandler!({ url: 'http://elsewhere.example/' })).toEqual({ action: 'deny' });
    });

    it('says so plainly when the central database cannot be opened', async () => {
      await startShell(undefined, { mode: 'office', pgUrl: `${central.url}_missing` });
      await vi.waitFor(() => expect(lastWindow()?.loaded).toEqual([resolve(ROOT, 'out/renderer/setup.html')]));
      expect(await setupCall('state')).toMatchObject({ ok: true, result: { page: 'office-down', message: expect.any(String) } });
      expect(existsSync(join(rec.state.userData, 'kasir.db'))).toBe(false);
    });
  });

  it('the main computer keeps a menu to change its role; the chooser there asks for an admin', async () => {
    await startShell();
    const item = rec.state.menu![0]!.submenu.find((i) => i.label === 'Peran komputer ini…')!;
    item.click!();
    expect(lastWindow().loaded).toEqual([resolve(ROOT, 'out/renderer/setup.html')]);
    expect(await setupCall('state')).toMatchObject({ ok: true, result: { page: 'choose', current: 'host', needsAdmin: true, canCancel: true } });
    await setupCall('cancel');
    expect(lastWindow().loaded).toEqual([resolve(ROOT, 'out/renderer/index.html')]);
  });

  it("the back office opens the same chooser (Sistem → Jaringan kasir → Peran komputer ini); a page from the network cannot", async () => {
    await startShell();
    const chooseRole = rec.state.ipc.get('desktop:chooseRole')!;
    const before = lastWindow().loaded.length;
    await chooseRole({ senderFrame: { url: 'http://192.168.1.9:8080/' } });
    expect(lastWindow().loaded).toHaveLength(before);
    await chooseRole({ senderFrame: { url: pathToFileURL(resolve(ROOT, 'out/renderer/index.html')).href } });
    expect(lastWindow().loaded.at(-1)).toBe(resolve(ROOT, 'out/renderer/setup.html'));
    expect(await setupCall('state')).toMatchObject({ ok: true, result: { page: 'choose', current: 'host', needsAdmin: true, canCancel: true } });
  });
});
