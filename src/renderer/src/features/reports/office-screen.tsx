/** "Laporan UMKM" for the cooperative office: per month, per district and per supplier; printable on A4. */
import { useRef, useState } from 'react';
import { format, parseISO } from 'date-fns';
import { call } from '../../api';
import { useLang, useT } from '../../i18n';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../components/error-notice';
import { Dialog } from '../../components/dialog';
import { PrinterIcon } from '../../components/icons';
import { dateLocale, formatIsoDate } from '../../lib/format';
import { DataTable, ExportButtons, Loading, Panel } from './components';
import { RupiahHBars } from './charts';
import { currentMonth } from './logic';
import { useData } from '../../lib/use-data';
import { openHtmlWindow, printFrame } from '../../lib/files';
import { MonthField } from '../../components/month-field';

export const monthTitle = (month: string, lang: 'id' | 'en') => format(parseISO(`${month}-01`), 'MMMM yyyy', { locale: dateLocale(lang) });

export function OfficeScreen() {
  const t = useT();
  const { lang } = useLang();
  const { shop } = useSession();
  const thisMonth = currentMonth(shop.timeZone);
  const [month, setMonth] = useState(thisMonth);
  const [printing, setPrinting] = useState(false);
  const report = useData(() => call('reports.office', { month }), [month]);
  const r = report.fresh ? report.data : null;
  const maxDistrict = Math.max(0, ...(r?.districts ?? []).map((d) => d.gross));
  const maxSupplier = Math.max(0, ...(r?.suppliers ?? []).map((d) => d.gross));

  return (
    <div className="rp-page">
      <div className="rp-toolbar">
        <div className="rp-month">
          <span className="rp-date-label">{t('rep.office.month')}</span>
          <MonthField value={month} max={thisMonth} onChange={setMonth} aria-label={t('rep.office.month')} testId="office-month" />
        </div>
        <h2 className="rp-month-title" data-testid="office-title">
          {monthTitle(month, lang)}
          {r && <span className="rp-panel-sub">{t('rep.office.period', { from: formatIsoDate(r.from), to: formatIsoDate(r.to) })}</span>}
        </h2>
        <div className="rp-toolbar-actions">
          <ExportButtons request={{ report: 'office', params: { month } }} label={t('rep.nav.office')} />
          <button type="button" className="btn btn-primary btn-sm" onClick={() => setPrinting(true)} data-testid="office-print">
            <PrinterIcon size={16} /> {t('rep.office.print')}
          </button>
        </div>
      </div>

      <ErrorNotice error={report.error} />
      {!r && !report.error && <Loading />}
      {r && (
        <>
          <Panel title={t('rep.office.byDistrict')} testId="office-districts">
            <div className="rp-office-district">
              <DataTable
                testId="office-district-table"
                rowTestId="office-district-row"
                rows={r.districts}
                rowKey={(d, i) => d.district ?? `none-${i}`}
                empty={t('rep.office.noSuppliers')}
                columns={[
                  { key: 'district', label: t('rep.col.district'), value: (d) => <span className="strong">{d.district ?? t('rep.noDistrict')}</span> },
                  { key: 'active', label: t('rep.col.activeSuppliers'), kind: 'int', value: (d) => d.activeSuppliers, total: r.totals.activeSuppliers },
                  { key: 'withSales', label: t('rep.col.suppliersWithSales'), kind: 'int', value: (d) => d.suppliersWithSales, total: r.totals.suppliersWithSales },
                  { key: 'units', label: t('rep.col.unitsSold'), kind: 'int', value: (d) => d.units, total: r.totals.units },
                  { key: 'gross', label: t('rep.col.officeGross'), kind: 'rupiah', value: (d) => d.gross, total: r.totals.gross, barMax: maxDistrict },
                  { key: 'supplierShare', label: t('rep.col.umkmShare'), kind: 'rupiah', value: (d) => d.supplierShare, total: r.totals.supplierShare },
                  { key: 'paidOut', label: t('rep.col.paidOut'), kind: 'rupiah', value: (d) => d.paidOut, total: r.totals.paidOut },
                  { key: 'shopShare', label: t('rep.col.shopShare'), kind: 'rupiah', value: (d) => d.shopShare, total: r.totals.shopShare },
                ]}
              />
              {r.districts.some((d) => d.gross > 0) && (
                <RupiahHBars
                  data={r.districts.filter((d) => d.gross > 0).map((d) => ({ label: d.district ?? t('rep.noDistrict'), value: d.gross }))}
                  seriesName={t('rep.col.officeGross')}
                  testId="office-district-chart"
                  ariaLabel={t('rep.office.byDistrict')}
                />
              )}
            </div>
          </Panel>

          <Panel title={t('rep.office.bySupplier')} testId="office-suppliers">
            <DataTable
              testId="office-supplier-table"
              rowTestId="office-supplier-row"
              rows={r.suppliers}
              rowKey={(s) => s.supplierId}
              empty={t('rep.office.noSuppliers')}
              columns={[
                { key: 'district', label: t('rep.col.district'), value: (s) => s.district ?? t('rep.noDistrict') },
                {
                  key: 'umkm',
                  label: t('rep.col.umkm'),
                  value: (s) => (
                    <>
                      <span className="strong">{s.supplierName}</span>
                      {!s.active && <span className="badge rp-badge-inactive">{t('rep.office.inactive')}</span>}
                      <div className="sub">
                        <span className="mono">{s.supplierCode}</span>
                        {s.ownerName ? ` · ${s.ownerName}` : ''}
                      </div>
                    </>
                  ),
                },
                { key: 'units', label: t('rep.col.unitsSold'), kind: 'int', value: (s) => s.units, total: r.totals.units },
                { key: 'gross', label: t('rep.col.officeGross'), kind: 'rupiah', value: (s) => s.gross, total: r.totals.gross, barMax: maxSupplier },
                { key: 'supplierShare', label: t('rep.col.umkmShare'), kind: 'rupiah', value: (s) => s.supplierShare, total: r.totals.supplierShare },
                { key: 'paidOut', label: t('rep.col.paidOut'), kind: 'rupiah', value: (s) => s.paidOut, total: r.totals.paidOut },
                { key: 'shopShare', label: t('rep.col.shopShare'), kind: 'rupiah', value: (s) => s.shopShare, total: r.totals.shopShare },
              ]}
            />
          </Panel>
        </>
      )}
      {printing && <OfficePrintDialog month={month} onClose={() => setPrinting(false)} />}
    </div>
  );
}

/**
 * The A4 page from `reports.officeHtml` in a sandboxed frame (no scripts;
 * same origin only so this page may call its print()), or in a window of
 * its own through a Blob URL.
 */
function OfficePrintDialog({ month, onClose }: { month: string; onClose(): void }) {
  const t = useT();
  const { lang } = useLang();
  const frame = useRef<HTMLIFrameElement>(null);
  const [printError, setPrintError] = useState<unknown>(null);
  const doc = useData(() => call('reports.officeHtml', { month }), [month]);
  const html = doc.data?.html ?? null;

  const print = () => {
    if (!html) return;
    try {
      printFrame(frame.current);
    } catch (err) {
      setPrintError(err);
    }
  };
  const openWindow = () => {
    if (html) openHtmlWindow(html);
  };

  return (
    <Dialog
      title={t('rep.office.printTitle', { month: monthTitle(month, lang) })}
      size="lg"
      onClose={onClose}
      className="rp-print-dialog"
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={openWindow} disabled={!html}>
            {t('rep.office.open')}
          </button>
          <button type="button" className="btn btn-primary" onClick={print} aria-disabled={!html} data-autofocus>
            <PrinterIcon size={18} /> {t('rep.office.printNow')}
          </button>
        </>
      }
    >
      <ErrorNotice error={doc.error ?? printError} />
      {!html && !doc.error && <Loading />}
      {html && <iframe ref={frame} className="rp-a4-frame" title={t('rep.office.frame')} sandbox="allow-same-origin allow-modals" srcDoc={html} data-testid="office-frame" />}
    </Dialog>
  );
}
