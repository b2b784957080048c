import { eq, like } from 'drizzle-orm';
import { settings } from '../../db/schema';
import type { Db } from '../../db';
import { DEFAULT_TIME_ZONE } from './clock';
import { printerLocation, type PrinterConfig, type PrinterLocation } from '../../shared/printer';
import { SHOP_DEFAULTS, type ShopInfo } from '../../shared/types';
import { all, get, query } from '../../db/statements';

/** Typed view of the key/value settings table, with defaults. */
export type SettingValues = ShopInfo;

const DEFAULTS: SettingValues = { shopName: 'PLUT Sultra', ...SHOP_DEFAULTS, timeZone: DEFAULT_TIME_ZONE };

/** Settings are read on every sale: one prepared statement per connection, no query building. */
const settingValue = query<{ value: string }>()<[key: string]>('settings.value', 'SELECT value FROM settings WHERE key = ?', { value: true });
const readValue = (db: Db, key: string) => get(db.$client, settingValue, key);

export function getSetting<K extends keyof SettingValues>(db: Db, key: K): SettingValues[K] {
  const row = readValue(db, key);
  return row ? (JSON.parse(row.value) as SettingValues[K]) : DEFAULTS[key];
}

/** Every setting: read for each receipt printed (the shop header), so a declared statement. */
const allSettings = query<{ key: string; value: string }>()('settings.all', 'SELECT key, value FROM settings', { key: true, value: true });

export function getSettings(db: Db): SettingValues {
  const rows = all(db.$client, allSettings);
  const out: Record<string, unknown> = { ...DEFAULTS };
  for (const r of rows) if (r.key in DEFAULTS) out[r.key] = JSON.parse(r.value);
  return out as unknown as SettingValues;
}

export function setSetting<K extends keyof SettingValues>(db: Db, key: K, value: SettingValues[K]): void {
  setRaw(db, key, value);
}

/** Any JSON setting by key (for areas with their own keys). */
export function setRaw(db: Db, key: string, value: unknown): void {
  const json = JSON.stringify(value);
  db.insert(settings).values({ key, value: json }).onConflictDoUpdate({ target: settings.key, set: { value: json } }).run();
}

export function getRaw<T>(db: Db, key: string): T | undefined {
  const row = readValue(db, key);
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export const DEFAULT_PRINTER: PrinterConfig = { transport: { type: 'none' }, columns: 32 };

/**
 * Each till has its own printer. A file printer stored before issue 11
 * (`{type:'file', path}`) comes back with that path as its `name`: the
 * transport refuses it and `data.corrections` lists it until an admin sets
 * the printer again.
 */
export function getPrinterConfig(db: Db, tillCode: string): PrinterConfig {
  const stored = getRaw<PrinterConfig>(db, `printer.${tillCode}`) ?? DEFAULT_PRINTER;
  const t = stored.transport as PrinterConfig['transport'] & { path?: string };
  if (t.type === 'file' && t.name === undefined) return { ...stored, transport: { type: 'file', name: String(t.path ?? '') } };
  return stored;
}

export function setPrinterConfig(db: Db, tillCode: string, config: PrinterConfig): void {
  setRaw(db, `printer.${tillCode}`, config);
}

/** Till codes whose printer is at `location` (issue 18: `till` = at the till's own PC, printed by its agent). */
export function tillsWithPrinterAt(db: Db, location: PrinterLocation): string[] {
  return db
    .select()
    .from(settings)
    .where(like(settings.key, 'printer.%'))
    .all()
    .filter((r) => printerLocation(JSON.parse(r.value) as PrinterConfig) === location)
    .map((r) => r.key.slice('printer.'.length));
}
