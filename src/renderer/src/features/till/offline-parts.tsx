/** What a till shows while the host (the main computer) does not answer (issue 18). */
import { useCallback, useEffect } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import { CLOCK_SKEW_LIMIT_MS, useClockSkew, useHostReachable } from '../../lib/host-link';
import { cartTotals, type CartState } from './cart';
import type { PendingCheckout } from './pending-checkout';
import { HostMovedButton } from '../pairing/host-move-dialog';

const ping = () => call('setup.status', {});

/** "Komputer utama tidak terhubung" over the till while the host does not answer; asks again every 2 s. */
export function HostOfflineBanner({ onMoved }: { onMoved(): void }) {
  const t = useT();
  const up = useHostReachable(ping);
  if (up) return null;
  return (
    <div className="notice notice-error host-offline" role="alert" data-testid="host-offline">
      <strong>{t('offline.title')}</strong>
      <span className="notice-detail">
        {t('offline.body')} {t('offline.retrying')}
      </span>
      <HostMovedButton onOpen={onMoved} />
    </div>
  );
}

/** The sale on its way to the host, in place of the scan field until the host answered it. */
export function PendingSalePanel({ pending, cart, sending }: { pending: PendingCheckout; cart: CartState; sending: boolean }) {
  const t = useT();
  const up = useHostReachable();
  return (
    <section className="card pending-sale" data-testid="pending-sale" data-request-id={pending.input.clientRequestId}>
      <h2>{t('offline.pendingTitle', { total: formatRupiah(pending.total) })}</h2>
      <p>{t('offline.pendingBody')}</p>
      <p className="muted" data-testid="pending-status">
        {up ? t('offline.sending') : `${t('offline.title')} · ${t('offline.retrying')}`}
        {sending && up ? ' …' : ''}
      </p>
      <SavedCartLines cart={cart} />
    </section>
  );
}

/** The kept cart's lines, read-only. */
export function SavedCartLines({ cart }: { cart: CartState }) {
  const t = useT();
  const totals = cartTotals(cart);
  return (
    <div className="saved-cart" data-testid="saved-cart">
      <p>
        <strong>{t('offline.cart', { n: totals.itemCount, total: formatRupiah(totals.total) })}</strong>
      </p>
      <ul>
        {cart.lines.map((l) => (
          <li key={l.product.id} data-testid="saved-cart-line">
            {l.qty} × {l.product.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Every cart kept on this device (the boot screen does not know the till yet). */
function savedCarts(): CartState[] {
  const carts: CartState[] = [];
  try {
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith('kasir.cart.')) continue;
      const c = JSON.parse(localStorage.getItem(key) ?? 'null') as CartState | null;
      if (c && Array.isArray(c.lines) && c.lines.length > 0) carts.push(c);
    }
  } catch {
    /* nothing kept */
  }
  return carts;
}

/**
 * The boot screen when the host does not answer at all (the page was reloaded while it was off):
 * the message, the kept cart, and a new try every 2 s; once the host answers, `onBack` boots the
 * app and the till sends any kept checkout again.
 */
export function HostOfflineScreen({ onBack }: { onBack(): void }) {
  const t = useT();
  const carts = savedCarts();
  const tryAgain = useCallback(async () => {
    try {
      await call('setup.status', {});
      onBack();
    } catch {
      /* still off */
    }
  }, [onBack]);
  useEffect(() => {
    const id = setInterval(() => void tryAgain(), 2000);
    return () => clearInterval(id);
  }, [tryAgain]);
  return (
    <div className="boot">
      <div className="card boot-card" data-testid="host-offline-screen">
        <div className="notice notice-error" role="alert" data-testid="host-offline">
          <strong>{t('offline.title')}</strong>
          <span className="notice-detail">{t('offline.body')}</span>
        </div>
        {carts.map((c) => (
          <SavedCartLines key={c.requestId} cart={c} />
        ))}
        <p className="muted">{t('offline.retrying')}</p>
        <div className="pay-actions">
          <HostMovedButton />
          <button type="button" className="btn btn-primary btn-lg" onClick={() => void tryAgain()}>
            {t('common.retry')}
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * A warning when this till's clock differs from the host's by more than a minute. Sale times always
 * come from the host; the warning is so the cashier's own reading of the time is not wrong.
 */
export function ClockSkewWarning() {
  const t = useT();
  const skew = useClockSkew();
  if (skew === null || Math.abs(skew) <= CLOCK_SKEW_LIMIT_MS) return null;
  return (
    <div className="notice notice-info notice-compact clock-skew" role="status" data-testid="clock-skew">
      {t('clock.skew', { minutes: Math.round(Math.abs(skew) / 60_000) })}
    </div>
  );
}
