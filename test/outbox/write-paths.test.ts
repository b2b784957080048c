import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UUID } from 'uuidv7';
import { TZDate } from '@date-fns/tz';
import { seedShop, snapshot, startTestApi, type TestApi } from '../support/api-harness';
import { shopDay } from '../support/shop-day';
import { FACTS, FACT_VERSIONS, outboxTriggerSql } from '../../src/main/outbox/facts';
import { backfillStep, enableOutbox, newInstallationId, outboxState, waitingCount } from '../../src/main/outbox/outbox';
import { businessDayOf, uuidv7 } from '../../src/db/functions';
import { businessDate } from '../../src/main/core/clock';
import type { Db } from '../../src/db';

type Fact = { seq: number; id: string; kind: string; schema_version: number; outlet_code: string; business_day: string; occurred_at: number; payload: Record<string, any> };

function facts(db: Db): Fact[] {
  return (db.$client.prepare('SELECT * FROM outbox ORDER BY seq').all() as (Omit<Fact, 'payload'> & { payload: string })[]).map((f) => ({ ...f, payload: JSON.parse(f.payload) }));
}

const enable = (db: Db, code = 'KDI') => enableOutbox(db, { outletCode: code, installationId: newInstallationId(), now: Date.now() });

function backfillAll(db: Db): void {
  for (let i = 0; i < 10_000; i++) if (backfillStep(db, Date.now()).done) return;
  throw new Error('backfill did not finish');
}

/** The entity a fact is about: its kind and its first payload field (the source row's id). */
const keyOf = (f: Fact) => `${f.kind}:${Object.values(f.payload)[0]}`;

/** For each entity, its last fact (snapshots have one per version). */
function latest(list: Fact[]): Map<string, Fact> {
  const m = new Map<string, Fact>();
  for (const f of list) m.set(keyOf(f), f);
  return m;
}

const ids = (db: Db, sql: string) => (db.$client.prepare(sql).pluck().all() as number[]).sort((a, b) => a - b);
const factIds = (list: Fact[], kind: string, field: string) => [...new Set(list.filter((f) => f.kind === kind).map((f) => f.payload[field] as number))].sort((a, b) => a - b);
const count = (list: Fact[], kind: string) => list.filter((f) => f.kind === kind).length;
const sum = (list: Fact[], kind: string, field: string) => list.filter((f) => f.kind === kind).reduce((n, f) => n + (f.payload[field] as number), 0);
const one = (db: Db, sql: string) => db.$client.prepare(sql).pluck().get() as number;

describe('outbox: every write path writes its facts in the same transaction', () => {
  let t: TestApi;
  let other: TestApi | undefined;
  beforeEach(async () => {
    t = await startTestApi();
  });
  afterEach(async () => {
    await t.close();
    await other?.close();
    other = undefined;
  });

  it('the database holds exactly the triggers generated from the fact definitions', () => {
    const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
    const inDb = (t.app.db.$client.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'outbox_%' ORDER BY name").pluck().all() as string[]).map(norm);
    expect(inDb).toEqual(outboxTriggerSql().map(norm).sort((a, b) => (a.split(' ')[2]! < b.split(' ')[2]! ? -1 : 1)));
    expect(inDb.length).toBe(FACTS.reduce((n, f) => n + f.triggers.length, 0));
  });

  it('a single shop that never configured forwarding writes no facts at all', async () => {
    const s = await seedShop(t);
    await shopDay(t.api, s, { day: '2026-11-29' });
    expect(one(t.app.db, 'SELECT count(*) FROM outbox')).toBe(0);
    expect(outboxState(t.app.db)).toMatchObject({ enabled: false, outletCode: null });
    expect((await t.api('settings.get', {}, s.cashier)).body.outletCode).toBeNull();
  });

  it('a scripted shop day through the API: the outbox describes every row of every table, once', async () => {
    enable(t.app.db);
    const s = await seedShop(t);
    await shopDay(t.api, s, { day: '2026-11-29' });
    const db = t.app.db;
    const all = facts(db);

    // One fact per row, kind by kind.
    const exact: [kind: string, field: string, sql: string][] = [
      ['shift_opened', 'shiftId', 'SELECT id FROM shifts'],
      ['shift_closed', 'shiftId', 'SELECT id FROM shifts WHERE closed_at IS NOT NULL'],
      ['cash_movement', 'movementId', 'SELECT id FROM cash_movements'],
      ['intake', 'intakeId', 'SELECT id FROM intakes'],
      ['lot', 'lotId', 'SELECT id FROM lots'],
      ['sale', 'saleId', 'SELECT id FROM sales'],
      ['sale_item', 'portionId', 'SELECT id FROM sale_line_lots'],
      ['payment', 'paymentId', 'SELECT id FROM payments'],
      ['refund', 'refundId', 'SELECT id FROM refunds'],
      ['refund_item', 'refundPortionId', 'SELECT id FROM refund_line_lots'],
      ['refund_payment', 'refundPaymentId', 'SELECT id FROM refund_payments'],
      ['return', 'returnId', 'SELECT id FROM returns'],
      ['return_item', 'returnLineId', 'SELECT id FROM return_lines'],
      ['stock_count', 'countId', "SELECT id FROM stock_counts WHERE status <> 'open'"],
      ['stock_adjustment', 'adjustmentId', 'SELECT id FROM stock_adjustments'],
      ['ledger_entry', 'entryId', 'SELECT id FROM ledger_entries'],
      ['settlement', 'settlementId', 'SELECT id FROM settlements'],
      ['settlement_voided', 'settlementId', 'SELECT id FROM settlements WHERE voided_at IS NOT NULL'],
      ['lot_expiry_corrected', 'lotId', "SELECT entity_id FROM audit_log WHERE action = 'lot.correctExpiry'"],
    ];
    for (const [kind, field, sql] of exact) {
      const rows = ids(db, sql);
      expect(rows.length, `${kind}: the script must produce some`).toBeGreaterThan(0);
      expect(factIds(all, kind, field), kind).toEqual(rows);
      expect(count(all, kind), `${kind}: one fact per row`).toBe(rows.length);
    }
    // Snapshots: every supplier and product, one version per insert or edit.
    expect(factIds(all, 'supplier', 'supplierId')).toEqual(ids(db, 'SELECT id FROM suppliers'));
    expect(factIds(all, 'product', 'productId')).toEqual(ids(db, 'SELECT id FROM products'));
    expect(count(all, 'supplier')).toBe(ids(db, 'SELECT id FROM suppliers').length + 1); // one phone edit
    expect(count(all, 'product')).toBe(ids(db, 'SELECT id FROM products').length + 1); // one price edit
    expect(latest(all).get(`product:${s.meteId}`)!.payload.sellPrice).toBe(52_000);
    // Every kind defined is exercised.
    expect(new Set(all.map((f) => f.kind))).toEqual(new Set(FACTS.map((f) => f.kind)));

    // The money in the facts is the money in the tables, to the rupiah.
    expect(sum(all, 'sale', 'amount')).toBe(one(db, 'SELECT sum(total) FROM sales'));
    expect(sum(all, 'sale_item', 'amount')).toBe(one(db, 'SELECT sum(net_amount) FROM sale_line_lots'));
    expect(sum(all, 'sale_item', 'supplierShare')).toBe(one(db, 'SELECT sum(supplier_share) FROM sale_line_lots'));
    expect(sum(all, 'payment', 'amount')).toBe(one(db, 'SELECT sum(amount) FROM payments'));
    expect(sum(all, 'refund_item', 'amount')).toBe(one(db, 'SELECT sum(net_amount) FROM refund_line_lots'));
    expect(sum(all, 'ledger_entry', 'amount')).toBe(one(db, 'SELECT sum(amount) FROM ledger_entries'));
    // The void travels as a refund of kind 'void' for the voided sale.
    const voided = ids(db, "SELECT id FROM sales WHERE status = 'voided'");
    expect(voided.length).toBe(1);
    expect(all.filter((f) => f.kind === 'refund' && f.payload.refundKind === 'void').map((f) => f.payload.saleId)).toEqual(voided);
    // The settlement lists exactly the entries it covered.
    for (const f of all.filter((x) => x.kind === 'settlement')) {
      expect(f.payload.entryIds).toEqual(ids(db, `SELECT ledger_entry_id FROM settlement_entries WHERE settlement_id = ${f.payload.settlementId}`));
    }

    // Every fact: a UUIDv7, the outlet code, schema version, business day; seqs in order.
    const seen = new Set<string>();
    for (const f of all) {
      expect(UUID.parse(f.id).getVersion()).toBe(7);
      seen.add(f.id);
      expect(f).toMatchObject({ outlet_code: 'KDI', schema_version: FACT_VERSIONS[f.kind], business_day: '2026-11-29' });
    }
    expect(seen.size).toBe(all.length);
    expect(waitingCount(db)).toBe(all.length);
  });

  it('a refused request writes no fact either (the facts are in the transaction)', async () => {
    enable(t.app.db);
    const s = await seedShop(t);
    const before = facts(t.app.db).length;
    const tables = snapshot(t.app);
    const r = await t.api('sales.checkout', { clientRequestId: 'too-many-sale-1', lines: [{ productId: s.meteId, qty: 1 }, { productId: s.tenunId, qty: 99 }], payments: [{ method: 'cash', amount: 50_000_000 }] }, s.cashier);
    expect(r.body.error.code).toBe('INSUFFICIENT_STOCK');
    expect(facts(t.app.db).length).toBe(before);
    expect(snapshot(t.app)).toEqual(tables);
    const okSale = await t.api('sales.checkout', { clientRequestId: 'fine-sale-1', lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] }, s.cashier);
    expect(okSale.status).toBe(200);
    expect(facts(t.app.db).slice(before).map((f) => f.kind).sort()).toEqual(['ledger_entry', 'payment', 'sale', 'sale_item']);
  });

  it('history put in later says the same as the facts written live (same payloads, days and times)', async () => {
    // Shop 1: forwarding configured before anything happened (all live).
    enable(t.app.db);
    const s1 = await seedShop(t);
    await shopDay(t.api, s1, { day: '2026-11-29' });
    // Shop 2: the same day as a single shop, forwarding configured afterwards (all history).
    other = await startTestApi();
    const s2 = await seedShop(other);
    await shopDay(other.api, s2, { day: '2026-11-29' });
    expect(one(other.app.db, 'SELECT count(*) FROM outbox')).toBe(0);
    enable(other.app.db);
    backfillAll(other.app.db);

    const live = latest(facts(t.app.db));
    const history = facts(other.app.db);
    expect(history.length).toBe(live.size); // one fact per entity: the backfill writes the current version
    const strip = (f: Fact) => ({ kind: f.kind, schema_version: f.schema_version, outlet_code: f.outlet_code, business_day: f.business_day, occurred_at: f.occurred_at, payload: f.payload });
    for (const h of history) expect(strip(h), keyOf(h)).toEqual(strip(live.get(keyOf(h))!));
    expect(waitingCount(other.app.db)).toBe(history.length);
  });

  it('history goes before live facts, even when the till sells and edits history rows while it is put in', async () => {
    const s = await seedShop(t);
    await shopDay(t.api, s, { day: '2026-11-29' });
    const db = t.app.db;
    const state = enable(db);
    expect(state.backfillDoneAt).toBeNull();
    // A tiny budget: one small chunk per step, so live writes land between chunks.
    const shiftId = one(db, 'SELECT id FROM shifts WHERE closed_at IS NULL');
    let step = 0;
    let closed = false;
    for (;;) {
      const r = backfillStep(db, Date.now(), 0);
      if (r.done) break;
      step++;
      if (step === 1) {
        // Not reached yet: the product edit and the close of a history shift are left to the backfill.
        await t.api('products.update', { id: s.tenunId, name: 'Sarung Tenun Masalili Asli' }, s.manager);
        await t.api('sales.checkout', { clientRequestId: 'during-1', lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 52_000 }] }, s.cashier);
      }
      const shiftsIn = db.$client.prepare("SELECT done_through >= high_water FROM outbox_backfill WHERE table_name = 'shifts'").pluck().get();
      if (shiftsIn === 1 && !closed) {
        // Reached already: these changes of state are live facts.
        closed = true;
        await t.api('suppliers.update', { id: s.supplier2Id, phone: '0813 1234 5678' }, s.manager);
        const shift = (await t.api('shifts.current', {}, s.cashier)).body;
        expect((await t.api('shifts.close', { countedCash: shift.expectedCash }, s.cashier)).status).toBe(200);
      }
    }
    const all = facts(db);
    const end = outboxState(db).backfillEndSeq!;
    const history = all.filter((f) => f.seq < end);
    const later = all.filter((f) => f.seq >= end);
    expect(closed).toBe(true);
    // The live sale and what followed it are after the whole history.
    expect(later.map((f) => f.kind)).toContain('sale');
    expect(history.some((f) => f.kind === 'sale' && f.payload.number.endsWith('-0005'))).toBe(false);
    // Each entity once in the history; the edit of the unreached product is in its history snapshot, not a live one.
    expect(new Set(history.map(keyOf)).size).toBe(history.length);
    const tenun = all.filter((f) => f.kind === 'product' && f.payload.productId === s.tenunId);
    expect(tenun.map((f) => [f.seq < end, f.payload.name])).toEqual([[true, 'Sarung Tenun Masalili Asli']]);
    // The history shift closed after its chunk was in: its close is one live fact, never two.
    const closes = all.filter((f) => f.kind === 'shift_closed' && f.payload.shiftId === shiftId);
    expect(closes.length).toBe(1);
    expect(all.filter((f) => f.kind === 'shift_opened' && f.payload.shiftId === shiftId).length).toBe(1);
    // Suppliers were reached before step 40: the edit is a second version, live.
    const s2 = all.filter((f) => f.kind === 'supplier' && f.payload.supplierId === s.supplier2Id);
    expect(s2.map((f) => f.seq >= end)).toEqual([false, true]);
    // Seqs: history contiguous from 1, then live contiguous from the end of the reserved range.
    expect(history.map((f) => f.seq)).toEqual(history.map((_, i) => i + 1));
    expect(later.map((f) => f.seq)).toEqual(later.map((_, i) => end + i));
    expect(waitingCount(db)).toBe(all.length);
  });

  it('the outlet code is explicit and frozen once the outbox is on', async () => {
    const s = await seedShop(t);
    expect(() => enableOutbox(t.app.db, { outletCode: 'kdi', installationId: 'x', now: 1 })).toThrow(/Kode outlet/);
    enable(t.app.db, 'WKT');
    expect((await t.api('settings.get', {}, s.cashier)).body.outletCode).toBe('WKT');
    expect(() => enable(t.app.db, 'KDI')).toThrow(/dikunci sebagai WKT/);
    expect(enable(t.app.db, 'WKT').outletCode).toBe('WKT');
  });
});

describe('SQL functions of the outbox', () => {
  it('business_day() is the business day the services use, in any zone, around midnight', () => {
    const zones = ['Asia/Makassar', 'Asia/Jakarta', 'Asia/Jayapura', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 4000 }), fc.constantFrom(...zones), fc.integer({ min: -2, max: 2 }), fc.boolean(), (dayOffset, zone, nudge, warm) => {
        // Local midnight of some day, probed to the millisecond on both sides.
        const midnight = new TZDate(2026, 0, 1 + dayOffset, 0, 0, 0, zone).getTime();
        if (warm) businessDayOf(midnight - 60_000, JSON.stringify(zone)); // a cached quarter hour just before
        const probe = midnight + nudge;
        expect(businessDayOf(probe, JSON.stringify(zone))).toBe(businessDate(probe, zone));
      }),
      { numRuns: 3000 },
    );
    const midnight = Date.UTC(2026, 11, 6, 16, 0, 0); // 7 Dec 00:00 WITA
    expect([businessDayOf(midnight - 1, null), businessDayOf(midnight, null)]).toEqual(['2026-12-06', '2026-12-07']);
  });

  it('uuidv7() makes valid, unique, increasing UUIDv7s, also many in one millisecond and with the clock set back', () => {
    let prev = '';
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const u = uuidv7(1_800_000_000_000 + Math.floor(i / 5000) - (i % 7 === 0 ? 3 : 0));
      expect(u > prev).toBe(true);
      prev = u;
      seen.add(u);
    }
    expect(seen.size).toBe(20_000);
    const u = UUID.parse(uuidv7());
    expect([u.getVersion(), u.getVariant()]).toEqual([7, 'VAR_10']);
  });
});
