/**
 * Payment arithmetic for the payment dialog: what is paid, what remains,
 * the change, and the rule that only cash may exceed the total.
 */
import type { Rupiah } from '../../../../shared/money';
import type { PaymentMethod } from '../../../../shared/printer';

/** The tabs of the payment dialog, in order (Alt+1…5), when the settings say nothing else. */
export const PAYMENT_METHODS: readonly PaymentMethod[] = ['cash', 'qris', 'debit', 'transfer'];

export interface PaymentRow {
  method: PaymentMethod;
  amount: Rupiah;
  reference?: string;
}

export type PaymentProblem = 'nonCashExceeds' | 'short' | 'empty';

export interface PaymentSummary {
  total: Rupiah;
  /** Cash rounding (±) included in what is due. */
  rounding: Rupiah;
  /** total + rounding: what the customer pays. */
  payable: Rupiah;
  paid: Rupiah;
  cash: Rupiah;
  nonCash: Rupiah;
  /** Still to pay (0 when covered). */
  remaining: Rupiah;
  /** Cash to hand back (0 unless cash makes the payments exceed the total). */
  change: Rupiah;
  problem: PaymentProblem | null;
  canConfirm: boolean;
}

/** `rounding`: the cash rounding of these payments (see pricing.cashRounding); the customer pays total + rounding. */
export function summarizePayments(total: Rupiah, rows: readonly PaymentRow[], rounding: Rupiah = 0): PaymentSummary {
  const valid = rows.filter((r) => r.amount > 0);
  const cash = valid.filter((r) => r.method === 'cash').reduce((n, r) => n + r.amount, 0);
  const nonCash = valid.filter((r) => r.method !== 'cash').reduce((n, r) => n + r.amount, 0);
  const paid = cash + nonCash;
  const payable = total + rounding;
  const remaining = Math.max(0, payable - paid);
  const change = Math.max(0, paid - payable);
  let problem: PaymentProblem | null = null;
  if (nonCash > total) problem = 'nonCashExceeds';
  else if (valid.length === 0) problem = 'empty';
  else if (paid < payable) problem = 'short';
  return {
    total,
    rounding,
    payable,
    paid,
    cash,
    nonCash,
    remaining,
    change: problem === 'nonCashExceeds' ? 0 : change,
    problem,
    canConfirm: problem === null,
  };
}

/** The rows plus what is in the amount field, if anything. */
export function withPending(rows: readonly PaymentRow[], pending: PaymentRow | null): PaymentRow[] {
  return pending && pending.amount > 0 ? [...rows, pending] : [...rows];
}

/** Can this row be added to the split without breaking the rule? */
export function canAddRow(total: Rupiah, rows: readonly PaymentRow[], row: PaymentRow): PaymentProblem | null {
  if (row.amount <= 0) return 'empty';
  const s = summarizePayments(total, [...rows, row]);
  return s.problem === 'nonCashExceeds' ? 'nonCashExceeds' : null;
}

const roundUp = (amount: Rupiah, step: number): Rupiah => Math.ceil(amount / step) * step;

/**
 * Quick cash buttons for what is still due: the exact amount first ("uang
 * pas"), then the next round amounts a customer is likely to hand over
 * (next Rp 10.000, Rp 20.000, Rp 50.000, Rp 100.000 above it).
 */
export function quickCashAmounts(due: Rupiah, max = 5): Rupiah[] {
  if (due <= 0) return [];
  const candidates = [due, roundUp(due, 10_000), roundUp(due, 20_000), roundUp(due, 50_000), roundUp(due, 100_000)];
  if (due < 50_000) candidates.push(50_000, 100_000);
  const unique = [...new Set(candidates)].filter((v) => v >= due).sort((a, b) => a - b);
  return unique.slice(0, max);
}
