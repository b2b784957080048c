/** Building blocks of the report screens: export buttons, tables, the date range picker, chart cards. */
import { useState, type ReactNode } from 'react';
import { call } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { useSession } from '../../app/session';
import { formatNumber, formatRupiah } from '../../../../shared/money';
import type { ExportInput } from '../../../../shared/contract-reports';
import { ErrorNotice } from '../../components/error-notice';
import { base64ToBytes, barPercent, PRESETS, presetRange, validRange, type DateRange, type Preset } from './logic';
import { downloadBlob } from '../../lib/files';
import { DateField } from '../../components/date-field';

/** What `reports.export` needs, less the format the button chooses. */
export type ExportRequest = ExportInput extends infer U ? (U extends ExportInput ? Omit<U, 'format'> : never) : never;

/** Save bytes as a file through a Blob URL and a temporary `<a download>`. */
export function downloadBase64(file: { filename: string; mimeType: string; base64: string }): void {
  downloadBlob(file.filename, new Blob([base64ToBytes(file.base64)], { type: file.mimeType }));
}

/** "Unduh CSV" and "Unduh XLSX" for one table. */
export function ExportButtons({ request, disabled, label }: { request: ExportRequest; disabled?: boolean; label?: string }) {
  const t = useT();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setError(null);
    try {
      const file = await call('reports.export', { ...request, format } as ExportInput);
      downloadBase64(file);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="rp-export">
      {(['csv', 'xlsx'] as const).map((f) => (
        <button
          key={f}
          type="button"
          className="btn btn-secondary btn-sm"
          disabled={disabled || busy !== null}
          onClick={() => void run(f)}
          aria-label={label ? `${t(f === 'csv' ? 'rep.csv' : 'rep.xlsx')} — ${label}` : undefined}
          data-testid={`export-${f}`}
        >
          <DownloadGlyph /> {busy === f ? t('rep.exporting') : t(f === 'csv' ? 'rep.csv' : 'rep.xlsx')}
        </button>
      ))}
      {error !== null && <ErrorNotice error={error} compact />}
    </div>
  );
}

function DownloadGlyph() {
  return (
    <svg width="15" height="15" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
    </svg>
  );
}

export type CellKind = 'text' | 'int' | 'rupiah';

export interface Column<R> {
  key: string;
  label: string;
  kind?: CellKind;
  value(row: R): ReactNode;
  /** The footer cell; numbers are formatted by kind. */
  total?: ReactNode;
  /** A little bar behind the number, relative to this maximum. */
  barMax?: number;
  className?: string;
}

function formatCell(kind: CellKind | undefined, v: ReactNode): ReactNode {
  if (typeof v !== 'number') return v;
  if (kind === 'rupiah') return formatRupiah(v);
  if (kind === 'int') return formatNumber(v);
  return v;
}

/** A report table: numbers right-aligned, totals in the footer. */
export function DataTable<R>({
  columns,
  rows,
  rowKey,
  empty,
  testId,
  rowTestId,
  caption,
}: {
  columns: Column<R>[];
  rows: R[];
  rowKey(row: R, index: number): string | number;
  empty?: string;
  testId?: string;
  rowTestId?: string;
  caption?: string;
}) {
  const t = useT();
  const hasTotals = rows.length > 0 && columns.some((c) => c.total !== undefined);
  return (
    <div className="table-wrap rp-table-wrap">
      <table className="table rp-table" data-testid={testId}>
        {caption && <caption className="rp-sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={c.kind && c.kind !== 'text' ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={rowKey(r, i)} data-testid={rowTestId}>
              {columns.map((c) => {
                const v = c.value(r);
                const numeric = c.kind && c.kind !== 'text';
                return (
                  <td key={c.key} className={numeric ? 'num' : c.className} data-col={c.key}>
                    {c.barMax !== undefined && typeof v === 'number' ? (
                      <span className="rp-barcell">
                        {barPercent(v, c.barMax) > 0 && <span className="rp-barcell-bar" style={{ width: `${barPercent(v, c.barMax)}%` }} aria-hidden="true" />}
                        <span className="rp-barcell-num">{formatCell(c.kind, v)}</span>
                      </span>
                    ) : (
                      formatCell(c.kind, v)
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="empty-cell">
                {empty ?? t('rep.empty')}
              </td>
            </tr>
          )}
        </tbody>
        {hasTotals && (
          <tfoot>
            <tr className="rp-total-row" data-testid={testId ? `${testId}-total` : undefined}>
              {columns.map((c, i) => (
                <td key={c.key} className={c.kind && c.kind !== 'text' ? 'num' : undefined} data-col={c.key}>
                  {c.total !== undefined ? formatCell(c.kind, c.total) : i === 0 ? t('rep.total') : null}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

const PRESET_LABEL: Record<Preset, MessageKey> = {
  today: 'rep.range.today',
  last7: 'rep.range.last7',
  thisMonth: 'rep.range.thisMonth',
  lastMonth: 'rep.range.lastMonth',
  custom: 'rep.range.custom',
};

/** Presets (hari ini, 7 hari, bulan ini, bulan lalu) or two dates. */
export function RangePicker({ range, preset, onChange }: { range: DateRange; preset: Preset; onChange(range: DateRange, preset: Preset): void }) {
  const t = useT();
  const { shop } = useSession();
  const [draft, setDraft] = useState<DateRange>(range);
  const [custom, setCustom] = useState(preset === 'custom');
  const invalid = custom && !validRange(draft);
  return (
    <div className="rp-range">
      <div className="rp-presets" role="group" aria-label={t('rep.range.preset')}>
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className={`chip-btn ${(p === 'custom' ? custom : !custom && preset === p) ? 'active' : ''}`}
            aria-pressed={p === 'custom' ? custom : !custom && preset === p}
            onClick={() => {
              if (p === 'custom') {
                setCustom(true);
                setDraft(range);
                return;
              }
              setCustom(false);
              const r = presetRange(p, shop.timeZone);
              setDraft(r);
              onChange(r, p);
            }}
          >
            {t(PRESET_LABEL[p])}
          </button>
        ))}
      </div>
      {custom && (
        <form
          className="rp-custom"
          onSubmit={(e) => {
            e.preventDefault();
            if (validRange(draft)) onChange(draft, 'custom');
          }}
        >
          <label className="rp-date">
            <span>{t('rep.range.from')}</span>
            <DateField value={draft.from} onChange={(iso) => setDraft((d) => ({ ...d, from: iso }))} testId="range-from" />
          </label>
          <label className="rp-date">
            <span>{t('rep.range.to')}</span>
            <DateField value={draft.to} onChange={(iso) => setDraft((d) => ({ ...d, to: iso }))} testId="range-to" />
          </label>
          <button type="submit" className="btn btn-primary btn-sm" disabled={invalid}>
            {t('rep.stock.apply')}
          </button>
          {invalid && <span className="field-error">{!draft.from || !draft.to ? t('rep.range.missing') : t('rep.range.invalid')}</span>}
        </form>
      )}
    </div>
  );
}

/** A titled card around a table or a chart, with its own actions (exports) on the right. */
export function Panel({ title, actions, children, className, testId }: { title: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`card rp-panel ${className ?? ''}`} data-testid={testId}>
      <header className="rp-panel-head">
        <h2>{title}</h2>
        {actions && <div className="rp-panel-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export function Loading() {
  const t = useT();
  return (
    <div className="rp-loading">
      <div className="spinner" aria-label={t('common.loading')} />
    </div>
  );
}
