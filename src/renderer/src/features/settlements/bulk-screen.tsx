import { useMemo, useState } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import { describeError } from '../../i18n/errors';
import { formatRupiah } from '../../../../shared/money';
import type { BulkSettlementRow, SettlementMethod, SettlementView } from '../../../../shared/types-settlement';
import { useSession } from '../../app/session';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { todayIn } from '../../lib/format';
import { canSettle, endOfPreviousMonth, hasBankAccount, sumAmounts, validSelection } from './logic';
import { METHOD_LABEL } from './settlement-dialogs';
import './settlements.css';
import { DateField } from '../../components/date-field';
import { downloadBlob } from '../../lib/files';
import { sendKeyed, useRequestKey } from '../../lib/request-key';

type RowResult = { state: 'waiting' } | { state: 'running' } | { state: 'done'; settlement: SettlementView } | { state: 'failed'; message: string };

/** Download text as a file. */
const download = (filename: string, text: string, type: string) => downloadBlob(filename, new Blob([text], { type }));

/** Settle several suppliers up to one cutoff, one slip each; then the bank transfer list as CSV. */
export function BulkSettlementScreen() {
  const t = useT();
  const { shop } = useSession();
  const today = todayIn(shop.timeZone);
  const [cutoff, setCutoff] = useState(today);
  const [rows, setRows] = useState<BulkSettlementRow[] | null>(null);
  const [loadedCutoff, setLoadedCutoff] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [method, setMethod] = useState<SettlementMethod>('transfer');
  const [results, setResults] = useState<Map<number, RowResult>>(new Map());
  const [running, setRunning] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [csvNotice, setCsvNotice] = useState<string | null>(null);
  const requestKeys = useRequestKey();

  const load = async (c = cutoff) => {
    setError(null);
    setCsvNotice(null);
    try {
      const list = await call('settlements.bulkPreview', { cutoff: c });
      setRows(list);
      setLoadedCutoff(c);
      setSelected(new Set(list.filter((r) => canSettle(r, method)).map((r) => r.supplierId)));
      setResults(new Map());
    } catch (err) {
      setError(err);
    }
  };

  const chosen = useMemo(() => validSelection(rows ?? [], selected, method), [rows, selected, method]);
  const selectable = useMemo(() => (rows ?? []).filter((r) => canSettle(r, method) && !results.has(r.supplierId)), [rows, method, results]);
  const allChecked = selectable.length > 0 && selectable.every((r) => selected.has(r.supplierId));
  const toPay = chosen.filter((r) => !results.has(r.supplierId));
  const paid = [...results.values()].flatMap((r) => (r.state === 'done' ? [r.settlement] : []));
  const paidTransfers = paid.filter((s) => s.method === 'transfer');
  const doneCount = [...results.values()].filter((r) => r.state === 'done' || r.state === 'failed').length;
  const failedCount = [...results.values()].filter((r) => r.state === 'failed').length;

  /** Before anything is paid, a new method selects every row it can pay. */
  const changeMethod = (m: SettlementMethod) => {
    setMethod(m);
    if (rows && results.size === 0) setSelected(new Set(rows.filter((r) => canSettle(r, m)).map((r) => r.supplierId)));
  };

  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const run = async () => {
    setConfirming(false);
    if (!loadedCutoff) return;
    const queue = toPay;
    setRunning(true);
    setError(null);
    setResults((m) => new Map([...m, ...queue.map((r) => [r.supplierId, { state: 'waiting' }] as const)]));
    for (const row of queue) {
      setResults((m) => new Map(m).set(row.supplierId, { state: 'running' }));
      let result: RowResult;
      try {
        // Each supplier's payout has its own key, kept when the run is retried after a lost answer.
        const s = await sendKeyed(
          requestKeys,
          { supplierId: row.supplierId, cutoff: loadedCutoff, method, expectedAmount: row.amount, throughEntryId: row.throughEntryId },
          (input) => call('settlements.create', input),
        );
        result = { state: 'done', settlement: s };
      } catch (err) {
        const d = describeError(t, err);
        result = { state: 'failed', message: d.detail ? `${d.title}: ${d.detail}` : d.title };
      }
      setResults((m) => new Map(m).set(row.supplierId, result));
    }
    setRunning(false);
  };

  const csv = async () => {
    setError(null);
    try {
      const file = await call('settlements.transferCsv', { settlementIds: paidTransfers.map((s) => s.id) });
      download(file.filename, file.csv, 'text/csv;charset=utf-8');
      setCsvNotice(t('settle.bulk.csvDone', { file: file.filename, count: file.count, amount: formatRupiah(file.total) }));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="st-page">
      <section className="card st-bulk-head">
        <p className="muted">{t('settle.bulk.intro')}</p>
        <form
          className="st-filters"
          onSubmit={(e) => {
            e.preventDefault();
            void load();
          }}
        >
          <label className="field field-inline">
            <span className="label">{t('settle.bulk.cutoff')}</span>
            <DateField value={cutoff} max={today} required onChange={setCutoff} testId="bulk-cutoff" />
          </label>
          <button
            type="button"
            className="chip-btn"
            onClick={() => {
              const c = endOfPreviousMonth(today);
              setCutoff(c);
              void load(c);
            }}
          >
            {t('settle.bulk.lastMonth')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={running || !cutoff}>
            {t('settle.bulk.load')}
          </button>
          <span className="st-spacer" />
          <fieldset className="st-seg" disabled={running}>
            {(['transfer', 'cash'] as const).map((m) => (
              <label key={m} className={method === m ? 'active' : ''}>
                <input type="radio" name="bulk-method" checked={method === m} onChange={() => changeMethod(m)} />
                {t(METHOD_LABEL[m])}
              </label>
            ))}
          </fieldset>
        </form>
      </section>
      <ErrorNotice error={error} />
      {rows && (
        <section className="card bo-list st-bulk">
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th className="st-checkcol">
                    <input
                      type="checkbox"
                      aria-label={t('settle.bulk.selectAll')}
                      checked={allChecked}
                      disabled={running || selectable.length === 0}
                      onChange={() =>
                        setSelected((s) => {
                          const next = new Set(s);
                          for (const r of selectable) {
                            if (allChecked) next.delete(r.supplierId);
                            else next.add(r.supplierId);
                          }
                          return next;
                        })
                      }
                    />
                  </th>
                  <th>{t('settle.balances.name')}</th>
                  <th>{t('settle.bulk.district')}</th>
                  <th>{t('settle.bulk.bank')}</th>
                  <th className="num">{t('settle.bulk.entries')}</th>
                  <th className="num">{t('settle.history.amount')}</th>
                  <th>{t('settle.bulk.result')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const ok = canSettle(r, method);
                  const res = results.get(r.supplierId);
                  return (
                    <tr key={r.supplierId} className={res?.state === 'done' ? 'row-new' : res?.state === 'failed' ? 'row-error' : ''} data-testid="bulk-row">
                      <td className="st-checkcol">
                        <input
                          type="checkbox"
                          aria-label={r.name}
                          checked={ok && selected.has(r.supplierId)}
                          disabled={!ok || running || Boolean(res)}
                          onChange={() => toggle(r.supplierId)}
                        />
                      </td>
                      <td>
                        <div className="strong">{r.name}</div>
                        <div className="sub mono">{r.code}</div>
                      </td>
                      <td>{r.district ?? '—'}</td>
                      <td>
                        {hasBankAccount(r) ? (
                          <>
                            <div>
                              {r.bankName} <span className="mono">{r.bankAccount}</span>
                            </div>
                            {r.bankHolder && <div className="sub">{t('bo.supplier.holder', { name: r.bankHolder })}</div>}
                          </>
                        ) : (
                          <span className={method === 'transfer' ? 'sub warn' : 'muted'}>{t('settle.bulk.noAccount')}</span>
                        )}
                      </td>
                      <td className="num">{r.entryCount}</td>
                      <td className="num strong">{formatRupiah(r.amount)}</td>
                      <td data-testid="bulk-result">
                        {res?.state === 'waiting' && <span className="muted">{t('settle.bulk.waiting')}</span>}
                        {res?.state === 'running' && <span className="muted">{t('settle.bulk.running')}</span>}
                        {res?.state === 'done' && <span className="badge badge-printed mono">{res.settlement.number}</span>}
                        {res?.state === 'failed' && <span className="sub danger">{res.message}</span>}
                      </td>
                    </tr>
                  );
                })}
                {rows.length === 0 && (
                  <tr>
                    <td colSpan={7} className="empty-cell">
                      {t('settle.bulk.none')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <div className="st-foot st-bulk-foot">
            <span data-testid="bulk-summary">
              {running
                ? t('settle.bulk.progress', { done: doneCount, total: results.size })
                : results.size > 0
                  ? t('settle.bulk.finished', { ok: paid.length, failed: failedCount })
                  : t('settle.bulk.selected', { n: toPay.length, amount: formatRupiah(sumAmounts(toPay)) })}
            </span>
            {running && (
              <progress className="st-progress" max={results.size} value={doneCount}>
                {doneCount}
              </progress>
            )}
            <span className="st-spacer" />
            {csvNotice && <span className="st-csv-notice">{csvNotice}</span>}
            <button type="button" className="btn btn-secondary" disabled={running || paidTransfers.length === 0} onClick={() => void csv()}>
              {t('settle.bulk.csv')}
            </button>
            <button type="button" className="btn btn-primary" disabled={running || toPay.length === 0} onClick={() => setConfirming(true)}>
              {t('settle.bulk.pay')}
            </button>
          </div>
        </section>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('settle.bulk.confirmTitle', { n: toPay.length })}
          confirmLabel={t('settle.pay.confirm')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void run()}
        >
          <p className="st-dialog-text">
            {t('settle.bulk.confirmBody', { amount: formatRupiah(sumAmounts(toPay)), method: t(METHOD_LABEL[method]).toLowerCase() })}
          </p>
          <div className="st-confirm-amount">{formatRupiah(sumAmounts(toPay))}</div>
        </ConfirmDialog>
      )}
    </div>
  );
}
