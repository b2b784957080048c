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
import { isSerialDevicePath, type PrinterTransportConfig } from '../../shared/printer';

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

/** The printer kinds a till PC may have of its own (a file printer belongs to the main computer). */
export type TillPrinterKind = 'none' | 'network' | 'serial' | 'usb';

/**
 * The till PC's own receipt printer as typed on the setup page: `none`; `network` `192.168.1.50:9100`
 * (port 9100 when none is given); `serial` `COM3` or `/dev/ttyUSB0`; `usb` `04b8:0e15` (vendor:product, hex).
 */
export function parseTillPrinter(kind: unknown, value: unknown): PrinterTransportConfig | null {
  const text = typeof value === 'string' ? value.trim() : '';
  const refuse = (message: string): never => fail('VALIDATION', message, { field: 'printer' });
  switch (kind) {
    case undefined:
    case null:
    case 'none':
      return null;
    case 'network': {
      const m = /^([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/.exec(text);
      const port = Number(m?.[2] ?? 9100);
      if (!m || port < 1 || port > 65535) refuse('Tulis alamat printer jaringan, misalnya 192.168.1.50:9100.');
      return { type: 'network', host: m![1]!, port };
    }
    case 'serial':
      if (!isSerialDevicePath(text)) refuse('Tulis port serial printer, misalnya COM3 atau /dev/ttyUSB0.');
      return { type: 'serial', path: text };
    case 'usb': {
      const m = /^(?:0x)?([0-9A-Fa-f]{1,4}):(?:0x)?([0-9A-Fa-f]{1,4})$/.exec(text);
      if (!m) return refuse('Tulis ID USB printer sebagai vendor:produk (heksadesimal), misalnya 04b8:0e15.');
      return { type: 'usb', vendorId: parseInt(m[1]!, 16), productId: parseInt(m[2]!, 16) };
    }
    default:
      return refuse('Jenis printer tidak dikenal.');
  }
}

/** How a printer of the till PC is shown back in the setup page's field. */
export function tillPrinterText(printer: PrinterTransportConfig | null): { kind: TillPrinterKind; value: string } {
  if (!printer || printer.type === 'none' || printer.type === 'file') return { kind: 'none', value: '' };
  if (printer.type === 'network') return { kind: 'network', value: `${printer.host}:${printer.port}` };
  if (printer.type === 'serial') return { kind: 'serial', value: printer.path };
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return { kind: 'usb', value: `${hex(printer.vendorId)}:${hex(printer.productId)}` };
}
