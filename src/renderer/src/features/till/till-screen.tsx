import { useCallback, useEffect, useRef, useState } from 'react';
import './till.css';
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
import { checkoutLines, toCartProduct, type StockProblem } from './cart';
import { CartPanel } from './cart-panel';
import { PaymentDialog } from './payment-dialog';
import { ProductFinder, type MessageText, type TillMessage } from './product-finder';
import { SaleDoneDialog } from './sale-done-dialog';
import { TopBar } from './top-bar';
import { useCart } from './use-cart';
import { useCatalog } from './use-product-search';
import { usePrinterStatus } from './use-printer-status';

type Overlay = { kind: 'pay' } | { kind: 'confirmClear' } | { kind: 'done'; result: CheckoutResult } | null;

const MESSAGE_MS = 6000;

/** The main screen: scan, cart, pay. Keyboard first; the scan field always has focus. */
export function TillScreen() {
  const t = useT();
  const { session, logout } = useSession();
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

  // F2 pay, F8 clear. Esc is handled by the dialog or the scan field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        openPayment();
      } else if (e.key === 'F8') {
        e.preventDefault();
        askClear();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openPayment, askClear]);

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
      cart.clear();
      setMessage(null);
      setOverlay({ kind: 'done', result });
      void shiftState.reload();
      void printer.refresh();
    },
    [cart, shiftState, printer],
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
            <span className="print-banner-detail"> — {printer.blocked.message}</span>
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
          <CartPanel cart={cart} onQty={changeQty} onPay={openPayment} onClear={askClear} focusScan={focusScan} />
        </main>
      )}

      {overlay?.kind === 'pay' && (
        <PaymentDialog
          total={cart.totals.total}
          itemCount={cart.totals.itemCount}
          requestId={cart.state.requestId}
          lines={checkoutLines(cart.state)}
          onSuccess={onSold}
          onError={onCheckoutError}
          onClose={closeOverlay}
        />
      )}
      {overlay?.kind === 'done' && <SaleDoneDialog result={overlay.result} onClose={finishSale} onPrinted={() => void printer.refresh()} />}
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
