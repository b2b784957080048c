import { useCallback, useEffect, useRef, useState } from 'react';
import './till.css';
import './till-extra.css';
import { ApiError, call } from '../../api';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/errors';
import type { CheckoutResult, ProductView } from '../../../../shared/types';
import { useSession } from '../../app/session';
import { navigate } from '../../app/routes';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { AlertIcon } from '../../components/icons';
import { errorBeep } from '../../lib/beep';
import { OpenShiftPanel } from '../shift/open-shift-panel';
import { useCurrentShift } from '../shift/use-shift';
import { checkoutLines, toCartProduct, type CartLine, type StockProblem } from './cart';
import type { Rupiah } from '../../../../shared/money';
import type { Discount } from '../../../../shared/types-till';
import { bpsToPercent } from '../../lib/form';
import { rememberSale } from '../refunds/recent';
import { ApprovalDialog, reasonTexts, type ReasonLike } from './approval-dialog';
import { DiscountDialog, type DiscountTarget } from './discount-dialog';
import { HeldListDialog, HoldDialog } from './held-dialogs';
import { approvalNeeds, priceCartView } from './pricing';
import { useTillSettings } from './use-till-settings';
import type { ApprovalGrant } from './use-cart';
import { CartPanel } from './cart-panel';
import { PaymentDialog } from './payment-dialog';
import { ProductFinder, type MessageText, type TillMessage } from './product-finder';
import { SaleDoneDialog } from './sale-done-dialog';
import { DEVICE_LABEL, TopBar } from './top-bar';
import { useCart } from './use-cart';
import { useCatalog } from './use-product-search';
import { usePrinterStatus } from './use-printer-status';

/** A discount change waiting for a manager. */
interface TermsChange {
  productId?: number;
  discount?: Discount;
  priceOverride?: Rupiah;
}

type Overlay =
  | { kind: 'pay' }
  | { kind: 'confirmClear' }
  | { kind: 'done'; result: CheckoutResult }
  | { kind: 'discount'; productId?: number }
  | { kind: 'approve'; change: TermsChange; reasons: string[] }
  | { kind: 'hold' }
  | { kind: 'held' }
  | null;

const MESSAGE_MS = 6000;

/** The main screen: scan, cart, pay. Keyboard first; the scan field always has focus. */
export function TillScreen() {
  const t = useT();
  const { session, logout, isManager } = useSession();
  const till = useTillSettings();
  const [heldCount, setHeldCount] = useState(0);
  const shiftState = useCurrentShift();
  const { shift } = shiftState;
  const printer = usePrinterStatus();
  const cart = useCart(session.tillCode);
  const catalog = useCatalog();
  const [overlay, setOverlay] = useState<Overlay>(null);
  const [message, setMessage] = useState<TillMessage | null>(null);
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<unknown>(null);
  const scanRef = useRef<HTMLInputElement>(null);
  const messageSeq = useRef(0);
  const overlayRef = useRef<Overlay>(null);
  overlayRef.current = overlay;

  const focusScan = useCallback(() => {
    requestAnimationFrame(() => {
      if (!overlayRef.current) scanRef.current?.focus();
    });
  }, []);

  const notify = useCallback((m: Omit<TillMessage, 'id'> | null) => {
    if (m?.tone === 'error') errorBeep();
    setMessage(m ? { ...m, id: ++messageSeq.current } : null);
  }, []);

  useEffect(() => {
    if (!message) return;
    const id = setTimeout(() => setMessage((cur) => (cur?.id === message.id ? null : cur)), MESSAGE_MS);
    return () => clearTimeout(id);
  }, [message]);

  const problemText = useCallback(
    (problem: StockProblem, name: string): { text: MessageText; detail?: MessageText } => {
      switch (problem.kind) {
        case 'expired':
          return { text: { key: 'till.expiredStock' }, detail: name };
        case 'outOfStock':
          return { text: { key: 'till.outOfStock' }, detail: name };
        case 'insufficient':
          return {
            text: { key: 'till.insufficient' },
            detail: { key: 'till.insufficientDetail', params: { name, available: problem.available, requested: problem.requested } },
          };
        case 'invalidQty':
          return { text: { key: 'till.invalidQty' } };
      }
    },
    [t],
  );

  const addProduct = useCallback(
    (p: ProductView, qty: number): boolean => {
      const problem = cart.add(toCartProduct(p), qty);
      if (problem) {
        notify({ tone: 'error', ...problemText(problem, p.name) });
        return false;
      }
      notify({ tone: 'success', text: { key: 'till.added', params: { name: p.name, qty } } });
      return true;
    },
    [cart, notify, problemText, t],
  );

  const changeQty = useCallback(
    (productId: number, qty: number) => {
      const line = cart.state.lines.find((l) => l.product.id === productId);
      const problem = cart.setQty(productId, qty);
      if (problem && line) notify({ tone: 'error', ...problemText(problem, line.product.name) });
    },
    [cart, notify, problemText],
  );

  const openPayment = useCallback(() => {
    if (!shift || overlayRef.current) return;
    if (cart.state.lines.length === 0) {
      notify({ tone: 'info', text: { key: 'till.cartEmptyPay' } });
      return;
    }
    setOverlay({ kind: 'pay' });
  }, [shift, cart.state.lines.length, notify, t]);

  const askClear = useCallback(() => {
    if (!shift || overlayRef.current || cart.state.lines.length === 0) return;
    setOverlay({ kind: 'confirmClear' });
  }, [shift, cart.state.lines.length]);

  const closeOverlay = useCallback(() => {
    setOverlay(null);
    overlayRef.current = null;
    focusScan();
  }, [focusScan]);

  const openDiscount = useCallback(
    (kind: 'line' | 'sale', productId?: number) => {
      if (!shift || overlayRef.current || cart.state.lines.length === 0) return;
      if (kind === 'sale') setOverlay({ kind: 'discount' });
      else {
        const id = productId ?? cart.state.lastTouched ?? cart.state.lines.at(-1)?.product.id;
        if (id !== undefined) setOverlay({ kind: 'discount', productId: id });
      }
    },
    [shift, cart.state],
  );

  const openHold = useCallback(() => {
    if (!shift || overlayRef.current) return;
    if (cart.state.lines.length === 0) {
      notify({ tone: 'info', text: { key: 'tx.hold.empty' } });
      return;
    }
    setOverlay({ kind: 'hold' });
  }, [shift, cart.state.lines.length, notify]);

  const openHeld = useCallback(() => {
    if (!shift || overlayRef.current) return;
    setOverlay({ kind: 'held' });
  }, [shift]);

  // F2 pay, F4 hold (Shift+F4 held sales), F6 line discount, F7 sale discount, F8 clear, F9 refund.
  // Esc is handled by the dialog or the scan field.
  // The handlers are read through a ref set at render, so a key pressed right
  // after the cart changes already sees the new cart (effects run later).
  const keys = useRef({ openPayment, askClear, openHold, openHeld, openDiscount });
  keys.current = { openPayment, askClear, openHold, openHeld, openDiscount };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { openPayment, askClear, openHold, openHeld, openDiscount } = keys.current;
      if (e.key === 'F2') {
        e.preventDefault();
        openPayment();
      } else if (e.key === 'F8') {
        e.preventDefault();
        askClear();
      } else if (e.key === 'F4') {
        e.preventDefault();
        if (e.shiftKey) openHeld();
        else openHold();
      } else if (e.key === 'F6') {
        e.preventDefault();
        openDiscount('line');
      } else if (e.key === 'F7') {
        e.preventDefault();
        openDiscount('sale');
      } else if (e.key === 'F9') {
        e.preventDefault();
        if (!overlayRef.current) navigate('refund');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!shift) return;
    call('sales.held', {})
      .then((l) => setHeldCount(l.length))
      .catch(() => undefined);
  }, [shift]);

  /** Apply a discount/override now, or first ask a manager when it goes over the limit. */
  const applyTerms = useCallback(
    (change: TermsChange, grant?: ApprovalGrant) => {
      const lines = cart.state.lines.map((l) =>
        change.productId === l.product.id
          ? { qty: l.qty, sellPrice: l.product.sellPrice, discount: change.discount, priceOverride: change.priceOverride }
          : { qty: l.qty, sellPrice: l.product.sellPrice, discount: l.discount, priceOverride: l.priceOverride },
      );
      const saleDiscount = change.productId === undefined ? change.discount : cart.state.discount;
      const needs = approvalNeeds(lines, saleDiscount, till.settings.discountLimitBps);
      const changesSomething = change.discount !== undefined || change.priceOverride !== undefined;
      if (!grant && !isManager && needs.length > 0 && changesSomething) {
        const names = cart.state.lines.map((l) => l.product.name);
        const priced = priceCartView(lines, saleDiscount);
        const reasons = needs.flatMap((kind): ReasonLike[] =>
          kind === 'line_discount' || kind === 'price_override'
            ? priced.lines
                .map((pl, i) => ({ pl, i }))
                .filter(({ pl }) => (kind === 'price_override' ? pl.listPrice !== null : pl.discount * 10_000 > pl.gross * till.settings.discountLimitBps))
                .map(({ i }) => ({ kind, line: i }))
            : [{ kind }],
        );
        setOverlay({ kind: 'approve', change, reasons: reasonTexts(t, reasons, names, bpsToPercent(till.settings.discountLimitBps)) });
        return;
      }
      if (change.productId !== undefined) cart.setLineTerms(change.productId, { discount: change.discount, priceOverride: change.priceOverride });
      else cart.setSaleDiscount(change.discount);
      if (grant) cart.setApproval(grant);
      else if (needs.length === 0) cart.setApproval(null);
      closeOverlay();
    },
    [cart, till.settings.discountLimitBps, isManager, t, closeOverlay],
  );

  const holdSale = useCallback(
    async (note: string) => {
      await call('sales.hold', {
        lines: checkoutLines(cart.state),
        ...(cart.state.discount ? { discount: cart.state.discount } : {}),
        ...(note ? { note } : {}),
      });
      cart.clear();
      setHeldCount((n) => n + 1);
      notify({ tone: 'success', text: { key: 'tx.hold.done' } });
      closeOverlay();
    },
    [cart, notify, closeOverlay],
  );

  const resumeSale = useCallback(
    async (id: number) => {
      const held = await call('sales.resume', { id });
      const products = await Promise.all(held.lines.map((l) => call('products.get', { id: l.productId }).catch(() => null)));
      const lines: CartLine[] = [];
      held.lines.forEach((l, i) => {
        const p = products[i];
        if (!p || !p.active) return;
        lines.push({
          product: toCartProduct(p),
          qty: l.qty,
          ...(l.discount ? { discount: l.discount } : {}),
          ...(l.priceOverride !== undefined ? { priceOverride: l.priceOverride } : {}),
        });
      });
      cart.load(lines, held.discount);
      setHeldCount((n) => Math.max(0, n - 1));
      notify({ tone: 'success', text: { key: 'tx.held.resumed', params: { note: held.note ?? '' } } });
      closeOverlay();
    },
    [cart, notify, closeOverlay],
  );

  // A click anywhere in the till that is not on a field gives the focus back to the scan field.
  const onTillClick = (e: React.MouseEvent) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, select, textarea, .dialog-backdrop')) return;
    focusScan();
  };

  // Keep the focus when the window comes back (alt-tab, another app's dialog).
  useEffect(() => {
    const onFocus = () => focusScan();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [focusScan]);

  const onCheckoutError = useCallback(
    (err: unknown) => {
      if (!(err instanceof ApiError)) return;
      if (err.code === 'SHIFT_CLOSED') void shiftState.reload();
      if (err.code === 'INSUFFICIENT_STOCK' || err.code === 'EXPIRED' || err.code === 'NOT_FOUND') {
        // Fresh stock for the lines, so the cart's own checks are right again.
        void Promise.all(cart.state.lines.map((l) => call('products.get', { id: l.product.id }).catch(() => null))).then((ps) =>
          cart.refresh(ps.filter((p): p is ProductView => p !== null).map(toCartProduct)),
        );
      }
    },
    [cart, shiftState],
  );

  const onSold = useCallback(
    (result: CheckoutResult) => {
      rememberSale(session.tillCode, { id: result.id, number: result.number, total: result.total, createdAt: result.createdAt });
      cart.clear();
      setMessage(null);
      setOverlay({ kind: 'done', result });
      void shiftState.reload();
      void printer.refresh();
    },
    [cart, shiftState, printer, session.tillCode],
  );

  const finishSale = useCallback(() => {
    closeOverlay();
    void catalog.reload();
    void printer.refresh();
  }, [closeOverlay, catalog, printer]);

  const retryPrint = async () => {
    if (!printer.failedReceipt) return;
    setRetrying(true);
    setRetryError(null);
    try {
      await printer.retry(printer.failedReceipt.id);
    } catch (err) {
      setRetryError(err);
    } finally {
      setRetrying(false);
      focusScan();
    }
  };

  const failed = printer.failedReceipt;

  return (
    <div className="till" onClick={onTillClick}>
      <TopBar
        shift={shift}
        latestJob={printer.latest}
        printerState={printer.printer}
        onPrinterClick={() => void printer.refreshAll()}
        onCloseShift={() => navigate('shiftClose')}
        onLogout={() => void logout()}
      />

      {failed && (
        <div className="print-banner" role="alert" data-testid="print-banner">
          <AlertIcon size={20} />
          <span>
            <strong>{t('printer.failedBanner')}</strong>
            {failed.lastError && <span className="print-banner-detail"> — {failed.lastError}</span>}
          </span>
          {retryError ? <span className="print-banner-detail">{describeError(t, retryError).detail}</span> : null}
          <button type="button" className="btn btn-sm btn-light" onClick={() => void retryPrint()} disabled={retrying} data-testid="retry-print">
            {t('printer.retry')}
          </button>
        </div>
      )}
      {!failed && printer.blocked && (
        <div className="print-banner print-banner-warn" role="status" data-testid="printer-warning">
          <AlertIcon size={20} />
          <span>
            <strong>{t('printer.needsAttention')}</strong>
            <span className="print-banner-detail"> — {DEVICE_LABEL[printer.blocked.state] ? t(DEVICE_LABEL[printer.blocked.state]!) : printer.blocked.message}</span>
          </span>
          <button type="button" className="btn btn-sm btn-light" onClick={() => void printer.refreshAll()}>
            {t('printer.checkAgain')}
          </button>
        </div>
      )}

      {shiftState.loading ? (
        <div className="till-loading">
          <div className="spinner" />
        </div>
      ) : shiftState.error && !shift ? (
        <div className="till-loading">
          <ErrorNotice error={shiftState.error} />
          <button type="button" className="btn btn-primary" onClick={() => void shiftState.reload()}>
            {t('common.retry')}
          </button>
        </div>
      ) : !shift ? (
        <OpenShiftPanel
          open={shiftState.open}
          onOpened={(s) => {
            if (!s) void shiftState.reload();
            focusScan();
          }}
        />
      ) : (
        <main className="till-main">
          <ProductFinder inputRef={scanRef} message={message} catalog={catalog.products} onAdd={addProduct} notify={notify} />
          <CartPanel
            cart={cart}
            onQty={changeQty}
            onPay={openPayment}
            onClear={askClear}
            focusScan={focusScan}
            onLineDiscount={(id) => openDiscount('line', id)}
            onSaleDiscount={() => openDiscount('sale')}
            onHold={openHold}
            onHeld={openHeld}
            onRefund={() => navigate('refund')}
            heldCount={heldCount}
            approvedBy={cart.approval?.username ?? null}
          />
        </main>
      )}

      {overlay?.kind === 'pay' && (
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
          onSuccess={onSold}
          onError={onCheckoutError}
          onClose={closeOverlay}
        />
      )}
      {overlay?.kind === 'done' && <SaleDoneDialog result={overlay.result} onClose={finishSale} onPrinted={() => void printer.refresh()} />}
      {overlay?.kind === 'discount' && (
        <DiscountDialog
          target={discountTarget(cart, overlay.productId)}
          limitBps={till.settings.discountLimitBps}
          isManager={isManager}
          onClose={closeOverlay}
          onApply={(terms) => applyTerms({ productId: overlay.productId, ...terms })}
        />
      )}
      {overlay?.kind === 'approve' && (
        <ApprovalDialog
          reasons={overlay.reasons}
          onCancel={closeOverlay}
          onApprove={(grant) => applyTerms(overlay.change, grant)}
        />
      )}
      {overlay?.kind === 'hold' && (
        <HoldDialog
          lineCount={cart.totals.lineCount}
          itemCount={cart.totals.itemCount}
          total={cart.totals.total}
          onHold={holdSale}
          onClose={closeOverlay}
        />
      )}
      {overlay?.kind === 'held' && (
        <HeldListDialog cartEmpty={cart.state.lines.length === 0} onResume={resumeSale} onClose={closeOverlay} onCount={setHeldCount} />
      )}
      {overlay?.kind === 'confirmClear' && (
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
      )}
    </div>
  );
}

function discountTarget(cart: ReturnType<typeof useCart>, productId: number | undefined): DiscountTarget {
  if (productId === undefined) {
    const p = cart.priced;
    return { kind: 'sale', base: p.subtotal - p.lineDiscounts, discount: cart.state.discount };
  }
  const i = cart.state.lines.findIndex((l) => l.product.id === productId);
  const line = cart.state.lines[i];
  return {
    kind: 'line',
    name: line?.product.name,
    qty: line?.qty ?? 1,
    listPrice: line?.product.sellPrice ?? 0,
    base: cart.priced.lines[i]?.gross ?? 0,
    discount: line?.discount,
    priceOverride: line?.priceOverride,
  };
}
