import { useLang, useT, type MessageKey } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import type { LedgerEntryView, LedgerKind } from '../../../../shared/types-settlement';
import { formatDay, signed, sumAmounts } from './logic';

export const KIND_LABEL: Record<LedgerKind, MessageKey> = {
  sale: 'settle.kind.sale',
  refund: 'settle.kind.refund',
  loss: 'settle.kind.loss',
  fee: 'settle.kind.fee',
  adjustment: 'settle.kind.adjustment',
  payout: 'settle.kind.payout',
};

/** Under the description: the sale number and the note, each once. */
function entrySub(e: LedgerEntryView): string {
  const note = e.productName ? e.note : null;
  if (note && e.saleNumber && note.includes(e.saleNumber)) return note;
  return [e.saleNumber, note].filter(Boolean).join(' · ');
}

export function EntriesCard({ entries }: { entries: LedgerEntryView[] | null }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <section className="card bo-list st-entries" data-testid="unsettled-entries">
      <div className="bo-toolbar">
        <h2>{t('settle.entries.title')}</h2>
        <span className="muted">{entries ? t('common.count', { n: entries.length }) : ''}</span>
      </div>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('settle.entries.date')}</th>
              <th>{t('settle.entries.kind')}</th>
              <th>{t('settle.entries.what')}</th>
              <th className="num">{t('settle.entries.qty')}</th>
              <th className="num">{t('settle.entries.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {entries?.map((e) => (
              <tr key={e.id} data-testid="entry-row">
                <td className="st-nowrap">{formatDay(e.businessDate, lang)}</td>
                <td>
                  <span className={`badge st-kind st-kind-${e.kind}`}>{t(KIND_LABEL[e.kind])}</span>
                </td>
                <td>
                  {e.productName ?? e.note ?? '—'}
                  {entrySub(e) && <div className="sub">{entrySub(e)}</div>}
                </td>
                <td className="num">{e.qty ?? ''}</td>
                <td className={`num ${e.amount < 0 ? 'danger' : ''}`}>{signed(e.amount, formatRupiah)}</td>
              </tr>
            ))}
            {entries && entries.length === 0 && (
              <tr>
                <td colSpan={5} className="empty-cell">
                  {t('settle.entries.none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {entries && entries.length > 0 && (
        <div className="st-foot">
          <span>{t('settle.entries.total')}</span>
          <strong data-testid="entries-total">{formatRupiah(sumAmounts(entries))}</strong>
        </div>
      )}
    </section>
  );
}

