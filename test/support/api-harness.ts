import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openApp, type App } from '../../src/main/app';
import { createHttpServer } from '../../src/main/api/http';
import { fixedClock } from '../../src/main/core/clock';
import { apiClient } from './server';
import type { ForwarderOptions } from '../../src/main/outbox/forwarder';
import type { ReportRunnerOptions } from '../../src/main/reports/runner';
import type { Clock } from '../../src/main/core/clock';
import type { TillAgentOptions } from '../../src/main/services/till-agents';

/** 2026-11-29 10:00 WITA. */
export const T0 = Date.UTC(2026, 10, 29, 2, 0, 0);

export interface TestApi {
  url: string;
  app: App;
  clock: ReturnType<typeof fixedClock>;
  dbPath: string;
  api: ReturnType<typeof apiClient>;
  close(): Promise<void>;
}

/** The real app on a real SQLite file behind a real HTTP server on 127.0.0.1. */
export async function startTestApi(
  options: {
    start?: number;
    /** Open a copy of this database file (e.g. a fixture). */
    fromDb?: string;
    reports?: ReportRunnerOptions;
    forwarder?: ForwarderOptions;
    /** The app's clock instead of the fixed one (`clock` of the result then does not drive the app). */
    appClock?: Clock;
    tillAgents?: TillAgentOptions;
  } = {},
): Promise<TestApi> {
  const dir = mkdtempSync(join(tmpdir(), 'kasir-test-'));
  const dbPath = join(dir, 'kasir.db');
  if (options.fromDb) copyFileSync(options.fromDb, dbPath);
  const clock = fixedClock(options.start ?? T0);
  const app = openApp(dbPath, { clock: options.appClock ?? clock, reports: options.reports, forwarder: options.forwarder, tillAgents: options.tillAgents });
  const server = createHttpServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    clock,
    dbPath,
    api: apiClient(url),
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await app.central.stop();
      await app.print.idle();
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Seeded {
  admin: string;
  manager: string;
  cashier: string;
  supplierId: number;
  supplier2Id: number;
  /** Kacang mete: fixed terms, sell 50.000, supplier gets 40.000. Two lots: 5 expiring 2026-12-10, 10 expiring 2027-03-01. */
  meteId: number;
  /** Kain tenun: commission 15%, sell 350.000, no expiry. 3 in stock. */
  tenunId: number;
  /** Abon ikan: one lot of 4 expiring 2026-11-30 (expired from 1 Dec). */
  abonId: number;
}

/** The shop of most tests: set up, three users, two suppliers, three products, stock, an open shift at K1. */
export async function seedShop(t: TestApi, options: { openShift?: boolean } = {}): Promise<Seeded> {
  const { api } = t;
  const ok = async <T = any>(name: string, input: unknown, token?: string): Promise<T> => {
    const r = await api<T>(name, input, token);
    if (r.status !== 200) throw new Error(`${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  await ok('setup.init', { shopName: 'PLUT Sultra', address: 'Jl. Abdullah Silondae, Kendari', admin: { name: 'Admin', username: 'admin', pin: '123456' } });
  const admin = (await ok('auth.login', { username: 'admin', pin: '123456', tillCode: 'K1' })).token;
  await ok('users.create', { name: 'Bu Manajer', username: 'manajer', role: 'manager', pin: '2222' }, admin);
  await ok('users.create', { name: 'Wa Ode Kasir', username: 'kasir', role: 'cashier', pin: '1111' }, admin);
  const manager = (await ok('auth.login', { username: 'manajer', pin: '2222', tillCode: 'K1' })).token;
  const cashier = (await ok('auth.login', { username: 'kasir', pin: '1111', tillCode: 'K1' })).token;
  const s1 = await ok('suppliers.create', { name: 'UD Mete Muna', district: 'Kabupaten Muna', bankName: 'BRI', bankAccount: '123401000123501', bankHolder: 'La Ode Hasan' }, manager);
  const s2 = await ok('suppliers.create', { name: 'Tenun Masalili', district: 'Kabupaten Muna' }, manager);
  const mete = await ok('products.create', { name: 'Kacang Mete Original 250 g', supplierId: s1.id, sellPrice: 50_000, terms: { type: 'fixed', supplierPrice: 40_000 }, barcode: '8991234500011', trackExpiry: true, category: 'Makanan' }, manager);
  const abon = await ok('products.create', { name: 'Abon Ikan Tuna 100 g', supplierId: s1.id, sellPrice: 35_000, terms: { type: 'fixed', supplierPrice: 28_000 }, barcode: '8991234500028', trackExpiry: true }, manager);
  const tenun = await ok('products.create', { name: 'Sarung Tenun Masalili', supplierId: s2.id, sellPrice: 350_000, terms: { type: 'commission', commissionBps: 1500 } }, manager);
  await ok('intakes.create', { supplierId: s1.id, lines: [
    { productId: mete.id, qty: 10, expiryDate: '2027-03-01' },
    { productId: mete.id, qty: 5, expiryDate: '2026-12-10' },
    { productId: abon.id, qty: 4, expiryDate: '2026-11-30' },
  ] }, manager);
  await ok('intakes.create', { supplierId: s2.id, lines: [{ productId: tenun.id, qty: 3 }] }, manager);
  if (options.openShift ?? true) await ok('shifts.open', { openingFloat: 200_000 }, cashier);
  return { admin, manager, cashier, supplierId: s1.id, supplier2Id: s2.id, meteId: mete.id, tenunId: tenun.id, abonId: abon.id };
}

/** Every business table's rows, to prove a refused request changed nothing. */
export function snapshot(app: App): Record<string, unknown[]> {
  const tables = ['sales', 'sale_lines', 'sale_line_lots', 'payments', 'lots', 'ledger_entries', 'doc_sequences', 'shifts', 'intakes', 'products', 'suppliers', 'print_jobs', 'settlements', 'settlement_entries',
    'returns', 'return_lines', 'stock_counts', 'stock_count_lines', 'stock_adjustments',
    'refunds', 'refund_lines', 'refund_line_lots', 'refund_payments', 'held_sales', 'cash_movements', 'shift_counts'];
  return Object.fromEntries(tables.map((t) => [t, app.db.$client.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
}

/**
 * The same app served as the host in host mode (issue 17): pairing on, and loopback is NOT the
 * host's own till here (it stands for the shop LAN), so every caller is a device.
 */
export async function startLanServer(app: App): Promise<{ url: string; close(): Promise<void> }> {
  const server = createHttpServer(app, { pairing: true, loopbackIsHost: false });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A call as a till on the LAN makes it: the device's credential, and a session when given. */
export async function deviceCall(baseUrl: string, name: string, input: unknown, credential: string, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Kasir-Device': credential, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: await res.json() };
}
