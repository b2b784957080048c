import { BrowserWindow, shell } from 'electron';
import { writeUiLanguage } from './locale';

/**
 * Which page a window shows:
 *  - `app`: the built UI over IPC (the main computer), with the `window.pos` preload;
 *  - `setup`: the desktop app's own small pages (setup.html), with the `window.kasirSetup` preload;
 *  - `remote`: a page from the network (the host's UI for a till, the office server): no preload at all.
 */
export type WindowKind = 'app' | 'setup' | 'remote';

export function createWindow(kind: WindowKind, options: { preloadDir: string; userData: string; title?: string; allowBlankPopups?: boolean }): BrowserWindow {
  const preload = kind === 'app' ? `${options.preloadDir}/index.cjs` : kind === 'setup' ? `${options.preloadDir}/setup.cjs` : undefined;
  const win = new BrowserWindow({
    width: kind === 'setup' ? 900 : 1366,
    height: 768,
    minWidth: kind === 'setup' ? 640 : 1024,
    minHeight: kind === 'setup' ? 560 : 700,
    title: options.title ?? 'Kasir PLUT',
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      ...(preload ? { preload } : {}),
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
      .then((lang: unknown) => writeUiLanguage(options.userData, lang))
      .catch(() => undefined)
      .finally(() => {
        languageKept = true;
        win.close();
      });
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // The office prints its consolidated statement from a blank window it writes into: no preload, sandboxed.
    if (options.allowBlankPopups && url === 'about:blank') {
      return { action: 'allow', overrideBrowserWindowOptions: { webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, spellcheck: false } } };
    }
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  return win;
}
