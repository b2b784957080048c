/**
 * The supplier ledger: every amount the shop owes a supplier is an entry,
 * written in the same transaction as its cause and never edited (triggers
 * refuse it). The balance owed is the sum of the entries.
 */
import { sql, type SQL } from 'drizzle-orm';
import { ledgerEntries } from '../../db/schema';
import { fail } from '../../shared/errors';
import type { Rupiah } from '../../shared/money';
import type { LedgerEntryView, LedgerKind, SupplierBalance } from '../../shared/types-settlement';
import { audit } from './audit';
import { businessDate } from './clock';
import type { Actor, Ctx } from './context';
import { getSetting } from './settings';
import { requireSupplier } from './suppliers';

export interface NewLedgerEntry {
  supplierId: number;
  kind: LedgerKind;
  amount: Rupiah;
  saleLineLotId?: number | null;
  lotId?: number | null;
  qty?: number | null;
  note?: string | null;
  createdBy?: number | null;
  /** Only payouts (and their reversals) are born linked to a settlement. */
  settlementId?: number | null;
}

/**
 * Append one entry dated by the clock (business day in the shop's zone).
 * Call inside the transaction of the entry's cause; returns its id.
 */
export function appendLedgerEntry(ctx: Ctx, entry: NewLedgerEntry): number {
  const now = ctx.clock.now();
  const row = ctx.db
    .insert(ledgerEntries)
    .values({
      supplierId: entry.supplierId,
      kind: entry.kind,
      amount: entry.amount,
      saleLineLotId: entry.saleLineLotId ?? null,
      lotId: entry.lotId ?? null,
      qty: entry.qty ?? null,
      note: entry.note ?? null,
      createdBy: entry.createdBy ?? null,
      settlementId: entry.settlementId ?? null,
      businessDate: businessDate(now, getSetting(ctx.db, 'timeZone')),
      createdAt: now,
    })
    .returning({ id: ledgerEntries.id })
    .get();
  return row.id;
}

/** Every supplier's balance owed, from entries of business days up to `asOf` (all when omitted). */
export function supplierBalances(ctx: Ctx, input: { asOf?: string }): SupplierBalance[] {
  const dated = input.asOf === undefined ? sql`` : sql` AND e.business_date <= ${input.asOf}`;
  const rows = ctx.db.all<{ id: number; code: string; name: string; active: number; balance: number }>(sql`
    SELECT s.id, s.code, s.name, s.active,
           COALESCE((SELECT SUM(e.amount) FROM ledger_entries e WHERE e.supplier_id = s.id${dated}), 0) AS balance
    FROM suppliers s
    ORDER BY s.code`);
  return rows.map((r) => ({ supplierId: r.id, code: r.code, name: r.name, active: r.active === 1, balance: r.balance }));
}

interface EntryRow {
  id: number;
  supplier_id: number;
  kind: LedgerKind;
  amount: number;
  qty: number | null;
  lot_id: number | null;
  product_id: number | null;
  product_name: string | null;
  sale_id: number | null;
  sale_number: string | null;
  note: string | null;
  settlement_id: number | null;
  settlement_number: string | null;
  created_by: number | null;
  business_date: string;
  created_at: number;
}

function selectEntries(ctx: Ctx, where: SQL): LedgerEntryView[] {
  const rows = ctx.db.all<EntryRow>(sql`
    SELECT e.id, e.supplier_id, e.kind, e.amount, e.qty, e.lot_id, l.product_id, p.name AS product_name,
           sl.sale_id, sa.number AS sale_number, e.note, e.settlement_id, st.number AS settlement_number,
           e.created_by, e.business_date, e.created_at
    FROM ledger_entries e
    LEFT JOIN sale_line_lots sll ON sll.id = e.sale_line_lot_id
    LEFT JOIN sale_lines sl ON sl.id = sll.sale_line_id
    LEFT JOIN sales sa ON sa.id = sl.sale_id
    LEFT JOIN lots l ON l.id = COALESCE(e.lot_id, sll.lot_id)
    LEFT JOIN products p ON p.id = l.product_id
    LEFT JOIN settlements st ON st.id = e.settlement_id
    WHERE ${where}
    ORDER BY e.id`);
  return rows.map((r) => ({
    id: r.id,
    supplierId: r.supplier_id,
    kind: r.kind,
    amount: r.amount,
    qty: r.qty,
    lotId: r.lot_id,
    productId: r.product_id,
    productName: r.product_name,
    saleId: r.sale_id,
    saleNumber: r.sale_number,
    note: r.note,
    settlementId: r.settlement_id,
    settlementNumber: r.settlement_number,
    createdBy: r.created_by,
    businessDate: r.business_date,
    createdAt: r.created_at,
  }));
}

/** One supplier's entries, oldest first; `unsettledOnly` leaves out what a live settlement holds. */
export function listLedgerEntries(
  ctx: Ctx,
  input: { supplierId: number; from?: string; to?: string; unsettledOnly?: boolean },
): LedgerEntryView[] {
  requireSupplier(ctx, input.supplierId);
  if (input.from && input.to && input.from > input.to) {
    fail('VALIDATION', 'Tanggal awal setelah tanggal akhir.', { field: 'from' });
  }
  const parts: SQL[] = [sql`e.supplier_id = ${input.supplierId}`];
  if (input.from) parts.push(sql`e.business_date >= ${input.from}`);
  if (input.to) parts.push(sql`e.business_date <= ${input.to}`);
  if (input.unsettledOnly) parts.push(sql`e.settlement_id IS NULL`);
  return selectEntries(ctx, sql.join(parts, sql` AND `));
}

export function getLedgerEntry(ctx: Ctx, id: number): LedgerEntryView {
  const [row] = selectEntries(ctx, sql`e.id = ${id}`);
  return row ?? fail('NOT_FOUND', `Catatan buku pemasok #${id} tidak ditemukan.`, { field: 'id' });
}

/** A charge to the supplier (e.g. the monthly display fee): a negative entry. */
export function recordFee(ctx: Ctx, actor: Actor, input: { supplierId: number; amount: Rupiah; note: string }): LedgerEntryView {
  return ctx.db.transaction(() => {
    const supplier = requireSupplier(ctx, input.supplierId);
    if (!(input.amount > 0)) fail('VALIDATION', 'Biaya harus lebih dari 0.', { field: 'amount' });
    const id = appendLedgerEntry(ctx, {
      supplierId: supplier.id,
      kind: 'fee',
      amount: -input.amount,
      note: input.note,
      createdBy: actor.userId,
    });
    audit(ctx, {
      userId: actor.userId,
      action: 'ledger.fee',
      entity: 'ledger_entry',
      entityId: id,
      details: { supplierId: supplier.id, amount: -input.amount, note: input.note },
    });
    return getLedgerEntry(ctx, id);
  });
}

/** A correction either way, with the reason written on the entry. */
export function recordAdjustment(
  ctx: Ctx,
  actor: Actor,
  input: { supplierId: number; amount: Rupiah; reason: string },
): LedgerEntryView {
  return ctx.db.transaction(() => {
    const supplier = requireSupplier(ctx, input.supplierId);
    if (input.amount === 0) fail('VALIDATION', 'Penyesuaian tidak boleh 0.', { field: 'amount' });
    if (!input.reason.trim()) fail('VALIDATION', 'Alasan penyesuaian wajib diisi.', { field: 'reason' });
    const id = appendLedgerEntry(ctx, {
      supplierId: supplier.id,
      kind: 'adjustment',
      amount: input.amount,
      note: input.reason,
      createdBy: actor.userId,
    });
    audit(ctx, {
      userId: actor.userId,
      action: 'ledger.adjust',
      entity: 'ledger_entry',
      entityId: id,
      details: { supplierId: supplier.id, amount: input.amount, reason: input.reason },
    });
    return getLedgerEntry(ctx, id);
  });
}
