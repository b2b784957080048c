/** Pure helpers of the refund screen. */
import type { Rupiah } from '../../../../shared/money';
import type { PaymentMethod } from '../../../../shared/printer';
import type { SaleView } from '../../../../shared/types';

/** Units of a line that can still be refunded. */
export const refundable = (line: { qty: number; refundedQty: number }): number => Math.max(0, line.qty - line.refundedQty);

/**
 * Give the money back "as paid": non-cash methods first, each up to what was
 * paid with it, then cash (paid less change) for the rest; whatever is left
 * over goes to cash too.
 */
export function defaultRefundPayments(sale: Pick<SaleView, 'payments' | 'change'>, total: Rupiah): { method: PaymentMethod; amount: Rupiah }[] {
  if (total <= 0) return [];
  const paid = new Map<PaymentMethod, Rupiah>();
  for (const p of sale.payments) paid.set(p.method, (paid.get(p.method) ?? 0) + p.amount);
  if (paid.has('cash')) paid.set('cash', Math.max(0, paid.get('cash')! - sale.change));
  const order = [...paid.keys()].sort((a, b) => (a === 'cash' ? 1 : 0) - (b === 'cash' ? 1 : 0));
  const out: { method: PaymentMethod; amount: Rupiah }[] = [];
  let left = total;
  for (const m of order) {
    if (left <= 0) break;
    const take = Math.min(left, paid.get(m)!);
    if (take > 0) out.push({ method: m, amount: take });
    left -= take;
  }
  if (left > 0) {
    const cash = out.find((p) => p.method === 'cash');
    if (cash) cash.amount += left;
    else out.push({ method: order.includes('cash') || order.length === 0 ? 'cash' : order[0]!, amount: left });
  }
  return out;
}
