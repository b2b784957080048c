import { call } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import type { DataCorrection, DataCorrectionKind } from '../../../../shared/contract-data';
import { ErrorNotice } from '../../components/error-notice';
import { useData } from '../../lib/use-data';
import { formatNumber, MAX_RUPIAH } from '../../../../shared/money';
import { EmptyRow } from '../backoffice/list-parts';
import { openOn } from '../backoffice/nav';

const KIND: Record<DataCorrectionKind, { label: MessageKey; fix: MessageKey }> = {
  price_over_max: { label: 'fix.kind.price', fix: 'fix.do.price' },
  lot_value_over_max: { label: 'fix.kind.lot', fix: 'fix.do.lot' },
  barcode_is_sku: { label: 'fix.kind.barcode', fix: 'fix.do.barcode' },
  held_cart_over_max: { label: 'fix.kind.held', fix: 'fix.do.held' },
  printer_setting: { label: 'fix.kind.printer', fix: 'fix.do.printer' },
  invalid_text: { label: 'fix.kind.text', fix: 'fix.do.text' },
};

/** A stored number in full, grouped with dots (`1.000.000.000.000`, exact beyond 2^53); anything else as stored. */
const shown = (value: string) => (/^\d+$/.test(value) ? value.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : value);

/**
 * Data to correct: rows written before today's limits (prices over the
 * maximum, barcodes equal to a SKU, printer paths, broken text…). They
 * stay readable; this list says what and how to fix.
 */
export function CorrectionsScreen() {
  const t = useT();
  const corrections = useData(() => call('data.corrections', {}), []);
  const rows: DataCorrection[] | null = corrections.data;

  return (
    <section className="card bo-list bo-list-full" data-testid="corrections">
      <p className="muted">{t('fix.intro', { max: formatNumber(MAX_RUPIAH) })}</p>
      <ErrorNotice error={corrections.error} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('fix.col.kind')}</th>
              <th>{t('fix.col.what')}</th>
              <th>{t('fix.col.field')}</th>
              <th className="num">{t('fix.col.value')}</th>
              <th>{t('fix.col.fix')}</th>
            </tr>
          </thead>
          <tbody>
            {rows?.map((r, i) => (
              <tr key={`${r.kind}-${r.entity}-${r.entityId ?? r.label}-${r.field}-${i}`} data-testid="correction">
                <td>{t(KIND[r.kind].label)}</td>
                <td>{r.label}</td>
                <td className="mono">{r.field}</td>
                <td className="num mono">{shown(r.value)}</td>
                <td>
                  {r.productId !== undefined ? (
                    <button type="button" className="btn btn-ghost btn-sm" onClick={() => openOn('products', 'product', r.productId!)}>
                      {t(KIND[r.kind].fix)}
                    </button>
                  ) : (
                    <span className="muted">{t(KIND[r.kind].fix)}</span>
                  )}
                </td>
              </tr>
            ))}
            {rows?.length === 0 && <EmptyRow cols={5}>{t('fix.none')}</EmptyRow>}
          </tbody>
        </table>
      </div>
    </section>
  );
}
