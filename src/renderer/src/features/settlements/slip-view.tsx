import { useLang, useT, type MessageKey } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import type { SettlementBreakdown, SettlementItem, SettlementStockLine, SettlementSupplier } from '../../../../shared/types-settlement';
import { bpsLabel, formatDay, formatPeriod, signed } from './logic';

interface SlipProps {
  supplier: SettlementSupplier;
  breakdown: SettlementBreakdown;
  stock: SettlementStockLine[];
  /** The big total line: paid, or carried forward when not payable. */
  payable: boolean;
  /** Number and date of a recorded settlement (absent in a preview). */
  number?: string;
}

/** The settlement as the supplier will read it on the printed slip, on screen. */
export function SlipView({ supplier, breakdown: b, stock, payable, number }: SlipProps) {
  const t = useT();
  const { lang } = useLang();
  const bank = supplier.bankName || supplier.bankAccount;
  return (
    <div className="slip" data-testid="settlement-slip">
      <header className="slip-head">
        <span className="slip-doc">{t('settle.preview.title')}</span>
        {number && <span className="mono slip-number">{number}</span>}
        <h3>
          <span className="mono">{supplier.code}</span> {supplier.name}
        </h3>
        <dl className="slip-meta">
          <div>
            <dt>{t('settle.preview.period')}</dt>
            <dd>{formatPeriod(b.periodFrom, b.cutoff, lang)}</dd>
          </div>
          <div>
            <dt>{t('settle.preview.bank')}</dt>
            <dd>
              {bank ? (
                <>
                  {supplier.bankName}
                  {supplier.bankName && supplier.bankAccount ? ' ' : ''}
                  {supplier.bankAccount}
                  {supplier.bankHolder && <span className="muted"> · {t('bo.supplier.holder', { name: supplier.bankHolder })}</span>}
                </>
              ) : (
                <span className="muted">{t('settle.preview.noBank')}</span>
              )}
            </dd>
          </div>
        </dl>
      </header>

      {b.entryCount === 0 && <p className="slip-empty muted">{t('settle.preview.nothing')}</p>}

      {b.products.length > 0 && (
        <section className="slip-section">
          <h4>{t('settle.preview.sales')}</h4>
          <table className="slip-table">
            <thead>
              <tr>
                <th>{t('settle.preview.product')}</th>
                <th className="num">{t('settle.preview.qty')}</th>
                <th className="num">{t('settle.preview.gross')}</th>
                <th className="num">{t('settle.preview.share')}</th>
              </tr>
            </thead>
            <tbody>
              {b.products.map((p, i) => (
                <tr key={`${p.productId}-${p.price}-${p.termsType}-${p.commissionBps ?? 0}-${i}`} data-testid="slip-product">
                  <td>
                    <div className="strong">{p.name}</div>
                    <div className="sub">
                      {p.termsType === 'fixed'
                        ? t('settle.preview.fixed', { price: formatRupiah(p.price) })
                        : `${formatRupiah(p.price)} · ${t('settle.preview.commission', { pct: bpsLabel(p.commissionBps) })}`}
                    </div>
                  </td>
                  <td className="num">
                    {p.qty} {p.unit}
                  </td>
                  <td className="num">{formatRupiah(p.gross)}</td>
                  <td className="num strong">{formatRupiah(p.supplierShare)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={3}>{t('settle.preview.sales')}</td>
                <td className="num strong">{formatRupiah(b.totals.sales)}</td>
              </tr>
            </tfoot>
          </table>
        </section>
      )}

      <Items title="settle.preview.refunds" items={b.refunds} total={b.totals.refunds} testId="slip-refund" />
      <Items title="settle.preview.losses" items={b.losses} total={b.totals.losses} testId="slip-loss" />
      <Items title="settle.preview.fees" items={b.fees} total={b.totals.fees} testId="slip-fee" />
      <Items title="settle.preview.adjustments" items={b.adjustments} total={b.totals.adjustments} testId="slip-adjustment" signedAmounts />

      <div className={`slip-total ${payable ? '' : 'slip-total-carried'}`}>
        <span>{t('settle.preview.total')}</span>
        <strong data-testid="slip-total">{formatRupiah(payable ? b.amount : 0)}</strong>
      </div>
      {!payable && (
        <div className="notice notice-info slip-carried" data-testid="slip-carried">
          <strong>{t('settle.preview.carried')}</strong>
          {b.amount !== 0 && <span className="notice-detail">{formatRupiah(b.amount)}</span>}
        </div>
      )}

      <details className="slip-section slip-stock-section" open={stock.length <= 4}>
        <summary>
          <h4>{t('settle.preview.stock')}</h4>
          <span className="muted">{t('settle.preview.stockSummary', { lines: stock.length, units: stock.reduce((n, s) => n + s.qty, 0) })}</span>
        </summary>
        {stock.length === 0 ? (
          <p className="muted">{t('settle.preview.noStock')}</p>
        ) : (
          <ul className="slip-stock">
            {stock.map((s) => (
              <li key={s.productId}>
                <span>{s.name}</span>
                <span className="num">
                  {s.qty} {s.unit}
                  {s.expiredQty > 0 && <span className="sub danger"> · {t('settle.preview.expired', { n: s.expiredQty })}</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </details>
      <p className="slip-foot muted">
        {t('settle.preview.entryCount', { n: b.entryCount })} · {formatDay(b.cutoff, lang)}
      </p>
    </div>
  );
}

function Items({
  title,
  items,
  total,
  testId,
  signedAmounts,
}: {
  title: MessageKey;
  items: SettlementItem[];
  total: number;
  testId: string;
  signedAmounts?: boolean;
}) {
  const t = useT();
  const { lang } = useLang();
  if (items.length === 0) return null;
  const money = (n: number) => (signedAmounts ? signed(n, formatRupiah) : formatRupiah(n));
  return (
    <section className="slip-section">
      <h4>{t(title)}</h4>
      <table className="slip-table">
        <tbody>
          {items.map((it) => (
            <tr key={it.entryId} data-testid={testId}>
              <td className="slip-date">{formatDay(it.businessDate, lang)}</td>
              <td>
                {it.name ?? it.note ?? '—'}
                {it.qty !== null && <span className="muted"> ({it.qty})</span>}
                {it.name && it.note && <div className="sub">{it.note}</div>}
              </td>
              <td className={`num ${it.amount < 0 ? 'danger' : ''}`}>{money(it.amount)}</td>
            </tr>
          ))}
        </tbody>
        {items.length > 1 && (
          <tfoot>
            <tr>
              <td colSpan={2}>{t(title)}</td>
              <td className="num strong">{money(total)}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </section>
  );
}
