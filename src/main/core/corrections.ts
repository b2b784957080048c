/**
 * Rows a database written before issue 11's limits may hold and the
 * current rules refuse. They stay readable (no read fails on them); this
 * lists them for a manager to correct: prices above the maximum, lots
 * worth more than the maximum, barcodes equal to another product's SKU,
 * held carts above the maximum, printer settings that are paths, and
 * text that is not valid Unicode.
 */
import { isUtf8 } from 'node:buffer';
import { sql } from 'drizzle-orm';
import type { DataCorrection } from '../../shared/contract-data';
import { MAX_RUPIAH } from '../../shared/money';
import { isPrinterFileName, isSerialDevicePath, type PrinterConfig } from '../../shared/printer';
import type { Ctx } from './context';
import { getPrinterConfig } from './settings';

type Row = Record<string, unknown>;

/** Text columns a person types, per table, checked for bytes that are not UTF-8. */
const TEXT_COLUMNS = {
  suppliers: ['name', 'owner_name', 'phone', 'address', 'district', 'bank_name', 'bank_account', 'bank_holder'],
  products: ['name', 'category', 'unit', 'barcode'],
} as const;

export function listCorrections(ctx: Ctx): DataCorrection[] {
  const all = <T = Row>(query: ReturnType<typeof sql>) => ctx.db.all<T>(query);
  const out: DataCorrection[] = [];

  for (const p of all<{ id: number; name: string; sell_price: number; supplier_price: number | null }>(
    sql`SELECT id, name, sell_price, supplier_price FROM products WHERE sell_price > ${MAX_RUPIAH} OR supplier_price > ${MAX_RUPIAH} ORDER BY id`,
  )) {
    const field = p.sell_price > MAX_RUPIAH ? 'sellPrice' : 'terms.supplierPrice';
    const value = p.sell_price > MAX_RUPIAH ? p.sell_price : p.supplier_price;
    out.push({ kind: 'price_over_max', entity: 'product', entityId: p.id, productId: p.id, label: p.name, field, value: bigText(value) });
  }

  // remaining × price > MAX ⇔ remaining > ⌊MAX / price⌋ (no 64-bit product to overflow).
  for (const l of all<{ id: number; product_id: number; name: string; remaining_qty: number; sell_price: number }>(
    sql`SELECT l.id, l.product_id, p.name, l.remaining_qty, l.sell_price FROM lots l JOIN products p ON p.id = l.product_id
        WHERE l.remaining_qty > 0 AND l.sell_price > 0 AND l.remaining_qty > ${MAX_RUPIAH} / l.sell_price ORDER BY l.id`,
  )) {
    const value = (BigInt(l.remaining_qty) * BigInt(l.sell_price)).toString();
    out.push({ kind: 'lot_value_over_max', entity: 'lot', entityId: l.id, productId: l.product_id, label: l.name, field: 'remainingQty', value });
  }

  for (const p of all<{ id: number; name: string; barcode: string; other: string; other_sku: string }>(
    sql`SELECT p.id, p.name, p.barcode, o.name AS other, o.sku AS other_sku FROM products p
        JOIN products o ON o.id <> p.id AND o.sku = upper(p.barcode) WHERE p.barcode IS NOT NULL ORDER BY p.id`,
  )) {
    const label = `${p.name} — SKU ${p.other_sku}: ${p.other}`;
    out.push({ kind: 'barcode_is_sku', entity: 'product', entityId: p.id, productId: p.id, label, field: 'barcode', value: p.barcode });
  }

  const held = all<{ id: number; till_code: string; cart: string }>(sql`SELECT id, till_code, cart FROM held_sales WHERE status = 'held' ORDER BY id`);
  if (held.length > 0) {
    const prices = new Map(all<{ id: number; sell_price: number }>(sql`SELECT id, sell_price FROM products`).map((p) => [p.id, p.sell_price]));
    for (const h of held) {
      let total = 0n;
      try {
        const cart = JSON.parse(h.cart) as { lines?: { productId: number; qty: number; priceOverride?: number }[] };
        for (const l of cart.lines ?? []) total += BigInt(l.priceOverride ?? prices.get(l.productId) ?? 0) * BigInt(l.qty);
      } catch {
        total = BigInt(MAX_RUPIAH) + 1n; // unreadable cart: discard it
      }
      if (total > BigInt(MAX_RUPIAH)) {
        out.push({ kind: 'held_cart_over_max', entity: 'held_sale', entityId: h.id, label: `Kasir ${h.till_code} #${h.id}`, field: 'lines', value: total.toString() });
      }
    }
  }

  for (const { key } of all<{ key: string }>(sql`SELECT key FROM settings WHERE key LIKE 'printer.%' ORDER BY key`)) {
    const till = key.slice('printer.'.length);
    const t: PrinterConfig['transport'] = getPrinterConfig(ctx.db, till).transport;
    if (t.type === 'file' && !isPrinterFileName(t.name)) {
      out.push({ kind: 'printer_setting', entity: 'printer', entityId: null, label: `Kasir ${till}`, field: 'transport.name', value: t.name });
    } else if (t.type === 'serial' && !isSerialDevicePath(t.path)) {
      out.push({ kind: 'printer_setting', entity: 'printer', entityId: null, label: `Kasir ${till}`, field: 'transport.path', value: t.path });
    }
  }

  for (const [table, columns] of Object.entries(TEXT_COLUMNS)) {
    const blobs = columns.map((c) => `CAST(${c} AS BLOB) AS ${c}`).join(', ');
    const rows = ctx.db.$client.prepare(`SELECT id, ${blobs} FROM ${table} ORDER BY id`).all() as Record<string, unknown>[];
    for (const row of rows) {
      for (const c of columns) {
        const bytes = row[c];
        if (!(bytes instanceof Uint8Array) || isUtf8(bytes)) continue;
        const entity = table === 'suppliers' ? 'supplier' : 'product';
        const label = Buffer.from(row.name as Uint8Array).toString('utf8');
        out.push({
          kind: 'invalid_text',
          entity,
          entityId: row.id as number,
          ...(entity === 'product' ? { productId: row.id as number } : {}),
          label,
          field: camel(c),
          value: Buffer.from(bytes).toString('utf8'),
        });
      }
    }
  }
  return out;
}

const camel = (column: string) => column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** A stored number in full (a value written before the limits may pass 2^53 and is shown as stored). */
function bigText(value: number | null): string {
  return value === null ? '' : Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
}
