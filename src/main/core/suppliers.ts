import { asc, eq, or } from 'drizzle-orm';
import { contains } from './sql-helpers';
import { suppliers } from '../../db/schema';
import { fail } from '../../shared/errors';
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
}

export function createSupplier(ctx: Ctx, actor: Actor | null, input: SupplierInput): Supplier {
  return ctx.db.transaction(() => {
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
