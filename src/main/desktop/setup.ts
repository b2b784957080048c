/**
 * The desktop app's own small pages (the first-start choice, "Komputer utama tidak terhubung",
 * a version notice) and what they may ask of the main process, over one IPC channel
 * (`setup:call`, through the setup preload). Everything here is plain Node: main.ts gives it the
 * actions that need Electron (restart, show the host's UI, close the page).
 */
import { hostname } from 'node:os';
import { AppError, fail, type ApiErrorBody } from '../../shared/errors';
import { APP_VERSION } from '../../shared/version';
import type { App } from '../app';
import { audit } from '../core/audit';
import { isInitialized, login, logout } from '../core/users';
import { normalizeHostUrl, normalizePgUrl, parseTillPrinter, readDesktopConfig, tillPrinterText, writeDesktopConfig, type DesktopConfig, type DesktopMode } from './config';
import { probeHost, requestCredential, type HostProbe } from './till-link';
import { readUiLanguage, writeUiLanguage } from '../electron/locale';
import type { SetupPage, SetupView } from '../../shared/desktop';

export type { SetupPage, SetupView };

export type TillStart = { kind: 'show'; hostUrl: string; credential: string } | { kind: 'page'; page: SetupPage };

export interface TillStartDeps {
  probe?: (hostUrl: string) => Promise<HostProbe>;
  requestCredential?: (hostUrl: string, deviceName: string) => Promise<string>;
  /** The app version differs (same contract): already told at this start, go on. */
  noticeSeen?: boolean;
}

/** This PC's name for the host's list of tills. */
export const tillDeviceName = () => `Kasir ${hostname()}`.slice(0, 60);

/**
 * Start a till of a host: is the host there, of a contract we speak? Then make sure we hold a
 * credential (asked once, kept in desktop.json) and show the host's UI — its pairing screen
 * shows the code until a manager approves this PC.
 */
export async function planTillStart(dataDir: string, config: Extract<DesktopConfig, { mode: 'till' }>, deps: TillStartDeps = {}): Promise<TillStart> {
  const { hostUrl } = config;
  const probe = await (deps.probe ?? probeHost)(hostUrl);
  if (!probe.reachable) return { kind: 'page', page: { page: 'till-down', hostUrl, reason: probe.reason } };
  if (!probe.kasir) {
    return { kind: 'page', page: { page: 'till-refused', hostUrl, message: `Alamat ${hostUrl} menjawab, tetapi bukan komputer utama Kasir PLUT. Periksa alamatnya.` } };
  }
  if (probe.verdict === 'contract-differs') return { kind: 'page', page: { page: 'till-refused', hostUrl, message: probe.message! } };
  let credential = config.credential;
  if (!credential) {
    try {
      credential = await (deps.requestCredential ?? requestCredential)(hostUrl, tillDeviceName());
    } catch (err) {
      return { kind: 'page', page: { page: 'till-down', hostUrl, reason: err instanceof Error ? err.message : String(err) } };
    }
    writeDesktopConfig(dataDir, { ...config, credential });
  }
  if (probe.verdict === 'app-differs' && !deps.noticeSeen) return { kind: 'page', page: { page: 'till-notice', hostUrl, message: probe.message! } };
  return { kind: 'show', hostUrl, credential };
}

/** The first-start choice (or the role menu), filled in from what is saved. */
export function chooserPage(config: DesktopConfig | null, needsAdmin: boolean, canCancel: boolean): SetupPage {
  const till = config?.mode === 'till' ? config : null;
  return { page: 'choose', current: config?.mode ?? null, hostUrl: till?.hostUrl ?? null, printer: tillPrinterText(till?.printer ?? null), needsAdmin, canCancel };
}

export interface SetupActions {
  /** The mode changed: start again as the new mode. */
  restart(): void;
  /** Try to reach the host (or the central database) again. */
  retry(): void;
  /** Go on to the host's UI after the version notice. */
  continueToHost(): void;
  /** Close the page opened from the menu (nothing changed). */
  close(): void;
}

type Envelope = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

const str = (v: unknown, field: string, max = 300): string => (typeof v === 'string' && v.length <= max ? v : fail('VALIDATION', `${field}: tidak sah`, { field }));

/** What the setup pages call (`setup:call`): answers like the API, `{ok, result}` or `{ok:false, error}`. */
export class SetupController {
  page: SetupPage;

  constructor(
    private readonly dataDir: string,
    private readonly actions: SetupActions,
    initial: SetupPage,
    /** The main computer's core, when this PC runs as the host: changing the mode then needs an admin. */
    private readonly core: () => App | null = () => null,
  ) {
    this.page = initial;
  }

  async call(name: unknown, input: unknown): Promise<Envelope> {
    try {
      return { ok: true, result: await this.run(String(name), (input ?? {}) as Record<string, unknown>) };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toBody() };
      console.error('setup call failed', err);
      return { ok: false, error: { code: 'INTERNAL', message: 'Terjadi kesalahan internal.' } };
    }
  }

  private async run(name: string, input: Record<string, unknown>): Promise<unknown> {
    switch (name) {
      case 'state':
        return { ...this.page, appVersion: APP_VERSION, lang: readUiLanguage(this.dataDir) } satisfies SetupView;
      case 'language':
        writeUiLanguage(this.dataDir, input.lang);
        return { lang: readUiLanguage(this.dataDir) };
      case 'choose':
        return this.choose(input);
      case 'setHostUrl': {
        // "Komputer utama tidak terhubung": the host got another address (DHCP). The credential stays.
        const config = readDesktopConfig(this.dataDir);
        if (config?.mode !== 'till') return fail('CONFLICT', 'Komputer ini bukan kasir tambahan.');
        writeDesktopConfig(this.dataDir, { ...config, hostUrl: normalizeHostUrl(str(input.hostUrl, 'hostUrl')) });
        this.actions.retry();
        return { ok: true };
      }
      case 'showChooser': {
        const config = readDesktopConfig(this.dataDir);
        this.page = chooserPage(config, this.core() !== null, config !== null);
        return this.run('state', {});
      }
      case 'retry':
        this.actions.retry();
        return { ok: true };
      case 'continue':
        if (this.page.page !== 'till-notice') return fail('CONFLICT', 'Tidak ada yang perlu dilanjutkan.');
        this.actions.continueToHost();
        return { ok: true };
      case 'cancel':
        if (this.page.page !== 'choose' || !this.page.canCancel) return fail('CONFLICT', 'Pilih dulu peran komputer ini.');
        this.actions.close();
        return { ok: true };
      default:
        return fail('NOT_FOUND', `Perintah "${name.slice(0, 40)}" tidak dikenal.`);
    }
  }

  private choose(input: Record<string, unknown>): { ok: true } {
    const previous = readDesktopConfig(this.dataDir);
    const mode = input.mode;
    let next: DesktopConfig;
    if (mode === 'host') next = { mode: 'host' };
    else if (mode === 'till') {
      const hostUrl = normalizeHostUrl(str(input.hostUrl, 'hostUrl'));
      // Its own printer when the page says (kind given), else as it was.
      const printer = input.printerKind === undefined ? (previous?.mode === 'till' ? previous.printer : null) : parseTillPrinter(input.printerKind, input.printer);
      // A till that only gets a new host address keeps its credential.
      next = previous?.mode === 'till' ? { ...previous, hostUrl, printer } : { mode: 'till', hostUrl, credential: null, printer };
    } else if (mode === 'office') next = { mode: 'office', pgUrl: normalizePgUrl(str(input.pgUrl, 'pgUrl', 1000)) };
    else return fail('VALIDATION', 'Pilih peran komputer ini.', { field: 'mode' });
    const core = this.core();
    if (core && isInitialized(core.ctx)) this.checkAdmin(core, input, previous?.mode ?? 'host', next.mode);
    writeDesktopConfig(this.dataDir, next);
    this.actions.restart();
    return { ok: true };
  }

  /** On the main computer only an admin may change what it is (audited in the shop database). */
  private checkAdmin(core: App, input: Record<string, unknown>, from: DesktopMode, to: DesktopMode): void {
    const username = typeof input.username === 'string' ? input.username.slice(0, 60) : '';
    const pin = typeof input.pin === 'string' ? input.pin.slice(0, 20) : '';
    if (!username || !pin) fail('FORBIDDEN', 'Hanya admin yang dapat mengubah peran komputer utama. Masukkan nama pengguna dan PIN admin.', { field: 'username' });
    const session = login(core.ctx, { username, pin });
    logout(core.ctx, session.token);
    if (session.user.role !== 'admin') fail('FORBIDDEN', 'Hanya admin yang dapat mengubah peran komputer utama.', { field: 'username' });
    core.ctx.db.transaction(() => audit(core.ctx, { userId: session.user.id, action: 'desktop.mode', details: { from, to } }));
  }
}
