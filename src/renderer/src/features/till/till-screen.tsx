import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import './till.css';
import './till-operations.css';
import './till-keyboard.css';
import { ApiError, call } from '../../api';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/errors';
import type { CheckoutResult, TillProductView } from '../../../../shared/types';
import type { ApprovalGrant } from '../../../../shared/types-till';
import { useSession } from '../../app/session';
import { navigate } from '../../app/routes';
import { CommandHelp } from '../../components/command-help';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { AlertIcon } from '../../components/icons';
import { errorBeep } from '../../lib/beep';
import { CommandProvider, useCommands } from '../../lib/commands';
import { isCharKey } from '../../lib/scan-burst';
import { OpenShiftPanel } from '../shift/open-shift-panel';
import { DrawerDialog } from '../shift/cash-dialogs';
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
import { CartPanel } from './cart-panel';
import { PaymentDialog, type ScanOutcome } from './payment-dialog';
import { ProductFinder, type FinderHandle, type MessageText, type TillMessage } from './product-finder';
import { SaleDoneCard } from './sale-done-card';
import { TILL_COMMANDS, type TillCommandState } from './till-commands';
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
  | { kind: 'discount'; productId?: number }
  | { kind: 'approve'; change: TermsChange; reasons: string[] }
  | { kind: 'hold' }
  | { kind: 'held' }
  | { kind: 'drawer' }
  | { kind: 'help' }
  | null;

const MESSAGE_MS = 6000;

const isEditable = (target: EventTarget | null): boolean => {
  const el = target as HTMLElement | null;
  return Boolean(el?.closest?.('input, textarea, select, button, a, summary, [contenteditable="true"], [role="dialog"]'));
};

/**
 * The main screen: scan, cart, pay. Keyboard first: the scan field has the
 * focus, and a key typed anywhere else on the till still lands in it, so no
 * scan is ever lost (after a sale the done card sits in the cart's place
 * and takes no focus). Every till action is a command (till-commands.ts).
 */
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
  /** The last sale at this till: its card shows while the cart is still empty. */
  const [lastSale, setLastSale] = useState<CheckoutResult | null>(null);
  const [doneShown, setDoneShown] = useState(false);
  const scanRef = useRef<HTMLInputElement>(null);
  const finderRef = useRef<FinderHandle>(null);
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

  // The first item of the next sale puts the last sale's card away.
  useEffect(() => {
    if (cart.state.lines.length > 0) setDoneShown(false);
  }, [cart.state.lines.length]);

  const problemText = useCallback((problem: StockProblem, name: string): { text: MessageText; detail?: MessageText } => {
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
  }, []);

  const addProduct = useCallback(
    (p: TillProductView, qty: number): boolean => {
      const problem = cart.add(toCartProduct(p), qty);
      if (problem) {
        notify({ tone: 'error', ...problemText(problem, p.name) });
        return false;
      }
      notify({ tone: 'success', text: { key: 'till.added', params: { name: p.name, qty } } });
      return true;
    },
    [cart, notify, problemText],
  );

  /** A scan that arrived while the payment dialog was open. */
  const scanDuringPayment = useCallback(
    async (code: string): Promise<ScanOutcome> => {
      let product: TillProductView;
      try {
        product = await call('products.lookup', { code: code.slice(0, 64) });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'NOT_FOUND') return { kind: 'unknown' };
        return { kind: 'refused', text: describeError(t, err).title };
      }
      const problem = cart.add(toCartProduct(product), 1);
      if (problem) {
        const m = problemText(problem, product.name);
        errorBeep();
        const show = (x: MessageText | undefined) => (x === undefined ? '' : typeof x === 'string' ? x : t(x.key, x.params));
        return { kind: 'refused', text: [show(m.text), show(m.detail)].filter(Boolean).join(' — ') };
      }
      notify({ tone: 'success', text: { key: 'till.added', params: { name: product.name, qty: 1 } } });
      return { kind: 'added', name: product.name };
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

  const closeOverlay = useCallback(() => {
    setOverlay(null);
    overlayRef.current = null;
    focusScan();
  }, [focusScan]);

  const lastLineId = cart.state.lastTouched ?? cart.state.lines.at(-1)?.product.id;

  const reprintLast = useCallback(async () => {
    if (!lastSale) return;
    try {
      await call('sales.reprint', { id: lastSale.id });
      notify({ tone: 'success', text: { key: 'cmd.reprint.done', params: { number: lastSale.number } } });
      void printer.refresh();
    } catch (err) {
      const { code, detail } = describeError(t, err);
      notify({ tone: 'error', text: { key: `error.${code}` as 'error.INTERNAL' }, detail });
    }
  }, [lastSale, notify, printer, t]);

  const commandState: TillCommandState = {
    shiftOpen: Boolean(shift),
    lines: cart.state.lines.length,
    overlay: overlay !== null,
    isManager,
    lastSale: lastSale !== null,
    actions: {
      help: () => setOverlay({ kind: 'help' }),
      pay: () => setOverlay({ kind: 'pay' }),
      search: () => finderRef.current?.focusSelect(),
      hold: () => setOverlay({ kind: 'hold' }),
      held: () => setOverlay({ kind: 'held' }),
      quantity: () => {
        // After any focus the scan field is still due to get (a dialog just closed).
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`[data-product="${lastLineId}"] [data-testid="qty-input"]`)?.focus());
      },
      lineDiscount: () => lastLineId !== undefined && setOverlay({ kind: 'discount', productId: lastLineId }),
      saleDiscount: () => setOverlay({ kind: 'discount' }),
      clear: () => setOverlay({ kind: 'confirmClear' }),
      refund: () => navigate('refund'),
      reprint: () => void reprintLast(),
      drawer: () => setOverlay({ kind: 'drawer' }),
    },
  };
  const commands = useCommands(TILL_COMMANDS, commandState, {
    onRefused: (command, state) => {
      const why = command.why?.(state);
      if (why && why !== 'cmd.why.dialog') notify({ tone: 'info', text: { key: why } });
    },
  });

  // A key typed while the focus is on nothing in particular (after a sale, after a click on
  // the page) goes into the scan field: a scanner's digits and its Enter are never lost.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || overlayRef.current || isEditable(e.target)) return;
      if (isCharKey(e)) {
        e.preventDefault();
        finderRef.current?.typeAhead(e.key);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        finderRef.current?.enter();
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

  /** The cart as it will be once `change` is applied: what the manager is asked to approve. */
  const cartWith = (change: TermsChange) => {
    const lines = checkoutLines(cart.state).map((l) =>
      l.productId === change.productId
        ? {
            productId: l.productId,
            qty: l.qty,
            ...(change.discount ? { discount: change.discount } : {}),
            ...(change.priceOverride !== undefined ? { priceOverride: change.priceOverride } : {}),
          }
        : l,
    );
    const discount = change.productId === undefined ? change.discount : cart.state.discount;
    return { lines, ...(discount ? { discount } : {}) };
  };

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
          cart.refresh(ps.filter((p): p is TillProductView => p !== null).map(toCartProduct)),
        );
      }
    },
    [cart, shiftState],
  );

  const onSold = useCallback(
    (result: CheckoutResult, later: string[] = [], typing = '') => {
      rememberSale(session.tillCode, { id: result.id, number: result.number, total: result.total, createdAt: result.createdAt });
      cart.clear();
      setMessage(null);
      setLastSale(result);
      setDoneShown(true);
      // No dialog after a sale: the scan field has the focus at once.
      setOverlay(null);
      overlayRef.current = null;
      scanRef.current?.focus();
      // Scanned while the sale was being sent: the next customer's first items, and what was half typed.
      finderRef.current?.enqueue(later);
      for (const ch of typing) finderRef.current?.typeAhead(ch);
      void shiftState.reload();
      void printer.refresh();
      void catalog.reload();
    },
    [cart, shiftState, printer, catalog, session.tillCode],
  );

  const putDoneAway = useCallback(() => setDoneShown(false), []);

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
  const doneCard = useMemo(
    () =>
      lastSale && doneShown ? (
        <SaleDoneCard
          key={lastSale.id}
          result={lastSale}
          onClose={() => {
            putDoneAway();
            focusScan();
          }}
          onPrinted={() => void printer.refresh()}
        />
      ) : null,
    [lastSale, doneShown, putDoneAway, focusScan, printer],
  );

  return (
    <CommandProvider api={commands}>
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
            <ProductFinder
              ref={finderRef}
              inputRef={scanRef}
              message={message}
              catalog={catalog.products}
              onAdd={addProduct}
              notify={notify}
              onEmptyKey={putDoneAway}
            />
            <CartPanel
              cart={cart}
              onQty={changeQty}
              focusScan={focusScan}
              onLineDiscount={(id) => setOverlay({ kind: 'discount', productId: id })}
              heldCount={heldCount}
              approvedBy={cart.approval?.approvedByName ?? null}
              done={doneCard}
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
            onScan={scanDuringPayment}
            onSuccess={onSold}
            onError={onCheckoutError}
            onClose={closeOverlay}
          />
        )}
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
            request={{ action: 'sales.checkout', ...cartWith(overlay.change) }}
            onCancel={closeOverlay}
            onApproved={(grant) => applyTerms(overlay.change, grant)}
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
        {overlay?.kind === 'drawer' && (
          <DrawerDialog
            onClose={closeOverlay}
            onDone={(text) => {
              notify({ tone: 'success', text });
              closeOverlay();
            }}
          />
        )}
        {overlay?.kind === 'help' && <CommandHelp table={TILL_COMMANDS} state={{ ...commandState, overlay: false }} onClose={closeOverlay} />}
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
    </CommandProvider>
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
