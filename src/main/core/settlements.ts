// Over 350 lines on purpose: the preview and the settlement must compute the same figures from the
// same queries (the paid amount is checked against the preview); they stay side by side.
/**
 * Settlements (pembayaran konsinyasi): pay a supplier every unsettled ledger
 * entry up to a cutoff day, exactly once.
 *
 * - Covering: in one IMMEDIATE transaction the entries are listed in
 *   `settlement_entries` (history) and locked with a conditional
 *   `UPDATE ledger_entries SET settlement_id = ? WHERE settlement_id IS NULL`
 *   whose row count must match; triggers (migration 0004) refuse any entry
 *   already held by a live settlement, so two settlements can never cover
 *   the same entry, even from two processes.
 * - The payout is a `payout` entry of −amount linked to the settlement, so
 *   the covered entries and their payout net to zero and the balance drops
 *   by exactly what was paid.
 * - A zero or negative sum is not paid: it is carried forward (refused with
 *   VALIDATION, nothing written).
 * - Void: the settlement is marked voided, a `payout` entry of +amount
 *   (the reversal, linked to the same settlement) is written, and the
 *   covered entries are released (settlement_id back to NULL) for the next
 *   settlement. What the voided settlement covered stays readable.
 */
import { sql, type SQL } from 'drizzle-orm';
import { csvField } from './export';
import { settlements } from '../../db/schema';
import { run, write } from '../../db/statements';
import { fail } from '../../shared/errors';
import { formatRupiah, MAX_RUPIAH, type Rupiah } from '../../shared/money';
import { formatDmy } from '../../shared/dates';
import { bankAccountDigits } from '../../shared/contract-kit';
import type {
  BulkSettlementRow,
  LedgerKind,
  SettlementBreakdown,
  SettlementDetail,
  SettlementItem,
  SettlementMethod,
  SettlementPreview,
  SettlementProductLine,
  SettlementStockLine,
  SettlementSupplier,
  SettlementView,
  TransferCsv,
} from '../../shared/types-settlement';
import { audit } from './audit';
import { businessDate, compactDate } from './clock';
import type { Actor, Ctx } from './context';
import { appendLedgerEntry } from './ledger';
import { getSetting } from './settings';
import { nextSequence, pad } from './sequences';
import { isValidDate } from './stock';
import { requireSupplier } from './suppliers';
import type { Supplier } from '../../shared/types';

/**
 * The entries a settlement covers, in one statement (a largest supplier's month is hundreds of
 * rows: one insert per row cost the benchmark's settlement create a third of its time). The
 * `settlement_entries_once` and `_in_scope` triggers still check every row.
 */
const coverEntries = write<[settlementId: number, ledgerEntryIds: string]>(
  'settlements.coverEntries',
  'INSERT INTO settlement_entries (settlement_id, ledger_entry_id) SELECT ?, value FROM json_each(?) ORDER BY key',
);

// ---------------------------------------------------------------------------
// Reading entries

interface CoveredRow {
  id: number;
  kind: LedgerKind;
  amount: number;
  qty: number | null;
  note: string | null;
  business_date: string;
  product_id: number | null;
  product_name: string | null;
  unit: string | null;
  terms_type: 'fixed' | 'commission' | null;
  supplier_price: number | null;
  commission_bps: number | null;
  unit_price: number | null;
  net_amount: number | null;
}

/** Ledger entries with what the slip needs: product, lot terms, sale price and net amount. */
function entryRows(ctx: Ctx, from: SQL, where: SQL): CoveredRow[] {
  return ctx.db.all<CoveredRow>(entryRowsSql(from, where));
}

function entryRowsSql(from: SQL, where: SQL): SQL {
  return sql`
    SELECT e.id, e.kind, e.amount, e.qty, e.note, e.business_date,
           p.id AS product_id, p.name AS product_name, p.unit,
           l.terms_type, l.supplier_price, l.commission_bps,
           sl.unit_price, sll.net_amount
    FROM ${from}
    LEFT JOIN sale_line_lots sll ON sll.id = e.sale_line_lot_id
    LEFT JOIN sale_lines sl ON sl.id = sll.sale_line_id
    LEFT JOIN lots l ON l.id = COALESCE(e.lot_id, sll.lot_id)
    LEFT JOIN products p ON p.id = l.product_id
    WHERE ${where}
    ORDER BY e.id`;
}

/** Unsettled entries of a supplier up to the cutoff day (payouts are never unsettled). */
function unsettledRows(ctx: Ctx, supplierId: number, cutoff: string, throughEntryId?: number): CoveredRow[] {
  return ctx.db.all<CoveredRow>(unsettledRowsSql(supplierId, cutoff, throughEntryId));
}

/**
 * The query of `unsettledRows`. Always by the supplier's index (its
 * unsettled entries, a month's worth): table statistics alone (ANALYZE
 * without per-value samples, see `withoutValueStatistics`) average the
 * entries per settlement over the settled ones and made SQLite take
 * `ledger_unsettled_idx`, every supplier's unsettled month (4–5× slower on
 * the bench's `large` shop); a shop never analyzed took the supplier's whole
 * history by `ledger_supplier_balance_idx`.
 */
export function unsettledRowsSql(supplierId: number, cutoff: string, throughEntryId?: number): SQL {
  const through = throughEntryId === undefined ? sql`` : sql` AND e.id <= ${throughEntryId}`;
  return entryRowsSql(
    sql`ledger_entries e INDEXED BY ledger_supplier_idx`,
    sql`e.supplier_id = ${supplierId} AND e.settlement_id IS NULL AND e.kind <> 'payout' AND e.business_date <= ${cutoff}${through}`,
  );
}

/** What a settlement covered (also after it was voided). */
function coveredRows(ctx: Ctx, settlementId: number): CoveredRow[] {
  return entryRows(
    ctx,
    sql`settlement_entries se JOIN ledger_entries e ON e.id = se.ledger_entry_id`,
    sql`se.settlement_id = ${settlementId}`,
  );
}

function item(r: CoveredRow): SettlementItem {
  return {
    entryId: r.id,
    businessDate: r.business_date,
    productId: r.product_id,
    name: r.product_name,
    qty: r.qty,
    amount: r.amount,
    note: r.note,
  };
}

/** Group entries for the slip. Sales group per product, terms and price; the rest stay one line each. */
function groupEntries(rows: readonly CoveredRow[], cutoff: string): SettlementBreakdown {
  const products = new Map<string, SettlementProductLine>();
  const out: SettlementBreakdown = {
    cutoff,
    periodFrom: null,
    entryCount: rows.length,
    throughEntryId: null,
    products: [],
    refunds: [],
    losses: [],
    fees: [],
    adjustments: [],
    totals: { sales: 0, refunds: 0, losses: 0, fees: 0, adjustments: 0 },
    amount: 0,
  };
  for (const r of rows) {
    out.amount += r.amount;
    if (out.periodFrom === null || r.business_date < out.periodFrom) out.periodFrom = r.business_date;
    if (out.throughEntryId === null || r.id > out.throughEntryId) out.throughEntryId = r.id;
    switch (r.kind) {
      case 'sale': {
        const termsType = r.terms_type ?? 'fixed';
        const price = termsType === 'fixed' ? (r.supplier_price ?? 0) : (r.unit_price ?? 0);
        const key = `${r.product_id}|${termsType}|${r.commission_bps ?? ''}|${price}`;
        let line = products.get(key);
        if (!line) {
          line = {
            productId: r.product_id ?? 0,
            name: r.product_name ?? '?',
            unit: r.unit ?? 'pcs',
            termsType,
            commissionBps: termsType === 'commission' ? (r.commission_bps ?? 0) : null,
            price,
            qty: 0,
            gross: 0,
            supplierShare: 0,
          };
          products.set(key, line);
        }
        line.qty += r.qty ?? 0;
        line.gross += r.net_amount ?? 0;
        line.supplierShare += r.amount;
        out.totals.sales += r.amount;
        break;
      }
      case 'refund':
        out.refunds.push(item(r));
        out.totals.refunds += r.amount;
        break;
      case 'loss':
        out.losses.push(item(r));
        out.totals.losses += r.amount;
        break;
      case 'fee':
        out.fees.push(item(r));
        out.totals.fees += r.amount;
        break;
      default:
        // adjustments (and, defensively, anything else) are listed as adjustments
        out.adjustments.push(item(r));
        out.totals.adjustments += r.amount;
        break;
    }
  }
  out.products = [...products.values()].sort((a, b) => a.name.localeCompare(b.name, 'id') || a.price - b.price || a.productId - b.productId);
  return out;
}

/** The supplier's goods still in the shop, per product (expired lots counted apart as well). */
function stockInShop(ctx: Ctx, supplierId: number, today: string): SettlementStockLine[] {
  const rows = ctx.db.all<{ id: number; name: string; unit: string; qty: number; expired: number }>(sql`
    SELECT p.id, p.name, p.unit, SUM(l.remaining_qty) AS qty,
           SUM(CASE WHEN l.expiry_date IS NOT NULL AND l.expiry_date < ${today} THEN l.remaining_qty ELSE 0 END) AS expired
    FROM lots l JOIN products p ON p.id = l.product_id
    WHERE l.supplier_id = ${supplierId} AND l.remaining_qty > 0
    GROUP BY p.id
    ORDER BY p.name, p.id`);
  return rows.map((r) => ({ productId: r.id, name: r.name, unit: r.unit, qty: r.qty, expiredQty: r.expired }));
}

function supplierOf(s: Supplier): SettlementSupplier {
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    ownerName: s.ownerName,
    district: s.district,
    bankName: s.bankName,
    bankAccount: s.bankAccount,
    bankHolder: s.bankHolder,
  };
}

function today(ctx: Ctx): string {
  return businessDate(ctx.clock.now(), getSetting(ctx.db, 'timeZone'));
}

/** A cutoff is a real day, not after today (entries of later days do not exist yet). */
function checkCutoff(ctx: Ctx, cutoff: string): void {
  if (!isValidDate(cutoff)) fail('VALIDATION', 'Tanggal batas tidak valid.', { field: 'cutoff' });
  const t = today(ctx);
  if (cutoff > t) fail('VALIDATION', `Tanggal batas tidak boleh setelah hari ini (${formatDmy(t)}).`, { field: 'cutoff', today: t });
}

// ---------------------------------------------------------------------------
// Preview, create, void

export function previewSettlement(ctx: Ctx, input: { supplierId: number; cutoff: string }): SettlementPreview {
  const supplier = requireSupplier(ctx, input.supplierId);
  checkCutoff(ctx, input.cutoff);
  const breakdown = groupEntries(unsettledRows(ctx, supplier.id, input.cutoff), input.cutoff);
  return {
    ...breakdown,
    supplier: supplierOf(supplier),
    payable: breakdown.amount > 0,
    stock: stockInShop(ctx, supplier.id, today(ctx)),
  };
}

export interface CreateSettlementInput {
  supplierId: number;
  cutoff: string;
  method: SettlementMethod;
  reference?: string;
  note?: string;
  expectedAmount?: Rupiah;
  throughEntryId?: number;
}

export function createSettlement(ctx: Ctx, actor: Actor, input: CreateSettlementInput): SettlementView {
  // IMMEDIATE: take the write lock before reading, so a second process
  // waits for this one and then sees its entries as covered.
  const id = ctx.db.transaction(
    () => {
      const supplier = requireSupplier(ctx, input.supplierId);
      checkCutoff(ctx, input.cutoff);
      const rows = unsettledRows(ctx, supplier.id, input.cutoff, input.throughEntryId);
      if (rows.length === 0) {
        const prior = ctx.db.get<{ id: number; number: string } | undefined>(sql`
          SELECT id, number FROM settlements WHERE supplier_id = ${supplier.id} AND voided_at IS NULL ORDER BY id DESC LIMIT 1`);
        if (prior) {
          fail('CONFLICT', `Semua catatan ${supplier.name} sampai ${formatDmy(input.cutoff)} sudah dibayar (${prior.number}).`, {
            settlementId: prior.id,
            number: prior.number,
          });
        }
        fail('VALIDATION', `Tidak ada yang perlu dibayar ke ${supplier.name} sampai ${formatDmy(input.cutoff)}.`, { field: 'cutoff', amount: 0 });
      }
      const b = groupEntries(rows, input.cutoff);
      if (input.expectedAmount !== undefined && input.expectedAmount !== b.amount) {
        fail('CONFLICT', 'Saldo pemasok berubah sejak pratinjau. Periksa pratinjau lagi.', {
          expectedAmount: input.expectedAmount,
          amount: b.amount,
        });
      }
      if (b.amount <= 0) {
        fail('VALIDATION', `Tidak ada yang perlu dibayar: saldo ${formatRupiah(b.amount)} dibawa ke pembayaran berikutnya.`, {
          field: 'cutoff',
          amount: b.amount,
        });
      }
      if (b.amount > MAX_RUPIAH) fail('VALIDATION', 'Jumlah pembayaran terlalu besar.', { field: 'cutoff', amount: b.amount });
      if (input.method === 'transfer' && !supplier.bankAccount) {
        fail('VALIDATION', `${supplier.name} belum punya nomor rekening; bayar tunai atau lengkapi data bank.`, { field: 'method' });
      }

      const now = ctx.clock.now();
      const tz = getSetting(ctx.db, 'timeZone');
      const day = compactDate(now, tz);
      const number = `PB-${day}-${pad(nextSequence(ctx.db, `settlement:${day}`), 3)}`;
      const stock = stockInShop(ctx, supplier.id, businessDate(now, tz));
      const row = ctx.db
        .insert(settlements)
        .values({
          number,
          supplierId: supplier.id,
          cutoff: input.cutoff,
          periodFrom: b.periodFrom!,
          amount: b.amount,
          entryCount: rows.length,
          method: input.method,
          reference: input.reference || null,
          note: input.note || null,
          bankName: supplier.bankName,
          bankAccount: supplier.bankAccount,
          bankHolder: supplier.bankHolder,
          stockSnapshot: JSON.stringify(stock),
          tillCode: actor.tillCode,
          createdBy: actor.userId,
          businessDate: businessDate(now, tz),
          createdAt: now,
        })
        .returning({ id: settlements.id })
        .get();
      run(ctx.db.$client, coverEntries, row.id, JSON.stringify(rows.map((r) => r.id)));
      const locked = ctx.db.run(sql`
        UPDATE ledger_entries SET settlement_id = ${row.id}
        WHERE settlement_id IS NULL
          AND id IN (SELECT ledger_entry_id FROM settlement_entries WHERE settlement_id = ${row.id})`);
      if (locked.changes !== rows.length) {
        fail('CONFLICT', 'Sebagian catatan sudah dibayar oleh pembayaran lain. Periksa pratinjau lagi.', {
          expected: rows.length,
          locked: locked.changes,
        });
      }
      appendLedgerEntry(ctx, {
        supplierId: supplier.id,
        kind: 'payout',
        amount: -b.amount,
        note: `${number} ${input.method === 'cash' ? 'tunai' : 'transfer'}${input.reference ? ` ${input.reference}` : ''}`,
        createdBy: actor.userId,
        settlementId: row.id,
      });
      audit(ctx, {
        userId: actor.userId,
        action: 'settlements.create',
        entity: 'settlement',
        entityId: row.id,
        details: { number, supplierId: supplier.id, cutoff: input.cutoff, amount: b.amount, entryCount: rows.length, method: input.method },
      });
      return row.id;
    },
    { behavior: 'immediate' },
  );
  return getSettlementView(ctx, id);
}

export function voidSettlement(ctx: Ctx, actor: Actor, input: { id: number; reason: string }): SettlementView {
  ctx.db.transaction(
    () => {
      const s = getSettlementView(ctx, input.id);
      if (s.status === 'voided') fail('CONFLICT', `Pembayaran ${s.number} sudah dibatalkan.`, { voidedAt: s.voidedAt });
      if (!input.reason.trim()) fail('VALIDATION', 'Alasan pembatalan wajib diisi.', { field: 'reason' });
      const now = ctx.clock.now();
      const marked = ctx.db.run(sql`
        UPDATE settlements SET voided_at = ${now}, voided_by = ${actor.userId}, void_reason = ${input.reason}
        WHERE id = ${s.id} AND voided_at IS NULL`);
      if (marked.changes !== 1) fail('CONFLICT', `Pembayaran ${s.number} sudah dibatalkan.`);
      const released = ctx.db.run(sql`
        UPDATE ledger_entries SET settlement_id = NULL WHERE settlement_id = ${s.id} AND kind <> 'payout'`);
      if (released.changes !== s.entryCount) {
        throw new Error(`settlement ${s.number} held ${released.changes} entries, expected ${s.entryCount}`);
      }
      appendLedgerEntry(ctx, {
        supplierId: s.supplierId,
        kind: 'payout',
        amount: s.amount,
        note: `Batal ${s.number}: ${input.reason}`,
        createdBy: actor.userId,
        settlementId: s.id,
      });
      audit(ctx, {
        userId: actor.userId,
        action: 'settlements.void',
        entity: 'settlement',
        entityId: s.id,
        details: { number: s.number, supplierId: s.supplierId, amount: s.amount, reason: input.reason },
      });
    },
    { behavior: 'immediate' },
  );
  return getSettlementView(ctx, input.id);
}

// ---------------------------------------------------------------------------
// Reading settlements

interface SettlementRow {
  id: number;
  number: string;
  supplier_id: number;
  supplier_code: string;
  supplier_name: string;
  cutoff: string;
  period_from: string;
  amount: number;
  entry_count: number;
  method: SettlementMethod;
  reference: string | null;
  note: string | null;
  bank_name: string | null;
  bank_account: string | null;
  bank_holder: string | null;
  stock_snapshot: string;
  till_code: string;
  created_by: number;
  created_by_name: string;
  business_date: string;
  created_at: number;
  voided_at: number | null;
  voided_by: number | null;
  voided_by_name: string | null;
  void_reason: string | null;
}

function selectSettlements(ctx: Ctx, where: SQL): SettlementRow[] {
  return ctx.db.all<SettlementRow>(sql`
    SELECT st.*, s.code AS supplier_code, s.name AS supplier_name,
           cu.name AS created_by_name, vu.name AS voided_by_name
    FROM settlements st
    JOIN suppliers s ON s.id = st.supplier_id
    JOIN users cu ON cu.id = st.created_by
    LEFT JOIN users vu ON vu.id = st.voided_by
    WHERE ${where}
    ORDER BY st.id DESC`);
}

function toView(r: SettlementRow): SettlementView {
  return {
    id: r.id,
    number: r.number,
    supplierId: r.supplier_id,
    supplierCode: r.supplier_code,
    supplierName: r.supplier_name,
    cutoff: r.cutoff,
    periodFrom: r.period_from,
    amount: r.amount,
    entryCount: r.entry_count,
    method: r.method,
    reference: r.reference,
    note: r.note,
    bankName: r.bank_name,
    bankAccount: r.bank_account,
    bankHolder: r.bank_holder,
    tillCode: r.till_code,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    businessDate: r.business_date,
    createdAt: r.created_at,
    status: r.voided_at === null ? 'live' : 'voided',
    voidedAt: r.voided_at,
    voidedBy: r.voided_by,
    voidedByName: r.voided_by_name,
    voidReason: r.void_reason,
  };
}

function requireSettlementRow(ctx: Ctx, id: number): SettlementRow {
  const [row] = selectSettlements(ctx, sql`st.id = ${id}`);
  return row ?? fail('NOT_FOUND', `Pembayaran #${id} tidak ditemukan.`, { field: 'id' });
}

export function getSettlementView(ctx: Ctx, id: number): SettlementView {
  return toView(requireSettlementRow(ctx, id));
}

/** A settlement with what it covered and the stock as printed on its slip. */
export function getSettlement(ctx: Ctx, id: number): SettlementDetail {
  const row = requireSettlementRow(ctx, id);
  const supplier = supplierOf(requireSupplier(ctx, row.supplier_id));
  const breakdown = groupEntries(coveredRows(ctx, row.id), row.cutoff);
  return {
    ...toView(row),
    // The bank details the payout went to, not today's.
    supplier: { ...supplier, bankName: row.bank_name, bankAccount: row.bank_account, bankHolder: row.bank_holder },
    breakdown,
    stock: JSON.parse(row.stock_snapshot) as SettlementStockLine[],
  };
}

/** Newest first; `from`/`to` filter the business day of the payout. */
export function listSettlements(ctx: Ctx, input: { supplierId?: number; from?: string; to?: string }): SettlementView[] {
  if (input.supplierId !== undefined) requireSupplier(ctx, input.supplierId);
  const parts: SQL[] = [sql`1 = 1`];
  if (input.supplierId !== undefined) parts.push(sql`st.supplier_id = ${input.supplierId}`);
  if (input.from) parts.push(sql`st.business_date >= ${input.from}`);
  if (input.to) parts.push(sql`st.business_date <= ${input.to}`);
  return selectSettlements(ctx, sql.join(parts, sql` AND `)).map(toView);
}

// ---------------------------------------------------------------------------
// Bulk: who is owed money up to a cutoff, and the bank's transfer list

export function bulkPreview(ctx: Ctx, input: { cutoff: string }): BulkSettlementRow[] {
  checkCutoff(ctx, input.cutoff);
  const rows = ctx.db.all<{
    id: number;
    code: string;
    name: string;
    district: string | null;
    bank_name: string | null;
    bank_account: string | null;
    bank_holder: string | null;
    amount: number;
    n: number;
    through: number;
  }>(sql`
    SELECT s.id, s.code, s.name, s.district, s.bank_name, s.bank_account, s.bank_holder,
           SUM(e.amount) AS amount, COUNT(*) AS n, MAX(e.id) AS through
    FROM ledger_entries e JOIN suppliers s ON s.id = e.supplier_id
    WHERE e.settlement_id IS NULL AND e.kind <> 'payout' AND e.business_date <= ${input.cutoff}
    GROUP BY s.id
    HAVING SUM(e.amount) > 0
    ORDER BY s.name, s.id`);
  return rows.map((r) => ({
    supplierId: r.id,
    code: r.code,
    name: r.name,
    district: r.district,
    bankName: r.bank_name,
    bankAccount: r.bank_account,
    bankHolder: r.bank_holder,
    amount: r.amount,
    entryCount: r.n,
    throughEntryId: r.through,
  }));
}

/**
 * The transfer list for the shop's bank: one row per live transfer
 * settlement (bank, account, holder, amount as a plain integer, number).
 */
export function transferCsv(ctx: Ctx, actor: Actor, input: { settlementIds: number[] }): TransferCsv {
  const ids = [...new Set(input.settlementIds)];
  const rows = ids.map((id, i) => {
    const [row] = selectSettlements(ctx, sql`st.id = ${id}`);
    if (!row) return fail('NOT_FOUND', `Pembayaran #${id} tidak ditemukan.`, { field: `settlementIds.${i}` });
    if (row.voided_at !== null) fail('CONFLICT', `Pembayaran ${row.number} sudah dibatalkan.`, { field: `settlementIds.${i}` });
    if (row.method !== 'transfer') {
      fail('VALIDATION', `Pembayaran ${row.number} dibayar tunai, bukan transfer.`, { field: `settlementIds.${i}` });
    }
    if (!row.bank_account) fail('VALIDATION', `Pembayaran ${row.number} tanpa nomor rekening.`, { field: `settlementIds.${i}` });
    return row;
  });
  const header = ['No', 'Bank', 'No Rekening', 'Atas Nama', 'Jumlah', 'Keterangan'];
  const lines = [header.join(',')];
  rows.forEach((r, i) => {
    lines.push(
      // The bank takes the account as digits: one stored before the rule ("0099-88 77") goes out as 00998877.
      [i + 1, r.bank_name, r.bank_account === null ? null : bankAccountDigits(r.bank_account), r.bank_holder ?? r.supplier_name, r.amount, r.number].map((v) => csvField(v, typeof v === 'number' ? 'int' : 'text')).join(','),
    );
  });
  const total = rows.reduce((n, r) => n + r.amount, 0);
  const now = ctx.clock.now();
  ctx.db.transaction(() =>
    audit(ctx, { userId: actor.userId, action: 'settlements.transferCsv', details: { settlementIds: ids, total } }),
  );
  return {
    filename: `transfer-konsinyasi-${compactDate(now, getSetting(ctx.db, 'timeZone'))}.csv`,
    csv: lines.join('\r\n') + '\r\n',
    count: rows.length,
    total,
  };
}
