import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useLang, useT, type MessageKey } from '../../i18n';
import { isPrinterFileName, NEVER_RETRIED_KINDS, isSerialDevicePath, PRINTER_OUTPUT_FOLDER, printerLocation, type PrinterColumns, type PrinterConfig, type PrinterLocation, type PrinterTransportConfig } from '../../../../shared/printer';
import { PrinterLocationField } from './printer-location';
import { hasRole } from '../../app/routes';
import type { PrintJobView } from '../../../../shared/types';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { formatDateTime } from '../../lib/format';
import { useData } from '../../lib/use-data';
import { TableCard } from './list-parts';
import { usePrintJob } from '../till/use-printer-status';

type TransportType = PrinterTransportConfig['type'];
const TYPES: TransportType[] = ['none', 'network', 'serial', 'usb', 'file'];
const TYPE_LABEL: Record<TransportType, MessageKey> = {
  none: 'printer.typeNone',
  network: 'printer.typeNetwork',
  serial: 'printer.typeSerial',
  usb: 'printer.typeUsb',
  file: 'printer.typeFile',
};
/** Any kind of job: "Tercetak", never "Struk tercetak" for a label or a slip. */

const STATUS_LABEL: Record<string, MessageKey> = {
  pending: 'bo.print.pending',
  printed: 'bo.print.printed',
  failed: 'bo.print.failed',
  skipped: 'bo.print.skipped',
};

/** What was printed, in the user's words (the queue records a code). */
export const JOB_KIND_LABEL: Record<string, MessageKey> = {
  receipt: 'printer.job.receipt',
  refund: 'printer.job.refund',
  void: 'printer.job.refund',
  intake: 'printer.job.intake',
  return: 'printer.job.return',
  settlement: 'printer.job.settlement',
  labels: 'printer.job.labels',
  'x-report': 'printer.job.xReport',
  'z-report': 'printer.job.zReport',
  drawer: 'printer.job.drawer',
  qris: 'printer.job.qris',
  test: 'printer.job.test',
};

interface Form {
  type: TransportType;
  host: string;
  port: string;
  path: string;
  fileName: string;
  baudRate: string;
  vendorId: string;
  productId: string;
  columns: PrinterColumns;
  location: PrinterLocation;
}

const hex4 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;

function toForm(c: PrinterConfig): Form {
  const tr = c.transport;
  return {
    type: tr.type,
    host: tr.type === 'network' ? tr.host : '',
    port: tr.type === 'network' ? String(tr.port) : '9100',
    path: tr.type === 'serial' ? tr.path : '',
    fileName: tr.type === 'file' ? tr.name : '',
    baudRate: tr.type === 'serial' && tr.baudRate ? String(tr.baudRate) : '9600',
    vendorId: tr.type === 'usb' ? hex4(tr.vendorId) : '',
    productId: tr.type === 'usb' ? hex4(tr.productId) : '',
    columns: c.columns,
    location: printerLocation(c),
  };
}

/** "0x04b8" or "1208" → number. */
function parseId(text: string): number | null {
  const s = text.trim().toLowerCase();
  const n = s.startsWith('0x') ? Number.parseInt(s.slice(2), 16) : /^\d+$/.test(s) ? Number(s) : Number.NaN;
  return Number.isInteger(n) && n >= 0 && n <= 0xffff ? n : null;
}

function toTransport(f: Form): { transport?: PrinterTransportConfig; error?: { field: keyof Form; key: MessageKey } } {
  switch (f.type) {
    case 'none':
      return { transport: { type: 'none' } };
    case 'network': {
      const port = Number(f.port);
      if (!f.host.trim()) return { error: { field: 'host', key: 'form.required' } };
      if (!Number.isInteger(port) || port < 1 || port > 65535) return { error: { field: 'port', key: 'printer.portRule' } };
      return { transport: { type: 'network', host: f.host.trim(), port } };
    }
    case 'serial': {
      if (!f.path.trim()) return { error: { field: 'path', key: 'form.required' } };
      if (!isSerialDevicePath(f.path.trim())) return { error: { field: 'path', key: 'printer.serialPathRule' } };
      const baud = Number(f.baudRate);
      return { transport: { type: 'serial', path: f.path.trim(), ...(Number.isInteger(baud) && baud > 0 ? { baudRate: baud } : {}) } };
    }
    case 'usb': {
      const vendorId = parseId(f.vendorId);
      const productId = parseId(f.productId);
      if (vendorId === null) return { error: { field: 'vendorId', key: 'printer.usbIdRule' } };
      if (productId === null) return { error: { field: 'productId', key: 'printer.usbIdRule' } };
      return { transport: { type: 'usb', vendorId, productId } };
    }
    case 'file':
      if (!f.fileName.trim()) return { error: { field: 'fileName', key: 'form.required' } };
      if (!isPrinterFileName(f.fileName.trim())) return { error: { field: 'fileName', key: 'printer.fileNameRule' } };
      return { transport: { type: 'file', name: f.fileName.trim() } };
  }
}

/** This till's receipt printer: how to reach it, paper width, a test page. */
export function PrinterScreen() {
  const t = useT();
  const { lang } = useLang();
  const { session, shop } = useSession();
  const [form, setForm] = useState<Form | null>(null);
  const [fieldError, setFieldError] = useState<{ field: keyof Form; text: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [testJob, setTestJob] = usePrintJob(null);
  // Where the host sends bytes is the admin's to decide; a manager sees the setting and can test and retry.
  const canEdit = hasRole(session.user.role, 'admin');

  // The saved setting seeds the form; the form is what the screen shows from then on.
  const printer = useData(async () => {
    const c = await call('printers.get', {});
    setForm(toForm(c));
    return c;
  }, []);
  // The last jobs; a failed read keeps the list on screen (the setting above still works).
  const recent = useData(() => call('printing.jobs', { limit: 10 }), []);
  const jobs: PrintJobView[] = recent.data ?? [];
  const loadJobs = recent.reload;

  useEffect(() => {
    if (testJob && testJob.status !== 'pending') void loadJobs();
  }, [testJob, loadJobs]);

  if (!form) return <ErrorNotice error={error ?? printer.error} />;

  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm({ ...form, [k]: v });
    setSaved(false);
    if (fieldError?.field === k) setFieldError(null);
  };

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    const { transport, error: fe } = toTransport(form);
    if (fe || !transport) {
      if (fe) setFieldError({ field: fe.field, text: t(fe.key) });
      return false;
    }
    setBusy(true);
    setError(null);
    try {
      setForm(toForm(await call('printers.set', { transport, columns: form.columns, location: form.location })));
      setSaved(true);
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const test = async () => {
    setError(null);
    try {
      setTestJob(await call('printers.test', {}));
    } catch (err) {
      setError(err);
    }
  };

  const retry = async (id: number) => {
    try {
      await call('printing.retry', { id });
      void loadJobs();
      // The retry sends in the background: read the list once more when it has had time to print.
      setTimeout(() => void loadJobs(), 1500);
    } catch (err) {
      setError(err);
    }
  };

  const fe = (k: keyof Form) => (fieldError?.field === k ? fieldError.text : undefined);

  return (
    <div className="bo-split">
      <form className="card bo-form bo-form-wide" onSubmit={save} noValidate>
        <h2>{t('printer.title', { code: session.tillCode })}</h2>
        <p className="muted">{t('printer.intro')}</p>
        {!canEdit && (
          <p className="notice" role="note" data-testid="printer-admin-only">
            {t('printer.adminOnly')}
          </p>
        )}
        <PrinterLocationField value={form.location} disabled={!canEdit} onChange={(v) => set('location', v)} />
        <fieldset className="radio-group radio-row" disabled={!canEdit}>
          <legend>{t('printer.transport')}</legend>
          {TYPES.map((ty) => (
            <label key={ty} className={`radio-card ${form.type === ty ? 'active' : ''}`}>
              <input type="radio" name="transport" checked={form.type === ty} onChange={() => set('type', ty)} />
              <span>
                <strong>{t(TYPE_LABEL[ty])}</strong>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="plain-fieldset" disabled={!canEdit}>
        {form.type === 'network' && (
          <div className="form-grid form-grid-3-1">
            <Field label={t('printer.host')} error={fe('host')} required>
              <input className="input mono" value={form.host} placeholder="192.168.1.50" onChange={(e) => set('host', e.target.value)} />
            </Field>
            <Field label={t('printer.port')} error={fe('port')} required>
              <input className="input mono" inputMode="numeric" value={form.port} onChange={(e) => set('port', e.target.value.replace(/\D/g, ''))} />
            </Field>
          </div>
        )}
        {form.type === 'serial' && (
          <div className="form-grid form-grid-3-1">
            <Field label={t('printer.serialPath')} error={fe('path')} required>
              <input className="input mono" value={form.path} placeholder={t('printer.serialPlaceholder')} onChange={(e) => set('path', e.target.value)} />
            </Field>
            <Field label={t('printer.baud')}>
              <select className="input" value={form.baudRate} onChange={(e) => set('baudRate', e.target.value)}>
                {['9600', '19200', '38400', '57600', '115200'].map((b) => (
                  <option key={b}>{b}</option>
                ))}
              </select>
            </Field>
          </div>
        )}
        {form.type === 'usb' && (
          <div className="form-grid">
            <Field label={t('printer.vendorId')} error={fe('vendorId')} required>
              <input className="input mono" value={form.vendorId} placeholder="0x04b8" onChange={(e) => set('vendorId', e.target.value)} />
            </Field>
            <Field label={t('printer.productId')} error={fe('productId')} required>
              <input className="input mono" value={form.productId} placeholder="0x0202" onChange={(e) => set('productId', e.target.value)} />
            </Field>
          </div>
        )}
        {form.type === 'file' && (
          <Field label={t('printer.filePath')} error={fe('fileName')} hint={t('printer.fileNameHint', { folder: PRINTER_OUTPUT_FOLDER })} required>
            <input className="input mono" value={form.fileName} placeholder="struk-k1.bin" onChange={(e) => set('fileName', e.target.value)} />
          </Field>
        )}
        </fieldset>
        <fieldset className="radio-group radio-row" disabled={!canEdit}>
          <legend>{t('printer.columns')}</legend>
          {([32, 42, 48] as const).map((c) => (
            <label key={c} className={`radio-card ${form.columns === c ? 'active' : ''}`}>
              <input type="radio" name="columns" checked={form.columns === c} onChange={() => set('columns', c)} />
              <span>
                <strong>{t('printer.columnsN', { n: c })}</strong>
                <small>{t('printer.paperMm', { n: c === 32 ? 58 : 80 })}</small>
              </span>
            </label>
          ))}
        </fieldset>
        {saved && (
          <div className="notice notice-success" role="status">
            {t('printer.saved')}
          </div>
        )}
        <ErrorNotice error={error} />
        <div className="btn-row">
          <button type="submit" className="btn btn-primary btn-lg" disabled={busy || !canEdit}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" className="btn btn-secondary btn-lg" onClick={() => void test()} disabled={busy}>
            {t('printer.test')}
          </button>
          {testJob && (
            <span className={`print-status print-${testJob.status}`}>
              {t(STATUS_LABEL[testJob.status] ?? 'tx.print.none')}
              {testJob.lastError ? ` — ${testJob.lastError}` : ''}
            </span>
          )}
        </div>
      </form>

      <TableCard
        title={t('printer.recentJobs')}
        actions={
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => void loadJobs()}>
            {t('common.refresh')}
          </button>
        }
      >
            <thead>
              <tr>
                <th>#</th>
                <th>{t('printer.kind')}</th>
                <th>{t('printer.when')}</th>
                <th>{t('printer.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id}>
                  <td className="mono">{j.id}</td>
                  <td data-testid="job-kind">
                    {t(JOB_KIND_LABEL[j.kind] ?? 'printer.job.other')}
                    {j.copy ? ` (${t('done.copy')})` : ''}
                  </td>
                  <td>{formatDateTime(j.createdAt, shop.timeZone, lang)}</td>
                  <td>
                    <span className={`badge badge-${j.status}`}>{t(STATUS_LABEL[j.status] ?? 'tx.print.none')}</span>
                    {j.lastError && <div className="sub danger">{j.lastError}</div>}
                  </td>
                  <td>
                    {(j.status === 'failed' || j.status === 'skipped') && !NEVER_RETRIED_KINDS.includes(j.kind) && (
                      <button type="button" className="btn btn-ghost btn-sm" onClick={() => void retry(j.id)}>
                        {t('printer.retry')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
              {jobs.length === 0 && (
                <tr>
                  <td colSpan={5} className="empty-cell">
                    {t('printer.noJobs')}
                  </td>
                </tr>
              )}
        </tbody>
      </TableCard>
    </div>
  );
}
