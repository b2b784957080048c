import { useState, type FormEvent } from 'react';
import { useLang, useT } from '../../i18n';
import { formatRupiah, type Rupiah } from '../../../../shared/money';
import type { ShiftView } from '../../../../shared/types';
import { AppBar } from '../../components/app-bar';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { RupiahInput } from '../../components/rupiah-input';
import { useSession } from '../../app/session';
import { navigate } from '../../app/routes';
import { formatDateTime } from '../../lib/format';
import { useCurrentShift } from './use-shift';

/** Count the drawer and close the shift; then show expected, counted and the variance. */
export function CloseShiftScreen() {
  const t = useT();
  const { lang } = useLang();
  const { shop, logout } = useSession();
  const { shift, loading, error, close } = useCurrentShift();
  const [counted, setCounted] = useState<Rupiah | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [closeError, setCloseError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [closed, setClosed] = useState<ShiftView | null>(null);

  const doClose = async () => {
    if (counted === null || busy) return;
    setConfirming(false);
    setBusy(true);
    setCloseError(null);
    try {
      setClosed(await close(counted));
    } catch (err) {
      setCloseError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (counted === null) return;
    setConfirming(true);
  };

  const when = (ms: number) => formatDateTime(ms, shop.timeZone, lang);

  return (
    <div className="page">
      <AppBar title={t('shift.closeTitle')}>
        <a className="btn btn-secondary btn-sm" href="#/till">
          ← {t('nav.backToTill')}
        </a>
      </AppBar>
      <main className="page-body page-narrow">
        {loading && <div className="spinner" />}
        <ErrorNotice error={error} />

        {closed ? (
          <section className="card shift-result" data-testid="shift-result">
            <h2>{t('shift.closedTitle')}</h2>
            <p className="muted">
              {t('shift.closedAt', { time: closed.closedAt ? when(closed.closedAt) : '' })} · {closed.tillCode}
            </p>
            <dl className="stat-list stat-list-lg">
              <div>
                <dt>{t('shift.expectedCash')}</dt>
                <dd>{formatRupiah(closed.expectedCash)}</dd>
              </div>
              <div>
                <dt>{t('shift.countedCash')}</dt>
                <dd>{formatRupiah(closed.countedCash ?? 0)}</dd>
              </div>
              <div className={`variance ${varianceClass(closed.variance ?? 0)}`}>
                <dt>{t('shift.variance')}</dt>
                <dd data-testid="variance">
                  {(closed.variance ?? 0) > 0 ? '+' : ''}
                  {formatRupiah(closed.variance ?? 0)}
                </dd>
              </div>
            </dl>
            <p className="variance-note">
              {(closed.variance ?? 0) === 0
                ? t('shift.varianceZero')
                : (closed.variance ?? 0) < 0
                  ? t('shift.varianceShort')
                  : t('shift.varianceOver')}
            </p>
            <div className="btn-row">
              <button type="button" className="btn btn-primary btn-lg" onClick={() => navigate('till')}>
                {t('shift.openNew')}
              </button>
              <button type="button" className="btn btn-secondary btn-lg" onClick={() => void logout()}>
                {t('nav.logout')}
              </button>
            </div>
          </section>
        ) : (
          !loading &&
          (shift ? (
            <form className="card shift-close" onSubmit={submit}>
              <div className="shift-close-head">
                <div>
                  <h2>{t('shift.summary')}</h2>
                  <p className="muted">
                    {t('shift.openedBy', { time: when(shift.openedAt), name: shift.openedByName })} · {shift.tillCode}
                  </p>
                </div>
              </div>
              <dl className="stat-list">
                <div>
                  <dt>{t('shift.openingFloat')}</dt>
                  <dd>{formatRupiah(shift.openingFloat)}</dd>
                </div>
                <div>
                  <dt>{t('shift.salesCount')}</dt>
                  <dd>{shift.salesCount}</dd>
                </div>
                <div>
                  <dt>{t('shift.salesTotal')}</dt>
                  <dd>{formatRupiah(shift.salesTotal)}</dd>
                </div>
                <div>
                  <dt>{t('shift.cashSales')}</dt>
                  <dd>{formatRupiah(shift.cashSales)}</dd>
                </div>
                <div>
                  <dt>{t('shift.changeGiven')}</dt>
                  <dd>−{formatRupiah(shift.changeGiven)}</dd>
                </div>
                {shift.cashRefunds > 0 && (
                  <div>
                    <dt>{t('shift.cashRefunds')}</dt>
                    <dd>−{formatRupiah(shift.cashRefunds)}</dd>
                  </div>
                )}
                {shift.payIns > 0 && (
                  <div>
                    <dt>{t('shift.payIns')}</dt>
                    <dd>+{formatRupiah(shift.payIns)}</dd>
                  </div>
                )}
                {shift.payOuts > 0 && (
                  <div>
                    <dt>{t('shift.payOuts')}</dt>
                    <dd>−{formatRupiah(shift.payOuts)}</dd>
                  </div>
                )}
              </dl>
              <div className="expected-box">
                <span>{t('shift.expectedCash')}</span>
                <strong data-testid="expected-cash">{formatRupiah(shift.expectedCash)}</strong>
              </div>
              <label className="label" htmlFor="counted-cash">
                {t('shift.countedCashInput')}
              </label>
              <RupiahInput id="counted-cash" size="xl" value={counted} onValueChange={setCounted} autoFocus placeholder="0" />
              {counted !== null && (
                <p className={`variance-preview ${varianceClass(counted - shift.expectedCash)}`}>
                  {t('shift.variance')}: {counted - shift.expectedCash > 0 ? '+' : ''}
                  {formatRupiah(counted - shift.expectedCash)}
                </p>
              )}
              <ErrorNotice error={closeError} />
              <button type="submit" className="btn btn-danger btn-xl btn-block" disabled={counted === null || busy}>
                {busy ? t('common.saving') : t('shift.closeButton')}
              </button>
            </form>
          ) : (
            <section className="card empty-card">
              <h2>{t('shift.noneOpen')}</h2>
              <button type="button" className="btn btn-primary btn-lg" onClick={() => navigate('till')}>
                {t('nav.backToTill')}
              </button>
            </section>
          ))
        )}
      </main>
      {confirming && shift && counted !== null && (
        <ConfirmDialog
          title={t('shift.confirmClose')}
          confirmLabel={t('shift.closeButton')}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => void doClose()}
        >
          <p>{t('shift.confirmCloseBody', { counted: formatRupiah(counted), expected: formatRupiah(shift.expectedCash) })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

export const varianceClass = (v: number): string => (v < 0 ? 'neg' : v === 0 ? 'zero' : 'pos');
