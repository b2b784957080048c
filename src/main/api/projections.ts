/**
 * What each role may read. A cashier's screens need names, prices and
 * stock; what a supplier is paid (terms, supplier shares), suppliers'
 * contact and bank details are the back office's. Procedures a cashier can
 * call pass their results through these before answering; procedures that
 * return more are manager-only. test/api/role-projection.test.ts walks
 * every cashier-reachable procedure over HTTP.
 */
import type { ProductView, SaleView, TillProductView, TillSaleView } from '../../shared/types';
import type { RefundView, TillRefundView } from '../../shared/types-till';
import { hasRole, type Actor } from '../core/context';

const seesConsignment = (actor: Actor): boolean => hasRole(actor.role, 'manager');

export function productFor(actor: Actor, p: ProductView): TillProductView {
  if (seesConsignment(actor)) return p;
  const { terms: _terms, ...till } = p;
  return till;
}

export function saleFor(actor: Actor, s: SaleView): TillSaleView {
  if (seesConsignment(actor)) return s;
  return { ...s, lines: s.lines.map(({ lots: _lots, ...line }) => line) };
}

export function refundFor<R extends RefundView>(actor: Actor, r: R): Omit<R, 'lines'> & TillRefundView {
  if (seesConsignment(actor)) return r;
  return { ...r, lines: r.lines.map(({ lots: _lots, ...line }) => line) };
}
