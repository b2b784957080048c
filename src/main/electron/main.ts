import { app, dialog, ipcMain, Menu, session, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { openApp, type App } from '../app';
import { dispatch } from '../api/dispatch';
import { CONTENT_SECURITY_POLICY } from '../api/http';
import { WriterLockHeld } from '../../db/writer-lock';
import { HostMode } from '../host-mode';
import { chromiumLocale, readUiLanguage } from './locale';
import { createWindow, type WindowKind } from './windows';
import { readDesktopConfig, writeDesktopConfig, type DesktopConfig } from '../desktop/config';
import { chooserPage, planTillStart, SetupController, type SetupPage } from '../desktop/setup';
import { probeHost, tillRequestHeaders } from '../desktop/till-link';
import type { OfficeServer } from '../../central/office-server';
import { startTillAgent } from '../till-agent/agent';

/**
 * The desktop app. What this PC is was chosen at the first start (src/main/desktop/config.ts):
 * the main computer (the shop database, host mode), an additional till of a host (the host's UI,
 * no database here), or the province office (read-only reports over the central PostgreSQL).
 */
let core: App | null = null;
let office: OfficeServer | null = null;
let agent: { stop(): Promise<void> } | null = null;
let mode: DesktopConfig['mode'] | null = null;
let tillConfig: Extract<DesktopConfig, { mode: 'till' }> | null = null;
let current: BrowserWindow | null = null;
let setup: SetupController | null = null;
const here = dirname(fileURLToPath(import.meta.url));
const userData = () => app.getPath('userData');

// The window speaks the UI language, never the OS's: Chromium's locale (dates, numbers, the print
// dialog, navigator.language) is set before the app is ready from the language last chosen.
app.commandLine.appendSwitch('lang', chromiumLocale(readUiLanguage(app.getPath('userData'))));

/** better-sqlite3 built for Electron's ABI lives apart from the Node build used by tests. */
function electronNativeBinding(): string | undefined {
  const candidates = [
    join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node'),
    join(app.getAppPath(), 'native', 'electron', 'better_sqlite3.node'),
  ];
  return candidates.find((p) => existsSync(p));
}

/** Show `kind` in a new window and close the one before (the last window never closes first). */
function show(kind: WindowKind, load: (win: BrowserWindow) => Promise<unknown>): BrowserWindow {
  const win = createWindow(kind, { preloadDir: join(here, '../preload'), userData: userData(), allowBlankPopups: kind === 'remote' && mode === 'office' });
  const previous = current;
  current = win;
  void load(win).catch(() => undefined);
  previous?.close();
  return win;
}

function showApp(): void {
  show('app', (win) => (process.env.ELECTRON_RENDERER_URL ? win.loadURL(process.env.ELECTRON_RENDERER_URL) : win.loadFile(join(here, '../renderer/index.html'))));
}

/** The desktop app's own pages: one controller, one IPC channel (registered once). */
function showPage(page: SetupPage): void {
  if (!setup) {
    setup = new SetupController(userData(), { restart, retry, continueToHost, close: backToMode }, page, () => core);
    ipcMain.handle('setup:call', (event, name: unknown, input: unknown) => {
      // Only the desktop app's own page may ask (never a page from the network, whatever it tries).
      const from = event.senderFrame?.url ?? '';
      if (!from.startsWith('file:') || !/\/setup\.html(?:[?#].*)?$/.test(from)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Hanya halaman pengaturan aplikasi desktop yang boleh memanggil ini.' } };
      }
      return setup!.call(name, input);
    });
  }
  setup.page = page;
  show('setup', (win) => win.loadFile(join(here, '../renderer/setup.html')));
}

function secureSession(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

function chooser(canCancel: boolean): void {
  showPage(chooserPage(readDesktopConfig(userData()), core !== null, canCancel));
}

function setMenu(): void {
  const en = readUiLanguage(userData()) === 'en';
  const items: Electron.MenuItemConstructorOptions[] = [{ label: en ? 'Role of this computer…' : 'Peran komputer ini…', click: () => chooser(true) }];
  if (mode === 'till') items.push({ label: en ? 'Connect again' : 'Hubungkan lagi', click: () => retry() });
  items.push({ type: 'separator' }, { label: en ? 'Quit' : 'Keluar', role: 'quit' });
  Menu.setApplicationMenu(Menu.buildFromTemplate([{ label: 'Kasir PLUT', submenu: items }]));
}

// ---- main computer -----------------------------------------------------------------------------

function startHost(dbPath: string): void {
  try {
    // Migrations run here, before any window exists.
    core = openApp(dbPath, { nativeBinding: electronNativeBinding() });
  } catch (err) {
    if (err instanceof WriterLockHeld) {
      dialog.showErrorBox('Kasir PLUT sudah berjalan', err.message);
      app.exit(1);
      return;
    }
    dialog.showErrorBox('Kasir PLUT tidak dapat dimulai', `Database ${dbPath} tidak dapat dibuka atau diperbarui.\n\n${String(err)}`);
    app.exit(1);
    return;
  }
  secureSession();
  ipcMain.handle('pos:call', (_event, name: unknown, input: unknown, token: unknown) =>
    // The host PC's own window is the host's till (K1 by default): a typed till code is ignored.
    dispatch(core!, String(name), input, typeof token === 'string' ? token : null, { host: true }),
  );
  // Back office → Sistem → Jaringan kasir → "Peran komputer ini" (issue 20): the same chooser as the
  // menu, which asks an admin's PIN on the main computer. Only the app's own window may open it.
  ipcMain.handle('desktop:chooseRole', (event) => {
    const from = event.senderFrame?.url ?? '';
    const own = from.startsWith('file:') || (!!process.env.ELECTRON_RENDERER_URL && from.startsWith(process.env.ELECTRON_RENDERER_URL));
    if (own) chooser(true);
  });
  // Daily backup, print auto-retry and the forwarder to the central database.
  core.start();
  // Host mode (Sistem → Jaringan kasir): serves the LAN from this process once the admin turns it on.
  core.hostMode = new HostMode(core, { staticDir: join(here, '../renderer') });
  void core.hostMode.apply();
  setMenu();
  showApp();
}

// ---- a till of a host --------------------------------------------------------------------------

let tillHeadersInstalled = false;

async function startTill(noticeSeen = false): Promise<void> {
  const config = readDesktopConfig(userData());
  if (config?.mode !== 'till') return chooser(false);
  tillConfig = config;
  if (!tillHeadersInstalled) {
    tillHeadersInstalled = true;
    // Every request to the host carries this till's credential and versions (src/main/desktop/till-link.ts).
    session.defaultSession.webRequest.onBeforeSendHeaders((details, callback) => {
      const till = tillConfig;
      if (!till) return callback({ requestHeaders: details.requestHeaders });
      const { headers, adopt } = tillRequestHeaders(till.hostUrl, details.url, details.requestHeaders, till.credential);
      if (adopt) {
        tillConfig = { ...till, credential: adopt };
        writeDesktopConfig(userData(), tillConfig);
      }
      callback({ requestHeaders: headers });
    });
  }
  const plan = await planTillStart(userData(), config, { noticeSeen });
  tillConfig = readDesktopConfig(userData()) as typeof tillConfig;
  if (plan.kind === 'page') {
    showPage(plan.page);
    if (plan.page.page === 'till-down') watchForHost(plan.page.hostUrl);
    return;
  }
  const win = show('remote', (w) => w.loadURL(plan.hostUrl));
  // The host went away before its page loaded (or on a reload): say so plainly.
  win.webContents.on('did-fail-load', (_event, code: number, reason: string, _url: string, isMainFrame: boolean) => {
    if (isMainFrame && code !== -3 && current === win) {
      showPage({ page: 'till-down', hostUrl: plan.hostUrl, reason });
      watchForHost(plan.hostUrl);
    }
  });
  startPrintAgent(plan.hostUrl, plan.credential);
}

/** How often the "Komputer utama tidak terhubung" page looks for the host by itself. */
const HOST_WATCH_MS = 3000;
let hostWatch: NodeJS.Timeout | null = null;

/** While the page says the host is not connected, connect by itself as soon as it answers. */
function watchForHost(hostUrl: string): void {
  if (hostWatch) clearInterval(hostWatch);
  const page = current;
  hostWatch = setInterval(() => {
    if (current !== page || tillConfig?.hostUrl !== hostUrl) {
      clearInterval(hostWatch!);
      hostWatch = null;
      return;
    }
    void probeHost(hostUrl, { timeoutMs: 2000 }).then((probe) => {
      if (probe.reachable && current === page && hostWatch) {
        clearInterval(hostWatch);
        hostWatch = null;
        void startTill();
      }
    });
  }, HOST_WATCH_MS);
  hostWatch.unref?.();
}

/** The till's own printer (USB, serial, or one only this PC reaches); nothing to do without one. */
function startPrintAgent(hostUrl: string, credential: string): void {
  const printer = tillConfig?.printer;
  if (agent || !printer || printer.type === 'none') return;
  try {
    agent = startTillAgent({ hostUrl, credential, transport: printer });
  } catch (err) {
    console.error('the print agent could not start; receipts print through the host', err);
  }
}

// ---- province office ---------------------------------------------------------------------------

async function startOffice(config: Extract<DesktopConfig, { mode: 'office' }>): Promise<void> {
  try {
    // Office mode only: the PostgreSQL client is never loaded on a shop's computer.
    const { startOfficeServer } = await import('../../central/office-server');
    office ??= await startOfficeServer({ pgUrl: config.pgUrl, port: 0, host: '127.0.0.1' });
  } catch (err) {
    return showPage({ page: 'office-down', message: err instanceof Error ? err.message : String(err) });
  }
  const url = `${office.url}/`;
  show('remote', (w) => w.loadURL(url));
}

// ---- what the setup pages ask ------------------------------------------------------------------

async function stopAll(): Promise<void> {
  if (hostWatch) clearInterval(hostWatch);
  hostWatch = null;
  await Promise.all([core?.hostMode?.stop(), agent?.stop().catch(() => undefined), office?.close().catch(() => undefined)]);
  agent = null;
  office = null;
  await (core?.shutdown() ?? Promise.resolve());
  core = null;
}

function restart(): void {
  void stopAll().finally(() => {
    app.relaunch();
    app.exit(0);
  });
}

function retry(): void {
  if (mode === 'till') void startTill();
  else if (mode === 'office') void startOffice(readDesktopConfig(userData()) as Extract<DesktopConfig, { mode: 'office' }>);
}

function continueToHost(): void {
  if (mode === 'till') void startTill(true);
}

/** The chooser opened from the menu was closed: back to what this PC is. */
function backToMode(): void {
  if (mode === 'host') showApp();
  else retry();
}

app.whenReady().then(() => {
  const dbPath = process.env.KASIR_DB ?? join(userData(), 'kasir.db');
  // KASIR_DB names a shop database: this is the main computer.
  const config: DesktopConfig | null = process.env.KASIR_DB ? { mode: 'host' } : readDesktopConfig(userData(), { shopDbPath: dbPath });
  mode = config?.mode ?? null;
  if (!config) {
    secureSession();
    return chooser(false);
  }
  if (config.mode === 'host') return startHost(dbPath);
  secureSession();
  setMenu();
  return config.mode === 'till' ? startTill() : startOffice(config);
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => {
  void stopAll().finally(() => app.quit());
});
