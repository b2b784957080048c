/**
 * What this PC is (chosen at the desktop app's first start, changeable later):
 *  - `host`: the main computer — the shop database and, when turned on, host mode for other tills;
 *  - `till`: an additional till of a host — no shop database here; the window shows the host's UI
 *    from `hostUrl`, as the paired device whose `credential` is kept here (it survives restarts
 *    and a change of the host's address); an optional local printer for the print agent;
 *  - `office`: the province office — read-only reports over the central PostgreSQL at `pgUrl`.
 * Kept in `desktop.json` in the app's data folder (owner-only: it holds a credential or a
 * database URL). No Electron import here, so it is tested in Node.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fail } from '../../shared/errors';
import type { PrinterTransportConfig } from '../../shared/printer';

export const DESKTOP_CONFIG_FILE = 'desktop.json';
/** The port host mode listens on by default (src/main/host-mode.ts). */
const DEFAULT_HOST_PORT = 8080;

export type DesktopConfig =
  | { mode: 'host' }
  | { mode: 'till'; hostUrl: string; credential: string | null; printer: PrinterTransportConfig | null }
  | { mode: 'office'; pgUrl: string };

export type { DesktopMode } from '../../shared/desktop';

const printer = z.union([
  z.strictObject({ type: z.literal('network'), host: z.string().min(1).max(253), port: z.number().int().min(1).max(65535) }),
  z.strictObject({ type: z.literal('serial'), path: z.string().min(1).max(200), baudRate: z.number().int().positive().optional() }),
  z.strictObject({ type: z.literal('usb'), vendorId: z.number().int().min(0).max(0xffff), productId: z.number().int().min(0).max(0xffff) }),
  z.strictObject({ type: z.literal('file'), name: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('none') }),
]);

const schema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('host') }),
  z.object({ mode: z.literal('till'), hostUrl: z.string().max(300), credential: z.string().min(1).max(200).nullable(), printer: printer.nullable().default(null) }),
  z.object({ mode: z.literal('office'), pgUrl: z.string().max(1000) }),
]);

/**
 * The host's address as typed by a manager (`192.168.1.10`, `192.168.1.10:8080`,
 * `http://kasir-utama:8080/`) → `http://192.168.1.10:8080/`. Port 8080 when none is given.
 */
export function normalizeHostUrl(input: string): string {
  const typed = input.trim();
  if (!typed) fail('VALIDATION', 'Alamat komputer utama wajib diisi, misalnya 192.168.1.10:8080.', { field: 'hostUrl' });
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `http://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail('VALIDATION', `Alamat "${typed.slice(0, 80)}" tidak sah. Tulis alamat komputer utama, misalnya 192.168.1.10:8080.`, { field: 'hostUrl' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('VALIDATION', 'Alamat komputer utama harus http:// atau https://.', { field: 'hostUrl' });
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    fail('VALIDATION', 'Tulis hanya alamat dan port komputer utama, misalnya 192.168.1.10:8080 (tanpa nama pengguna atau jalur).', { field: 'hostUrl' });
  }
  const explicitPort = /^[a-z][a-z0-9+.-]*:\/\/[^/]*:\d+/i.test(withScheme);
  if (!url.port && !explicitPort && url.protocol === 'http:') url.port = String(DEFAULT_HOST_PORT);
  return `${url.protocol}//${url.host}/`;
}

/** The central PostgreSQL URL for office mode; a shop database file is refused. */
export function normalizePgUrl(input: string): string {
  const url = input.trim();
  if (!/^postgres(ql)?:\/\/[^/\s]+\/[^\s]+$/i.test(url)) {
    fail('VALIDATION', 'Mode kantor membuka database pusat PostgreSQL saja: tulis alamat seperti postgres://kantor@pusat/kasir_pusat.', { field: 'pgUrl' });
  }
  return url;
}

/**
 * The saved choice, or null at the first start. Without a saved choice, a PC that already has a
 * shop database (an upgrade from before the choice existed, or `KASIR_DB` set) is the main computer.
 */
export function readDesktopConfig(dataDir: string, options: { shopDbPath?: string } = {}): DesktopConfig | null {
  const file = join(dataDir, DESKTOP_CONFIG_FILE);
  if (existsSync(file)) {
    try {
      const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) return parsed.data as DesktopConfig;
    } catch {
      /* unreadable: asked again below */
    }
  }
  if (options.shopDbPath && existsSync(options.shopDbPath)) return { mode: 'host' };
  return null;
}

/** Save atomically (a power cut leaves the old file or the new one), readable by this user only. */
export function writeDesktopConfig(dataDir: string, config: DesktopConfig): void {
  const file = join(dataDir, DESKTOP_CONFIG_FILE);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  try {
    chmodSync(tmp, 0o600);
  } catch {
    /* Windows: the user's profile folder is private already */
  }
  renameSync(tmp, file);
}
