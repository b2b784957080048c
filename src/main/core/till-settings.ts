import type { Db } from '../../db';
import { fail } from '../../shared/errors';
import type { PaymentMethod } from '../../shared/printer';
import { qrisProblem } from '../../shared/qris';
import type { ShopInfo } from '../../shared/types';
import type { CashRounding, TillSettings } from '../../shared/types-till';
import { audit } from './audit';
import type { Actor, Ctx } from './context';
import { getRaw, getSettings, setRaw } from './settings';

export const DEFAULT_TILL_SETTINGS: TillSettings = {
  discountLimitBps: 1000,
  cashRounding: 'none',
  paymentMethods: ['cash', 'qris', 'debit', 'transfer'],
  qrisPayload: null,
};

const KEYS = Object.keys(DEFAULT_TILL_SETTINGS) as (keyof TillSettings)[];

export function getTillSettings(db: Db): TillSettings {
  const out = { ...DEFAULT_TILL_SETTINGS } as Record<string, unknown>;
  for (const key of KEYS) {
    const value = getRaw<unknown>(db, key);
    if (value !== undefined) out[key] = value;
  }
  return out as unknown as TillSettings;
}

export interface SettingsUpdate {
  shopName?: string;
  shopAddress?: string;
  shopPhone?: string;
  receiptFooter?: string;
  timeZone?: string;
  discountLimitBps?: number;
  cashRounding?: CashRounding;
  paymentMethods?: PaymentMethod[];
  /** Empty string clears it. */
  qrisPayload?: string;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Change shop settings (admin). Each changed key is audit-logged with its old and new value. */
export function updateSettings(ctx: Ctx, actor: Actor, input: SettingsUpdate): ShopInfo & TillSettings {
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
    fail('VALIDATION', `Zona waktu "${input.timeZone}" tidak dikenal.`, { field: 'timeZone' });
  }
  if (input.paymentMethods !== undefined && new Set(input.paymentMethods).size !== input.paymentMethods.length) {
    fail('VALIDATION', 'Cara bayar tidak boleh ganda.', { field: 'paymentMethods' });
  }
  const qris = input.qrisPayload?.trim();
  if (qris) {
    const problem = qrisProblem(qris);
    if (problem) fail('VALIDATION', `QRIS tidak valid: ${problem}`, { field: 'qrisPayload' });
  }
  return ctx.db.transaction(() => {
    const before: Record<string, unknown> = { ...getSettings(ctx.db), ...getTillSettings(ctx.db) };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const text = (v: string | undefined) => (v === undefined ? undefined : v.trim() === '' ? null : v.trim());
    const wanted: Record<string, unknown> = {
      shopName: input.shopName?.trim(),
      shopAddress: text(input.shopAddress),
      shopPhone: text(input.shopPhone),
      receiptFooter: text(input.receiptFooter),
      timeZone: input.timeZone,
      discountLimitBps: input.discountLimitBps,
      cashRounding: input.cashRounding,
      paymentMethods: input.paymentMethods,
      qrisPayload: input.qrisPayload === undefined ? undefined : qris ? qris : null,
    };
    for (const [key, to] of Object.entries(wanted)) {
      if (to === undefined || JSON.stringify(before[key]) === JSON.stringify(to)) continue;
      // The QRIS text is long; the log keeps that it changed, not the whole text.
      changes[key] = key === 'qrisPayload' ? { from: before[key] === null ? null : 'set', to: to === null ? null : 'set' } : { from: before[key], to };
      setRaw(ctx.db, key, to);
    }
    if (Object.keys(changes).length > 0) {
      audit(ctx, { userId: actor.userId, action: 'settings.update', details: changes });
    }
    return { ...getSettings(ctx.db), ...getTillSettings(ctx.db) };
  });
}
