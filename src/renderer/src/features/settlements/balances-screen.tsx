import { useMemo, useState } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import type { SupplierBalance } from '../../../../shared/types-settlement';
import { ErrorNotice } from '../../components/error-notice';
import { balanceTotals, filterBalances, tone, type BalanceSort } from './logic';
import { SupplierSettlement } from './supplier-settlement';
import './settlements.css';
import { useData } from '../../lib/use-data';

/** "Saldo pemasok": what the shop owes every supplier; click one to settle. */
export function BalancesScreen() {
  const t = useT();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<BalanceSort>('balanceDesc');
  const [owedOnly, setOwedOnly] = useState(false);
  const [selected, setSelected] = useState<SupplierBalance | null>(null);

  const balances = useData(() => call('ledger.balances', {}), []);
  const { data: rows, error } = balances;
  const load = balances.reload;

  const shown = useMemo(() => filterBalances(rows ?? [], { query, sort, owedOnly }), [rows, query, sort, owedOnly]);
  const totals = useMemo(() => balanceTotals(rows ?? []), [rows]);

  if (selected)
    return (
      <SupplierSettlement
        supplier={selected}
        onBack={() => {
          setSelected(null);
          void load();
        }}
      />
    );

  return (
    <div className="st-page">
      <dl className="stat-list st-stats">
        <div className="st-stat-owed">
          <dt>{t('settle.balances.totalOwed')}</dt>
          <dd data-testid="balances-total">{formatRupiah(totals.owed)}</dd>
          <span className="muted">{t('settle.balances.owedCount', { n: totals.owedCount })}</span>
        </div>
        <div>
          <dt>{t('settle.balances.totalCredit')}</dt>
          <dd className={totals.credit < 0 ? 'danger' : ''}>{formatRupiah(totals.credit)}</dd>
          <span className="muted">{t('settle.balances.creditCount', { n: totals.creditCount })}</span>
        </div>
      </dl>
      <section className="card bo-list st-balances">
        <div className="bo-toolbar">
          <div className="st-filters">
            <input
              className="input input-search"
              type="search"
              placeholder={t('settle.balances.search')}
              aria-label={t('settle.balances.search')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            <select className="input st-sort" aria-label={t('settle.balances.sort')} value={sort} onChange={(e) => setSort(e.target.value as BalanceSort)}>
              <option value="balanceDesc">{t('settle.balances.sortHigh')}</option>
              <option value="balanceAsc">{t('settle.balances.sortLow')}</option>
              <option value="name">{t('settle.balances.sortName')}</option>
            </select>
            <label className="check st-check">
              <input type="checkbox" checked={owedOnly} onChange={(e) => setOwedOnly(e.target.checked)} />
              {t('settle.balances.owedOnly')}
            </label>
          </div>
          <div className="st-filters">
            <span className="muted">{t('common.count', { n: shown.length })}</span>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => void load()}>
              {t('common.refresh')}
            </button>
          </div>
        </div>
        <ErrorNotice error={error} />
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('settle.balances.code')}</th>
                <th>{t('settle.balances.name')}</th>
                <th className="num">{t('settle.balances.balance')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.supplierId} className={`st-click st-row-${tone(r.balance)}`} onClick={() => setSelected(r)} data-testid="balance-row">
                  <td className="mono">{r.code}</td>
                  <td>
                    <span className="strong">{r.name}</span>
                    {!r.active && <span className="badge st-badge-inactive">{t('settle.balances.inactive')}</span>}
                  </td>
                  <td className={`num st-balance st-balance-${tone(r.balance)}`} data-testid="balance-amount">
                    {formatRupiah(r.balance)}
                  </td>
                  <td className="st-open">
                    <button
                      type="button"
                      className="btn btn-ghost btn-sm"
                      aria-label={`${t('settle.balances.open')} ${r.name}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        setSelected(r);
                      }}
                    >
                      {t('settle.balances.open')} →
                    </button>
                  </td>
                </tr>
              ))}
              {rows && shown.length === 0 && (
                <tr>
                  <td colSpan={4} className="empty-cell">
                    {t('settle.balances.none')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <div className="st-foot">
          <span className="muted">{t('settle.balances.hint')}</span>
        </div>
      </section>
    </div>
  );
}
