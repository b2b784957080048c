/**
 * The till's command table: every till action once, with its key, its label
 * and when it is allowed. The cart's buttons, the keyboard and the F1 help
 * overlay are drawn from it (see lib/commands.tsx).
 */
import type { MessageKey } from '../../i18n';
import type { Command } from '../../lib/commands';

export interface TillCommandState {
  shiftOpen: boolean;
  /** Lines in the cart. */
  lines: number;
  /** The server would refuse the cart as it is (a discount larger than its line…): no payment, no hold. */
  pricingProblem?: boolean;
  /** A dialog is open (payment, discount, approval…); the help overlay does not count. */
  overlay: boolean;
  isManager: boolean;
  /** A sale was made at this till since the screen opened (its receipt can be printed again). */
  lastSale: boolean;
  actions: {
    help(): void;
    pay(): void;
    search(): void;
    hold(): void;
    held(): void;
    quantity(): void;
    lineDiscount(): void;
    saleDiscount(): void;
    clear(): void;
    refund(): void;
    reprint(): void;
    drawer(): void;
  };
}

type S = TillCommandState;

const free = (s: S) => s.shiftOpen && !s.overlay;
const withCart = (s: S) => free(s) && s.lines > 0;
const whyFree = (s: S): MessageKey | null => (!s.shiftOpen ? 'cmd.why.noShift' : s.overlay ? 'cmd.why.dialog' : null);
const whyCart = (s: S): MessageKey | null => whyFree(s) ?? (s.lines === 0 ? 'till.cartEmptyPay' : null);
const sendable = (s: S) => withCart(s) && !s.pricingProblem;
const whySend = (s: S): MessageKey | null => whyCart(s) ?? (s.pricingProblem ? 'tx.cart.whyProblem' : null);

export const TILL_COMMANDS: readonly Command<S>[] = [
  { id: 'help', keys: [{ key: 'F1' }], label: 'cmd.help', help: 'cmd.help.help', when: (s) => !s.overlay, why: (s) => whyFree(s), run: (s) => s.actions.help() },
  { id: 'pay', keys: [{ key: 'F2' }], label: 'cart.pay', help: 'cmd.pay.help', when: sendable, why: whySend, run: (s) => s.actions.pay() },
  { id: 'search', keys: [{ key: 'F3' }], label: 'cmd.search', help: 'cmd.search.help', when: free, why: whyFree, run: (s) => s.actions.search() },
  { id: 'hold', keys: [{ key: 'F4' }], label: 'tx.cart.hold', help: 'cmd.hold.help', when: sendable, why: whySend, run: (s) => s.actions.hold() },
  { id: 'held', keys: [{ key: 'F4', shift: true }], label: 'tx.cart.held', help: 'cmd.held.help', when: free, why: whyFree, run: (s) => s.actions.held() },
  { id: 'quantity', keys: [{ key: 'F5' }], label: 'cmd.quantity', help: 'cmd.quantity.help', when: withCart, why: whyCart, run: (s) => s.actions.quantity() },
  { id: 'lineDiscount', keys: [{ key: 'F6' }], label: 'cmd.lineDiscount', help: 'cmd.lineDiscount.help', when: withCart, why: whyCart, run: (s) => s.actions.lineDiscount() },
  { id: 'saleDiscount', keys: [{ key: 'F7' }], label: 'tx.cart.saleDiscount', help: 'cmd.saleDiscount.help', when: withCart, why: whyCart, run: (s) => s.actions.saleDiscount() },
  { id: 'clear', keys: [{ key: 'F8' }], label: 'cart.clear', help: 'cmd.clear.help', when: withCart, why: whyCart, run: (s) => s.actions.clear() },
  { id: 'refund', keys: [{ key: 'F9' }], label: 'tx.cart.refund', help: 'cmd.refund.help', when: (s) => !s.overlay, why: () => 'cmd.why.dialog', run: (s) => s.actions.refund() },
  {
    id: 'reprint',
    keys: [{ key: 'F10' }],
    label: 'cmd.reprint',
    help: 'cmd.reprint.help',
    when: (s) => free(s) && s.lastSale,
    why: (s) => whyFree(s) ?? (s.lastSale ? null : 'cmd.why.noSale'),
    run: (s) => s.actions.reprint(),
  },
  {
    id: 'drawer',
    keys: [{ key: 'F10', shift: true }],
    label: 'tx.drawer.open',
    help: 'cmd.drawer.help',
    when: (s) => free(s) && s.isManager,
    why: (s) => whyFree(s) ?? (s.isManager ? null : 'cmd.why.manager'),
    run: (s) => s.actions.drawer(),
  },
];
