import { asc, eq, or } from 'drizzle-orm';
import { contains } from './sql-helpers';
import { suppliers } from '../../db/schema';
import { fail } from '../../shared/errors';
import { SUPPLIER_PROBLEMS, supplierBankProblems } from '../../shared/contract-kit';
import type { Actor, Ctx } from './context';
import type { Supplier } from '../../shared/types';
import { audit } from './audit';
import { nextSequence, pad } from './sequences';



export interface SupplierInput {
  name: string;
  ownerName?: string;
  phone?: string;
  address?: string;
  district?: string;
  bankName?: string;
  bankAccount?: string;
  bankHolder?: string;
  /** Nomor Induk Berusaha, 13 digits (validated by the contract). */
  nib?: string;
}

/** One supplier per NIB in a shop: a NIB another supplier has is refused, in words. */
function checkNibFree(ctx: Ctx, nib: string | null | undefined, exceptId: number | null): void {
  if (!nib) return;
  const other = ctx.db.select().from(suppliers).where(eq(suppliers.nib, nib)).get();
  if (other && other.id !== exceptId) {
    fail('CONFLICT', `NIB ${nib} sudah dipakai pemasok ${other.code} — ${other.name}.`, { field: 'nib' });
  }
}

/**
 * An edit that touches the bank details leaves them payable: all three or none, and an account of
 * 5–20 digits (supplierBankProblems, the rule the contract holds a new supplier to). An edit of
 * other fields never trips over old details written before the rule (they load and stay as they are).
 */
function checkBankDetails(next: Pick<Supplier, 'bankName' | 'bankAccount' | 'bankHolder'>): void {
  const issues = supplierBankProblems(next).map((p) => ({ field: p.field, message: SUPPLIER_PROBLEMS[p.problem] }));
  if (issues.length > 0) fail('VALIDATION', issues[0].message, { field: issues[0].field, issues });
}

export function createSupplier(ctx: Ctx, actor: Actor | null, input: SupplierInput): Supplier {
  return ctx.db.transaction(() => {
    checkNibFree(ctx, input.nib, null);
    const now = ctx.clock.now();
    const code = `S${pad(nextSequence(ctx.db, 'supplier'), 4)}`;
    const row = ctx.db
      .insert(suppliers)
      .values({
        code,
        name: input.name,
        ownerName: input.ownerName ?? null,
        phone: input.phone ?? null,
        address: input.address ?? null,
        district: input.district ?? null,
        bankName: input.bankName ?? null,
        bankAccount: input.bankAccount ?? null,
        bankHolder: input.bankHolder ?? null,
        nib: input.nib ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    audit(ctx, { userId: actor?.userId ?? null, action: 'suppliers.create', entity: 'supplier', entityId: row.id });
    return row;
  });
}

export function listSuppliers(ctx: Ctx, input: { query?: string; includeInactive?: boolean }): Supplier[] {
  const q = input.query?.trim();
  const rows = ctx.db
    .select()
    .from(suppliers)
    .where(
      q ? or(contains(suppliers.name, q), contains(suppliers.code, q), contains(suppliers.ownerName, q)) : undefined,
    )
    .orderBy(asc(suppliers.name))
    .all();
  return input.includeInactive ? rows : rows.filter((s) => s.active);
}

export function requireSupplier(ctx: Ctx, id: number): Supplier {
  const row = ctx.db.select().from(suppliers).where(eq(suppliers.id, id)).get();
  return row ?? fail('NOT_FOUND', `Pemasok #${id} tidak ditemukan.`, { field: 'supplierId' });
}

// ---------------------------------------------------------------------------
// Back office: edit and deactivate

/** Fields to change; `null` clears an optional field. */
export type SupplierUpdate = { id: number; name?: string } & {
  [K in Exclude<keyof SupplierInput, 'name'>]?: string | null;
};

const UPDATABLE = ['name', 'ownerName', 'phone', 'address', 'district', 'bankName', 'bankAccount', 'bankHolder', 'nib'] as const;

/** Change a supplier's details; the changed fields are audit-logged with old and new values. */
export function updateSupplier(ctx: Ctx, actor: Actor, input: SupplierUpdate): Supplier {
  return ctx.db.transaction(() => {
    const old = requireSupplier(ctx, input.id);
    const set: Partial<Record<(typeof UPDATABLE)[number], string | null>> = {};
    const changes: Record<string, { old: unknown; new: unknown }> = {};
    for (const key of UPDATABLE) {
      const value = input[key];
      if (value === undefined) continue;
      const next = value === '' && key !== 'name' ? null : value;
      if (next === old[key]) continue;
      set[key] = next;
      changes[key] = { old: old[key], new: next };
    }
    if (Object.keys(changes).length === 0) return old;
    if ('nib' in set) checkNibFree(ctx, set.nib, old.id);
    if ('bankName' in set || 'bankAccount' in set || 'bankHolder' in set) checkBankDetails({ ...old, ...set });
    ctx.db
      .update(suppliers)
      .set({ ...(set as Partial<typeof suppliers.$inferInsert>), updatedAt: ctx.clock.now() })
      .where(eq(suppliers.id, old.id))
      .run();
    audit(ctx, { userId: actor.userId, action: 'suppliers.update', entity: 'supplier', entityId: old.id, details: { changes } });
    return requireSupplier(ctx, old.id);
  });
}

/**
 * Deactivate (or reactivate) a supplier. An inactive supplier takes no new
 * intakes; the goods already in the shop stay on sale until returned, and
 * the ledger is untouched.
 */
export function setSupplierActive(ctx: Ctx, actor: Actor, id: number, active: boolean): Supplier {
  return ctx.db.transaction(() => {
    const row = requireSupplier(ctx, id);
    if (row.active === active) {
      fail('CONFLICT', active ? `Pemasok ${row.name} sudah aktif.` : `Pemasok ${row.name} sudah tidak aktif.`, { field: 'id' });
    }
    ctx.db.update(suppliers).set({ active, updatedAt: ctx.clock.now() }).where(eq(suppliers.id, id)).run();
    audit(ctx, { userId: actor.userId, action: active ? 'suppliers.reactivate' : 'suppliers.deactivate', entity: 'supplier', entityId: id });
    return requireSupplier(ctx, id);
  });
}
