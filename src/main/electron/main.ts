import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { openApp, type App } from '../app';
import { dispatch } from '../api/dispatch';
import { CONTENT_SECURITY_POLICY } from '../api/http';
import { WriterLockHeld } from '../../db/writer-lock';
import { HostMode } from '../host-mode';
import { chromiumLocale, readUiLanguage, writeUiLanguage } from './locale';

let core: App | null = null;
const here = dirname(fileURLToPath(import.meta.url));

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

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 700,
    title: 'Kasir PLUT',
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      // No spell checker: it would follow the OS language and fetch dictionaries.
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Remember the UI language the page ended with (<html lang>), for --lang at the next start.
  let languageKept = false;
  win.on('close', (event) => {
    if (languageKept) return;
    event.preventDefault();
    void win.webContents
      .executeJavaScript('document.documentElement.lang', true)
      .then((lang: unknown) => writeUiLanguage(app.getPath('userData'), lang))
      .catch(() => undefined)
      .finally(() => {
        languageKept = true;
        win.close();
      });
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(join(here, '../renderer/index.html'));
}

app.whenReady().then(() => {
  const dbPath = process.env.KASIR_DB ?? join(app.getPath('userData'), 'kasir.db');
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
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  ipcMain.handle('pos:call', (_event, name: unknown, input: unknown, token: unknown) =>
    // The host PC's own window is the host's till (K1 by default): a typed till code is ignored.
    dispatch(core!, String(name), input, typeof token === 'string' ? token : null, { host: true }),
  );
  // Daily backup, print auto-retry and the forwarder to the central database.
  core.start();
  // Host mode (Sistem → Jaringan kasir): serves the LAN from this process once the admin turns it on.
  core.hostMode = new HostMode(core, { staticDir: join(here, '../renderer') });
  void core.hostMode.apply();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('window-all-closed', () => {
  void Promise.all([core?.hostMode?.stop()]).finally(() => (core?.shutdown() ?? Promise.resolve()).finally(() => app.quit()));
});
