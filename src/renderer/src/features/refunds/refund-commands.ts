/** The refund screen's command table (see lib/commands.tsx): its keys, buttons and F1 help. */
import type { MessageKey } from '../../i18n';
import type { Command } from '../../lib/commands';
import type { PaymentMethod } from '../../../../shared/printer';

/** How the money goes back: as the sale was paid, or all by one method. */
export type PayBack = 'asPaid' | PaymentMethod;

export interface RefundCommandState {
  /** A dialog is open (approval, void, help). */
  dialog: boolean;
  /** A sale that can still be refunded is on screen. */
  saleLoaded: boolean;
  /** Lines are picked and the server said what goes back. */
  picked: boolean;
  canVoid: boolean;
  busy: boolean;
  actions: { help(): void; back(): void; find(): void; submit(): void; void(): void };
}

type S = RefundCommandState;
const why = (s: S): MessageKey | null => (s.dialog ? 'cmd.why.dialog' : !s.saleLoaded ? 'cmd.why.noSaleLoaded' : null);

export const REFUND_COMMANDS: readonly Command<S>[] = [
  { id: 'help', keys: [{ key: 'F1' }], label: 'cmd.help', help: 'cmd.help.help', when: (s) => !s.dialog, run: (s) => s.actions.help() },
  { id: 'back', keys: [{ key: 'Escape' }], label: 'cmd.back', help: 'cmd.back.help', when: (s) => !s.dialog, why: () => 'cmd.why.dialog', run: (s) => s.actions.back() },
  { id: 'find', keys: [{ key: 'F3' }], label: 'cmd.findSale', help: 'cmd.findSale.help', when: (s) => !s.dialog, why: () => 'cmd.why.dialog', run: (s) => s.actions.find() },
  {
    id: 'submit',
    keys: [{ key: 'F2' }],
    label: 'tx.refund.submit',
    help: 'cmd.refundSubmit.help',
    when: (s) => !s.dialog && s.saleLoaded && s.picked && !s.busy,
    why: (s) => why(s) ?? (s.picked ? null : 'cmd.why.nothingPicked'),
    run: (s) => s.actions.submit(),
  },
  {
    id: 'void',
    keys: [{ key: 'F8' }],
    label: 'tx.refund.void',
    help: 'cmd.void.help',
    when: (s) => !s.dialog && s.canVoid && !s.busy,
    why: (s) => why(s) ?? 'cmd.why.noSaleLoaded',
    run: (s) => s.actions.void(),
  },
];
