/**
 * Held sales: a cart parked at a till (a tourist group still choosing) and
 * resumed later. A held sale reserves no stock and keeps no approval; it is
 * priced and checked again at checkout. Never deleted: resumed or
 * discarded carts stay as history.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { heldSales, products, users } from '../../db/schema';
import { fail } from '../../shared/errors';
import type { CartLine, Discount, HeldSaleSummary, ResumedSale } from '../../shared/types-till';
import { audit } from './audit';
import type { Actor, Ctx } from './context';
import { priceCart } from '../../shared/pricing';

interface Cart {
  lines: CartLine[];
  discount?: Discount;
}

export function holdSale(ctx: Ctx, actor: Actor, input: Cart & { note?: string }): HeldSaleSummary {
  return ctx.db.transaction(() => {
    const prices = priceMap(ctx, input.lines.map((l) => l.productId));
    input.lines.forEach((l, i) => {
      if (!prices.has(l.productId)) fail('NOT_FOUND', `Produk #${l.productId} tidak ditemukan.`, { field: `lines.${i}.productId` });
    });
    // The same limits as a checkout (each line and the total at most MAX_RUPIAH, discounts within the amount).
    priceCart(input.lines.map((l) => ({ ...l, sellPrice: prices.get(l.productId)!.sellPrice })), input.discount);
    const cart: Cart = input.discount ? { lines: input.lines, discount: input.discount } : { lines: input.lines };
    const row = ctx.db
      .insert(heldSales)
      .values({ tillCode: actor.tillCode, note: input.note || null, cart: JSON.stringify(cart), createdBy: actor.userId, createdAt: ctx.clock.now() })
      .returning({ id: heldSales.id })
      .get();
    audit(ctx, { userId: actor.userId, action: 'sales.hold', entity: 'held_sale', entityId: row.id, details: { lines: input.lines.length } });
    return listHeldSales(ctx, actor).find((h) => h.id === row.id)!;
  });
}

/** Held sales of the caller's till, newest first. */
export function listHeldSales(ctx: Ctx, actor: Actor): HeldSaleSummary[] {
  const rows = ctx.db
    .select({ h: heldSales, name: users.name })
    .from(heldSales)
    .innerJoin(users, eq(users.id, heldSales.createdBy))
    .where(and(eq(heldSales.tillCode, actor.tillCode), eq(heldSales.status, 'held')))
    .orderBy(desc(heldSales.id))
    .all();
  const carts = rows.map((r) => JSON.parse(r.h.cart) as Cart);
  const prices = priceMap(ctx, carts.flatMap((c) => c.lines.map((l) => l.productId)));
  return rows.map(({ h, name }, i) => {
    const lines = carts[i]!.lines;
    return {
      id: h.id,
      tillCode: h.tillCode,
      note: h.note,
      createdAt: h.createdAt,
      createdBy: h.createdBy,
      createdByName: name,
      lineCount: lines.length,
      itemCount: lines.reduce((n, l) => n + l.qty, 0),
      subtotal: lines.reduce((n, l) => n + (l.priceOverride ?? prices.get(l.productId)?.sellPrice ?? 0) * l.qty, 0),
    };
  });
}

function priceMap(ctx: Ctx, ids: number[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<number, { name: string; sellPrice: number; active: boolean }>();
  return new Map(
    ctx.db
      .select({ id: products.id, name: products.name, sellPrice: products.sellPrice, active: products.active })
      .from(products)
      .where(inArray(products.id, unique))
      .all()
      .map((p) => [p.id, p]),
  );
}

function heldRow(ctx: Ctx, actor: Actor, id: number) {
  const row = ctx.db.select().from(heldSales).where(eq(heldSales.id, id)).get();
  if (!row || row.tillCode !== actor.tillCode) return fail('NOT_FOUND', `Transaksi tertahan #${id} tidak ditemukan di kasir ${actor.tillCode}.`, { field: 'id' });
  if (row.status !== 'held') fail('CONFLICT', `Transaksi tertahan #${id} sudah ${row.status === 'resumed' ? 'dilanjutkan' : 'dibuang'}.`);
  return row;
}

/** Take a held cart back into the till: its lines at today's prices; the held sale is marked resumed. */
export function resumeHeldSale(ctx: Ctx, actor: Actor, id: number): ResumedSale {
  return ctx.db.transaction(() => {
    const row = heldRow(ctx, actor, id);
    ctx.db.update(heldSales).set({ status: 'resumed', closedBy: actor.userId, closedAt: ctx.clock.now() }).where(eq(heldSales.id, id)).run();
    audit(ctx, { userId: actor.userId, action: 'sales.resume', entity: 'held_sale', entityId: id });
    const cart = JSON.parse(row.cart) as Cart;
    const prices = priceMap(ctx, cart.lines.map((l) => l.productId));
    const out: ResumedSale = {
      id,
      note: row.note,
      lines: cart.lines.map((l) => {
        const p = prices.get(l.productId);
        return { ...l, name: p?.name ?? `#${l.productId}`, sellPrice: p?.sellPrice ?? 0, active: p?.active ?? false };
      }),
    };
    if (cart.discount) out.discount = cart.discount;
    return out;
  });
}

export function discardHeldSale(ctx: Ctx, actor: Actor, id: number): { ok: true } {
  return ctx.db.transaction(() => {
    heldRow(ctx, actor, id);
    ctx.db.update(heldSales).set({ status: 'discarded', closedBy: actor.userId, closedAt: ctx.clock.now() }).where(eq(heldSales.id, id)).run();
    audit(ctx, { userId: actor.userId, action: 'sales.discard_held', entity: 'held_sale', entityId: id });
    return { ok: true as const };
  });
}
