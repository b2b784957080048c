import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import './till.css';
import './till-operations.css';
import './till-keyboard.css';
import { ApiError, call } from '../../api';
import { useT, type Translate } from '../../i18n';
import { describeError } from '../../i18n/errors';
import type { CheckoutResult, TillProductView } from '../../../../shared/types';
import { useSession } from '../../app/session';
import { navigate } from '../../app/routes';
import { ErrorNotice } from '../../components/error-notice';
import { errorBeep } from '../../lib/beep';
import { CommandProvider } from '../../lib/commands';
import { OpenShiftPanel } from '../shift/open-shift-panel';
import { useCurrentShift } from '../shift/use-shift';
import { toCartProduct } from './cart';
import { rememberSale } from '../refunds/recent';
import { useTillSettings } from './use-till-settings';
import { CartPanel } from './cart-panel';
import type { ScanOutcome } from './payment-dialog';
import { PrintBanner } from './print-banner';
import { ProductFinder, type FinderHandle, type MessageText } from './product-finder';
import { SaleDoneCard } from './sale-done-card';
import { TillOverlays } from './till-overlays';
import { TopBar } from './top-bar';
import { useCart } from './use-cart';
import { useHeldSales } from './use-held-sales';
import { useCatalog } from './use-product-search';
import { usePrinterStatus } from './use-printer-status';
import { useTermsApproval } from './use-terms-approval';
import { useTillKeymap } from './use-till-keymap';
import { problemText, useTillMessage } from './use-till-message';
import { useTillOverlay } from './use-till-overlay';
import { usePendingCheckout } from './use-pending-checkout';
import { ClockSkewWarning, HostOfflineBanner, PendingSalePanel } from './offline-parts';
import { isUnreachable } from '../../lib/host-link';
import { ScanNote, useScanCatcher, type ScanAnswer } from '../../lib/scan-catcher';

/** A scanned code's product, or why there is none (`unknown`: no product has that code). */
async function lookUpCode(t: Translate, code: string): Promise<TillProductView | Exclude<ScanOutcome, { kind: 'added' }>> {
  try {
    return await call('products.lookup', { code: code.slice(0, 64) });
  } catch (err) {
    if (err instanceof ApiError && err.code === 'NOT_FOUND') return { kind: 'unknown' };
    return { kind: 'refused', text: describeError(t, err).title };
  }
}

/**
 * The main screen: scan, cart, pay. Keyboard first: the scan field has the
 * focus, and a key typed anywhere else on the till still lands in it, so no
 * scan is ever lost (after a sale the done card sits in the cart's place
 * and takes no focus). Every till action is a command (till-commands.ts,
 * wired in use-till-keymap.ts); the dialogs over the till are till-overlays.tsx.
 */
export function TillScreen() {
  const t = useT();
  const { session, logout, isManager } = useSession();
  const till = useTillSettings();
  const shiftState = useCurrentShift();
  const { shift } = shiftState;
  const printer = usePrinterStatus();
  const cart = useCart(session.tillCode);
  const catalog = useCatalog();
  const scanRef = useRef<HTMLInputElement>(null);
  const finderRef = useRef<FinderHandle>(null);
  const { overlay, overlayRef, open, closeOverlay, dismissNow, focusScan } = useTillOverlay(scanRef);
  const { message, notify, clearMessage } = useTillMessage();
  const held = useHeldSales(cart, shift, notify, closeOverlay);
  const terms = useTermsApproval(cart, till.settings.discountLimitBps, isManager, t, open, closeOverlay);
  /** The last sale at this till: its card shows while the cart is still empty. */
  const [lastSale, setLastSale] = useState<CheckoutResult | null>(null);
  const [doneShown, setDoneShown] = useState(false);

  // The first item of the next sale puts the last sale's card away.
  useEffect(() => {
    if (cart.state.lines.length > 0) setDoneShown(false);
  }, [cart.state.lines.length]);

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
    [cart, notify],
  );

  /** A scan that arrived while the payment dialog was open. */
  const scanDuringPayment = useCallback(
    async (code: string): Promise<ScanOutcome> => {
      const product = await lookUpCode(t, code);
      if ('kind' in product) return product;
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
    [cart, notify, t],
  );

  /** Scanned before the shift was opened: they go into the first cart (after the shift is open). */
  const scansBeforeShift = useRef<string[]>([]);
  useEffect(() => {
    if (shift && scansBeforeShift.current.length > 0) finderRef.current?.enqueue(scansBeforeShift.current.splice(0));
  }, [shift]);

  /**
   * A scan that landed in a field of the till other than the scan field (a dialog, a quantity, the
   * opening float): it goes into the cart as if scanned there, and the field is left as it was.
   */
  const scanElsewhere = useCallback(
    async (code: string): Promise<ScanAnswer> => {
      let outcome: ScanOutcome;
      if (shift) outcome = await scanDuringPayment(code);
      else {
        const product = await lookUpCode(t, code);
        if (!('kind' in product)) {
          scansBeforeShift.current.push(code);
          return { isScan: true, note: { tone: 'info', text: t('scan.keptForShift', { name: product.name }) } };
        }
        outcome = product;
      }
      if (outcome.kind === 'added') return { isScan: true, note: { tone: 'success', text: t('pay.scanned', { name: outcome.name }) } };
      if (outcome.kind === 'refused') return { isScan: true, note: { tone: 'error', text: outcome.text } };
      return { isScan: false, note: { tone: 'error', text: t('till.unknownCode', { code }) } };
    },
    [shift, scanDuringPayment, t],
  );
  const catcher = useScanCatcher(scanElsewhere);

  const changeQty = useCallback(
    (productId: number, qty: number) => {
      const line = cart.state.lines.find((l) => l.product.id === productId);
      const problem = cart.setQty(productId, qty);
      if (problem && line) notify({ tone: 'error', ...problemText(problem, line.product.name) });
    },
    [cart, notify],
  );

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

  const { commands, commandState } = useTillKeymap({
    shiftOpen: Boolean(shift),
    lines: cart.state.lines.length,
    pricingProblem: cart.priced.problem !== null,
    overlay,
    overlayRef,
    isManager,
    lastSale: lastSale !== null,
    lastLineId: cart.state.lastTouched ?? cart.state.lines.at(-1)?.product.id,
    finderRef,
    open,
    reprintLast: () => void reprintLast(),
    notify,
    focusScan,
  });

  // A click anywhere in the till that is not on a field gives the focus back to the scan field.
  const onTillClick = (e: React.MouseEvent) => {
    const target = e.target as HTMLElement;
    if (target.closest('input, select, textarea, .dialog-backdrop')) return;
    focusScan();
  };

  const onCheckoutError = useCallback(
    (err: unknown) => {
      // No answer from the host: the kept checkout takes over (sent again until the host answers).
      if (isUnreachable(err)) {
        closeOverlay();
        return;
      }
      if (!(err instanceof ApiError)) return;
      if (err.code === 'SHIFT_CLOSED') void shiftState.reload();
      if (err.code === 'INSUFFICIENT_STOCK' || err.code === 'EXPIRED' || err.code === 'NOT_FOUND') {
        // Fresh stock for the lines, so the cart's own checks are right again.
        void Promise.all(cart.state.lines.map((l) => call('products.get', { id: l.product.id }).catch(() => null))).then((ps) =>
          cart.refresh(ps.filter((p): p is TillProductView => p !== null).map(toCartProduct)),
        );
      }
    },
    [cart, shiftState, closeOverlay],
  );

  const onSold = useCallback(
    (result: CheckoutResult, later: string[] = [], typing = '') => {
      rememberSale(session.tillCode, { id: result.id, number: result.number, total: result.total, createdAt: result.createdAt });
      cart.clear();
      clearMessage();
      setLastSale(result);
      setDoneShown(true);
      // No dialog after a sale: the scan field has the focus at once.
      dismissNow();
      // Scanned while the sale was being sent: the next customer's first items, and what was half typed.
      finderRef.current?.enqueue(later);
      for (const ch of typing) finderRef.current?.typeAhead(ch);
      void shiftState.reload();
      void printer.refresh();
      void catalog.reload();
    },
    [cart, shiftState, printer, catalog, session.tillCode, clearMessage, dismissNow],
  );

  const onPendingRefused = useCallback(
    (err: unknown) => {
      const { detail } = describeError(t, err);
      notify({ tone: 'error', text: { key: 'offline.refused' }, detail });
      onCheckoutError(err);
    },
    [notify, onCheckoutError, t],
  );
  const kept = usePendingCheckout(session.tillCode, overlay?.kind === 'pay', onSold, onPendingRefused);

  const putDoneAway = useCallback(() => setDoneShown(false), []);

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
      <div className="till" onClick={onTillClick} onKeyDownCapture={catcher.onKeyDownCapture}>
        <ScanNote note={catcher.note} />
        <TopBar
          shift={shift}
          latestJob={printer.latest}
          printerState={printer.printer}
          onPrinterClick={() => void printer.refreshAll()}
          onCloseShift={() => navigate('shiftClose')}
          onLogout={() => void logout()}
        />
        <PrintBanner printer={printer} focusScan={focusScan} />
        <HostOfflineBanner onMoved={() => open({ kind: 'hostMove' })} />
        <ClockSkewWarning />

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
        ) : kept.pending && overlay?.kind !== 'pay' ? (
          <main className="till-main">
            <PendingSalePanel pending={kept.pending} cart={cart.state} sending={kept.sending} />
          </main>
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
              onLineDiscount={(id) => open({ kind: 'discount', productId: id })}
              heldCount={held.heldCount}
              approvedBy={cart.approval?.approvedByName ?? null}
              done={doneCard}
            />
          </main>
        )}

        <TillOverlays
          overlay={overlay}
          cart={cart}
          till={till}
          isManager={isManager}
          terms={terms}
          held={held}
          commandState={commandState}
          closeOverlay={closeOverlay}
          notify={notify}
          onScan={scanDuringPayment}
          onSold={onSold}
          onCheckoutError={onCheckoutError}
          tillCode={session.tillCode}
        />
      </div>
    </CommandProvider>
  );
}
