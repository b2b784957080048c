import { useState, type FormEvent } from 'react';
import '../till/till-operations.css';
import { useLang, useT, type MessageKey } from '../../i18n';
import { formatNumber, formatRupiah } from '../../../../shared/money';
import type { PrintJobView, ShiftView } from '../../../../shared/types';
import { DENOMINATIONS, type ShiftReport } from '../../../../shared/types-till';
import { AppBar } from '../../components/app-bar';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { PrinterIcon } from '../../components/icons';
import { useSession } from '../../app/session';
import { navigate } from '../../app/routes';
import { formatDateTime } from '../../lib/format';
import { usePrintJob } from '../till/use-printer-status';
import { CashMoveDialog, DrawerDialog, XReportDialog } from './cash-dialogs';
import { countedTotal, denominationInput, isCoin, parseCount, type DenominationCounts } from './denominations';
import { ShiftReportView } from './report-view';
import { useCurrentShift } from './use-shift';

type Tool = 'in' | 'out' | 'x' | 'drawer' | null;

/** The shift's cash: pay-ins and pay-outs, the X report, the drawer; count by denomination and close (Z report). */
export function CloseShiftScreen() {
  const t = useT();
  const { lang } = useLang();
  const { shop, logout, isManager } = useSession();
  const { shift, loading, error, close, reload } = useCurrentShift();
  const [counts, setCounts] = useState<DenominationCounts>({});
  const [touched, setTouched] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [closeError, setCloseError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [closed, setClosed] = useState<(ShiftView & { report: ShiftReport; printJob?: PrintJobView }) | null>(null);
  const [tool, setTool] = useState<Tool>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [job] = usePrintJob(closed?.printJob);

  const counted = countedTotal(counts);

  const doClose = async () => {
    if (busy) return;
    setConfirming(false);
    setBusy(true);
    setCloseError(null);
    try {
      setClosed((await close({ denominations: denominationInput(counts) })) as ShiftView & { report: ShiftReport; printJob?: PrintJobView });
    } catch (err) {
      setCloseError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setConfirming(true);
  };

  const when = (ms: number) => formatDateTime(ms, shop.timeZone, lang);
  const status = job?.status ?? 'none';
  const toolDone = (message: string) => {
    setTool(null);
    setNotice(message);
    void reload();
  };

  return (
    <div className="page">
      <AppBar title={t('tx.nav.shift')}>
        <a className="btn btn-secondary btn-sm" href="#/till">
          ← {t('nav.backToTill')}
        </a>
      </AppBar>
      <main className="page-body shift-page">
        {loading && <div className="spinner" />}
        <ErrorNotice error={error} />

        {closed ? (
          <section className="card shift-result shift-z" data-testid="shift-result">
            <div className="shift-z-head">
              <div>
                <h2>{t('shift.closedTitle')}</h2>
                <p className="muted">
                  {t('shift.closedAt', { time: closed.closedAt ? when(closed.closedAt) : '' })} · {closed.tillCode}
                </p>
              </div>
              <div className={`variance variance-chip ${varianceClass(closed.variance ?? 0)}`}>
                <span>{t('shift.variance')}</span>
                <strong data-testid="variance">
                  {(closed.variance ?? 0) > 0 ? '+' : ''}
                  {formatRupiah(closed.variance ?? 0)}
                </strong>
              </div>
              <div className={`print-status print-${status}`} data-testid="z-print-status" data-status={status}>
                <PrinterIcon size={18} />
                <span>{t(`tx.print.${status}` as MessageKey)}</span>
              </div>
            </div>
            <p className="variance-note">
              {(closed.variance ?? 0) === 0
                ? t('shift.varianceZero')
                : (closed.variance ?? 0) < 0
                  ? t('shift.varianceShort')
                  : t('shift.varianceOver')}
            </p>
            <ShiftReportView report={closed.report} />
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
            <>
              <div className="shift-tools" role="toolbar">
                <button type="button" className="btn btn-secondary" onClick={() => setTool('in')} data-testid="pay-in">
                  + {t('tx.cash.inTitle')}
                </button>
                <button type="button" className="btn btn-secondary" onClick={() => setTool('out')} data-testid="pay-out">
                  − {t('tx.cash.outTitle')}
                </button>
                <button type="button" className="btn btn-secondary" onClick={() => setTool('x')} data-testid="x-report">
                  <PrinterIcon size={16} /> {t('tx.report.xButton')}
                </button>
                {isManager && (
                  <button type="button" className="btn btn-secondary" onClick={() => setTool('drawer')} data-testid="open-drawer">
                    {t('tx.drawer.title')}
                  </button>
                )}
                {notice && (
                  <span className="notice notice-success notice-compact" role="status">
                    {notice}
                  </span>
                )}
              </div>
              <form className="shift-close-grid" onSubmit={submit}>
                <section className="card shift-close">
                  <h2>{t('shift.summary')}</h2>
                  <p className="muted">
                    {t('shift.openedBy', { time: when(shift.openedAt), name: shift.openedByName })} · {shift.tillCode}
                  </p>
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
                    <div>
                      <dt>{t('shift.cashRefunds')}</dt>
                      <dd>−{formatRupiah(shift.cashRefunds)}</dd>
                    </div>
                    <div>
                      <dt>{t('shift.payIns')}</dt>
                      <dd>+{formatRupiah(shift.payIns)}</dd>
                    </div>
                    <div>
                      <dt>{t('shift.payOuts')}</dt>
                      <dd>−{formatRupiah(shift.payOuts)}</dd>
                    </div>
                  </dl>
                  <div className="expected-box">
                    <span>{t('shift.expectedCash')}</span>
                    <strong data-testid="expected-cash">{formatRupiah(shift.expectedCash)}</strong>
                  </div>
                </section>

                <section className="card denom-card">
                  <h2>{t('tx.denom.title')}</h2>
                  <table className="denom-table">
                    <thead>
                      <tr>
                        <th>{t('tx.denom.value')}</th>
                        <th className="num">{t('tx.denom.count')}</th>
                        <th className="num">{t('tx.denom.amount')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {DENOMINATIONS.map((d, i) => (
                        <tr key={d} className={isCoin(d) ? 'coin' : ''}>
                          <td>
                            <label htmlFor={`denom-${d}`}>
                              Rp {formatNumber(d)} <span className="muted">{isCoin(d) ? t('tx.denom.coin') : ''}</span>
                            </label>
                          </td>
                          <td className="num">
                            <input
                              id={`denom-${d}`}
                              className="input denom-input"
                              inputMode="numeric"
                              autoComplete="off"
                              autoFocus={i === 0}
                              value={counts[d] === undefined ? '' : String(counts[d])}
                              placeholder="0"
                              onFocus={(e) => e.target.select()}
                              onChange={(e) => {
                                setTouched(true);
                                setCounts((c) => ({ ...c, [d]: parseCount(e.target.value) }));
                              }}
                              onKeyDown={(e) => {
                                if (e.key === 'Enter' && i < DENOMINATIONS.length - 1) {
                                  e.preventDefault();
                                  document.getElementById(`denom-${DENOMINATIONS[i + 1]}`)?.focus();
                                }
                              }}
                              data-testid={`denom-${d}`}
                            />
                          </td>
                          <td className="num">{formatRupiah(d * (counts[d] ?? 0))}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <dl className="pay-figures denom-figures">
                    <div>
                      <dt>{t('shift.countedCash')}</dt>
                      <dd data-testid="counted-total">{formatRupiah(counted)}</dd>
                    </div>
                    <div>
                      <dt>{t('shift.expectedCash')}</dt>
                      <dd>{formatRupiah(shift.expectedCash)}</dd>
                    </div>
                    <div className={`variance ${varianceClass(counted - shift.expectedCash)}`}>
                      <dt>{t('shift.variance')}</dt>
                      <dd data-testid="variance-preview">
                        {counted - shift.expectedCash > 0 ? '+' : ''}
                        {formatRupiah(counted - shift.expectedCash)}
                      </dd>
                    </div>
                  </dl>
                  <ErrorNotice error={closeError} />
                  <button type="submit" className="btn btn-danger btn-xl btn-block" disabled={busy || !touched} data-testid="close-shift">
                    {busy ? t('common.saving') : t('shift.closeButton')}
                  </button>
                </section>
              </form>
            </>
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
      {confirming && shift && (
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
      {(tool === 'in' || tool === 'out') && <CashMoveDialog kind={tool} onDone={toolDone} onClose={() => setTool(null)} />}
      {tool === 'drawer' && <DrawerDialog onDone={toolDone} onClose={() => setTool(null)} />}
      {tool === 'x' && <XReportDialog onClose={() => setTool(null)} />}
    </div>
  );
}

export const varianceClass = (v: number): string => (v < 0 ? 'neg' : v === 0 ? 'zero' : 'pos');
