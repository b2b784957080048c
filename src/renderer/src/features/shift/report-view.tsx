import { useLang, useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import type { ShiftReport } from '../../../../shared/types-till';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../lib/format';
import { METHOD_LABEL } from '../till/payment-dialog';

const signed = (n: number) => (n > 0 ? `+${formatRupiah(n)}` : formatRupiah(n));

/** An X or Z report on screen, in the order of the printed one. */
export function ShiftReportView({ report }: { report: ShiftReport }) {
  const t = useT();
  const { lang } = useLang();
  const { shop } = useSession();
  const when = (ms: number) => formatDateTime(ms, shop.timeZone, lang);
  const c = report.cash;
  return (
    <div className="shift-report" data-testid={`report-${report.kind}`}>
      <h3 className="shift-report-title">{report.kind === 'Z' ? t('tx.report.zTitle') : t('tx.report.xTitle')}</h3>
      <p className="muted">
        {report.tillCode} · #{report.shiftId} · {t('shift.openedBy', { time: when(report.openedAt), name: report.openedByName })}
        {report.closedAt ? ` · ${t('shift.closedAt', { time: when(report.closedAt) })}` : ''}
      </p>
      <div className="shift-report-cols">
        <section>
          <h4>{t('tx.report.sales')}</h4>
          <dl className="report-dl">
            <Row label={t('shift.salesCount')} value={String(report.salesCount)} testId="report-sales-count" />
            {report.voidCount > 0 && <Row label={t('tx.report.voids')} value={String(report.voidCount)} />}
            <Row label={t('tx.report.items')} value={String(report.itemsSold)} />
            <Row label={t('tx.report.gross')} value={formatRupiah(report.gross)} />
            <Row label={t('tx.report.discounts')} value={`−${formatRupiah(report.discounts)}`} />
            <Row label={t('tx.report.netSales')} value={formatRupiah(report.netSales)} />
            <Row label={t('tx.report.refunds', { n: report.refundCount })} value={`−${formatRupiah(report.refunds)}`} />
            <Row label={t('tx.report.net')} value={formatRupiah(report.net)} strong testId="report-net" />
            {report.rounding !== 0 && <Row label={t('done.rounding')} value={signed(report.rounding)} />}
          </dl>
          <h4>{t('tx.report.byMethod')}</h4>
          <dl className="report-dl">
            {report.byMethod.map((m) => (
              <Row key={m.method} label={t(METHOD_LABEL[m.method])} value={formatRupiah(m.net)} note={m.refunds ? `−${formatRupiah(m.refunds)}` : undefined} />
            ))}
            {report.byMethod.length === 0 && <p className="muted">—</p>}
          </dl>
          <h4>{t('tx.report.byCashier')}</h4>
          <dl className="report-dl">
            {report.byCashier.map((b) => (
              <Row key={b.userId} label={`${b.name} (${b.salesCount})`} value={formatRupiah(b.total)} />
            ))}
          </dl>
        </section>
        <section>
          <h4>{t('tx.report.drawer')}</h4>
          <dl className="report-dl">
            <Row label={t('shift.openingFloat')} value={formatRupiah(c.openingFloat)} />
            <Row label={t('shift.cashSales')} value={formatRupiah(c.cashSales)} />
            <Row label={t('shift.changeGiven')} value={`−${formatRupiah(c.changeGiven)}`} />
            <Row label={t('shift.cashRefunds')} value={`−${formatRupiah(c.cashRefunds)}`} />
            <Row label={t('shift.payIns')} value={`+${formatRupiah(c.payIns)}`} />
            <Row label={t('shift.payOuts')} value={`−${formatRupiah(c.payOuts)}`} />
            <Row label={t('shift.expectedCash')} value={formatRupiah(c.expected)} strong />
            {c.counted !== null && <Row label={t('shift.countedCash')} value={formatRupiah(c.counted)} strong />}
            {c.variance !== null && <Row label={t('shift.variance')} value={signed(c.variance)} strong testId="report-variance" />}
          </dl>
          {report.movements.length > 0 && (
            <>
              <h4>{t('tx.report.movements')}</h4>
              <dl className="report-dl">
                {report.movements.map((m) => (
                  <Row
                    key={m.id}
                    label={`${m.kind === 'pay_in' ? t('shift.payIns') : t('shift.payOuts')}: ${m.reason}`}
                    value={m.kind === 'pay_in' ? `+${formatRupiah(m.amount)}` : `−${formatRupiah(m.amount)}`}
                  />
                ))}
              </dl>
            </>
          )}
          {report.denominations.length > 0 && (
            <>
              <h4>{t('tx.report.denominations')}</h4>
              <dl className="report-dl">
                {report.denominations
                  .filter((d) => d.count > 0)
                  .map((d) => (
                    <Row key={d.value} label={`${formatRupiah(d.value)} × ${d.count}`} value={formatRupiah(d.amount)} />
                  ))}
              </dl>
            </>
          )}
        </section>
      </div>
    </div>
  );
}

function Row({ label, value, strong, note, testId }: { label: string; value: string; strong?: boolean; note?: string; testId?: string }) {
  return (
    <div className={strong ? 'strong' : ''}>
      <dt>
        {label}
        {note && <span className="muted"> ({note})</span>}
      </dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}
