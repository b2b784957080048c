import type { CheckoutResult } from '../../../../shared/types';
import { useT } from '../../i18n';
import { CommandHelp } from '../../components/command-help';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { bpsToPercent } from '../../lib/form';
import { DrawerDialog } from '../shift/cash-dialogs';
import { HostMoveDialog } from '../pairing/host-move-dialog';
import { ApprovalDialog } from './approval-dialog';
import { checkoutLines } from './cart';
import { DiscountDialog } from './discount-dialog';
import { HeldListDialog, HoldDialog } from './held-dialogs';
import { PaymentDialog, type ScanOutcome } from './payment-dialog';
import type { TillMessage } from './product-finder';
import { TILL_COMMANDS, type TillCommandState } from './till-commands';
import type { useCart } from './use-cart';
import type { useHeldSales } from './use-held-sales';
import { discountTarget, type useTermsApproval } from './use-terms-approval';
import type { useTillSettings } from './use-till-settings';
import type { Overlay } from './use-till-overlay';

/** The one dialog open over the till, if any (see Overlay in use-till-overlay.ts). */
export function TillOverlays({
  overlay,
  cart,
  till,
  isManager,
  terms,
  held,
  commandState,
  closeOverlay,
  notify,
  onScan,
  onSold,
  onCheckoutError,
  tillCode,
}: {
  overlay: Overlay;
  cart: ReturnType<typeof useCart>;
  till: ReturnType<typeof useTillSettings>;
  isManager: boolean;
  terms: ReturnType<typeof useTermsApproval>;
  held: ReturnType<typeof useHeldSales>;
  commandState: TillCommandState;
  closeOverlay(): void;
  notify(m: Omit<TillMessage, 'id'>): void;
  onScan(code: string): Promise<ScanOutcome>;
  onSold(result: CheckoutResult, later?: string[], typing?: string): void;
  onCheckoutError(err: unknown): void;
  /** The till the sale is rung on (the kept checkout, issue 18). */
  tillCode?: string;
}) {
  const t = useT();
  switch (overlay?.kind) {
    case 'pay':
      return (
        <PaymentDialog
          total={cart.totals.total}
          itemCount={cart.totals.itemCount}
          requestId={cart.state.requestId}
          lines={checkoutLines(cart.state)}
          discount={cart.state.discount}
          methods={till.settings.paymentMethods}
          cashRoundingMode={till.settings.cashRounding}
          qrisConfigured={Boolean(till.settings.qrisPayload)}
          approval={cart.approval}
          onApproved={cart.setApproval}
          lineNames={cart.state.lines.map((l) => l.product.name)}
          limitLabel={bpsToPercent(till.settings.discountLimitBps)}
          onScan={onScan}
          onSuccess={onSold}
          onError={onCheckoutError}
          onClose={closeOverlay}
          tillCode={tillCode}
        />
      );
    case 'discount':
      return (
        <DiscountDialog
          target={discountTarget(cart, overlay.productId)}
          limitBps={till.settings.discountLimitBps}
          isManager={isManager}
          onClose={closeOverlay}
          onApply={(change) => terms.applyTerms({ productId: overlay.productId, ...change })}
        />
      );
    case 'approve':
      return (
        <ApprovalDialog
          reasons={overlay.reasons}
          request={{ action: 'sales.checkout', ...terms.cartWith(overlay.change) }}
          onCancel={closeOverlay}
          onApproved={(grant) => terms.applyTerms(overlay.change, grant)}
        />
      );
    case 'hold':
      return (
        <HoldDialog
          lineCount={cart.totals.lineCount}
          itemCount={cart.totals.itemCount}
          total={cart.totals.total}
          onHold={held.holdSale}
          onClose={closeOverlay}
        />
      );
    case 'held':
      return <HeldListDialog cartEmpty={cart.state.lines.length === 0} onResume={held.resumeSale} onClose={closeOverlay} onCount={held.setHeldCount} />;
    case 'drawer':
      return (
        <DrawerDialog
          onClose={closeOverlay}
          onDone={(text) => {
            notify({ tone: 'success', text });
            closeOverlay();
          }}
        />
      );
    case 'hostMove':
      return <HostMoveDialog onClose={closeOverlay} />;
    case 'help':
      return <CommandHelp table={TILL_COMMANDS} state={{ ...commandState, overlay: false }} onClose={closeOverlay} />;
    case 'confirmClear':
      return (
        <ConfirmDialog
          title={t('cart.confirmClearTitle')}
          confirmLabel={t('cart.confirmClear')}
          danger
          onCancel={closeOverlay}
          onConfirm={() => {
            cart.clear();
            notify({ tone: 'info', text: { key: 'cart.cleared' } });
            closeOverlay();
          }}
        >
          <p>{t('cart.confirmClearBody', { lines: cart.totals.lineCount, items: cart.totals.itemCount })}</p>
        </ConfirmDialog>
      );
    default:
      return null;
  }
}
