/** The list and detail scaffolding shared by the intake and return histories. */
import { useState, type ReactNode } from 'react';
import { useT } from '../../i18n';
import { formatNumber, formatRupiah, type Rupiah } from '../../../../shared/money';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { EmptyRow, ListToolbar, OpenRow, SupplierFilter } from './list-parts';
import { useDateTime } from './ui';
import { useData } from '../../lib/use-data';
import { DateField } from '../../components/date-field';
import { useSuppliers } from './use-suppliers';

export interface HistoryQuery {
  supplierId?: number;
  from?: string;
  to?: string;
  limit: number;
}

/** What every history row has: a numbered document for one supplier with its totals. */
interface HistoryRow {
  id: number;
  number: string;
  createdAt: number;
  supplierName: string;
  supplierCode: string;
  totalQty: number;
  totalValue: Rupiah;
}

interface HistoryListProps<R extends HistoryRow> {
  load(query: HistoryQuery): Promise<R[]>;
  numberLabel: string;
  valueLabel: string;
  /** The `<th>`s between the supplier and the units columns. */
  middleHeads: ReactNode;
  /** The `<td>`s between the supplier and the units columns. */
  middle(row: R): ReactNode;
  emptyText: string;
  detail(id: number, onClose: () => void): ReactNode;
}

/** Past documents, newest first, by supplier and date; click one to open its detail. */
export function HistoryList<R extends HistoryRow>({ load, numberLabel, valueLabel, middleHeads, middle, emptyText, detail }: HistoryListProps<R>) {
  const t = useT();
  const dt = useDateTime();
  const { suppliers } = useSuppliers();
  const [supplierId, setSupplierId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const list = useData(
    () =>
      load({
        ...(supplierId ? { supplierId: Number(supplierId) } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        limit: 200,
      }),
    [supplierId, from, to],
  );
  const rows = list.data ?? [];

  return (
    <section className="card bo-list bo-list-full">
      <ListToolbar end={<span className="muted">{t('common.count', { n: rows.length })}</span>}>
        <SupplierFilter label={t('intake.supplier')} suppliers={suppliers} value={supplierId} onChange={setSupplierId} />
        <label className="bo-date">
          {t('bo.from')}
          <DateField value={from} max={to || undefined} onChange={setFrom} />
        </label>
        <label className="bo-date">
          {t('bo.to')}
          <DateField value={to} min={from || undefined} onChange={setTo} />
        </label>
      </ListToolbar>
      <ErrorNotice error={list.error} />
      <div className="table-wrap">
        <table className="table table-click">
          <thead>
            <tr>
              <th>{numberLabel}</th>
              <th>{t('bo.when')}</th>
              <th>{t('intake.supplier')}</th>
              {middleHeads}
              <th className="num">{t('bo.intake.unitsCount')}</th>
              <th className="num">{valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <OpenRow key={r.id} onOpen={() => setOpen(r.id)}>
                <td className="mono strong">{r.number}</td>
                <td>{dt(r.createdAt)}</td>
                <td>
                  {r.supplierName}
                  <div className="sub mono">{r.supplierCode}</div>
                </td>
                {middle(r)}
                <td className="num">{formatNumber(r.totalQty)}</td>
                <td className="num strong">{formatRupiah(r.totalValue)}</td>
              </OpenRow>
            ))}
            {!list.loading && rows.length === 0 && <EmptyRow cols={7}>{emptyText}</EmptyRow>}
          </tbody>
        </table>
      </div>
      {open !== null && detail(open, () => setOpen(null))}
    </section>
  );
}

/** What a history detail's lead line needs. */
interface HistoryDoc {
  supplierName: string;
  supplierCode: string;
  createdAt: number;
  note: string | null;
}

interface HistoryDialogProps {
  title: string;
  doc: HistoryDoc | null;
  /** Said after the date in the lead line (who, why). */
  meta: ReactNode;
  error: unknown;
  footer: ReactNode;
  onClose(): void;
  children: ReactNode;
}

/** One past document in a dialog: supplier, date, what else is said of it, then its lines (`children`). */
export function HistoryDialog({ title, doc, meta, error, footer, onClose, children }: HistoryDialogProps) {
  const dt = useDateTime();
  return (
    <Dialog title={title} size="lg" onClose={onClose} footer={footer}>
      <ErrorNotice error={error} />
      {doc && (
        <>
          <p className="bo-dialog-lead">
            <strong>
              {doc.supplierName} <span className="mono muted">{doc.supplierCode}</span>
            </strong>
            <span className="muted">
              {dt(doc.createdAt)} · {meta}
              {doc.note ? ` · ${doc.note}` : ''}
            </span>
          </p>
          {children}
        </>
      )}
    </Dialog>
  );
}
