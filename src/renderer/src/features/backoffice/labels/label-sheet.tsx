import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { formatRupiah } from '../../../../../shared/money';
import type { PrintJobView, ProductView } from '../../../../../shared/types';
import { Dialog } from '../../../components/dialog';
import { ErrorNotice } from '../../../components/error-notice';
import { parseQty } from '../logic';
import { formatDmy } from '../../../../../shared/dates';
import { PrintStatus, usePrintJob } from '../ui';
import { barRuns, ean13Modules, isGuardModule } from './ean13';
import './labels.css';

/** Labels per A4 sheet: 3 × 8 stickers of 70 × 37 mm. */
export const LABELS_PER_SHEET = 24;

export interface LabelItem {
  product: Pick<ProductView, 'id' | 'name' | 'sku' | 'barcode' | 'sellPrice'>;
  qty: number;
  /** The lot the labels are for: its expiry is printed on food labels. */
  lotId?: number;
  expiryDate?: string | null;
}

/** What one printed label shows. */
export type LabelFace = LabelItem['product'] & { expiryDate: string | null };

const itemKey = (i: LabelItem): string => `${i.product.id}-${i.lotId ?? 0}`;

/** One label per unit, in order; capped at `max`. */
export function expandLabels(items: readonly LabelItem[], max = 500): LabelFace[] {
  const out: LabelFace[] = [];
  for (const it of items) for (let i = 0; i < it.qty && out.length < max; i++) out.push({ ...it.product, expiryDate: it.expiryDate ?? null });
  return out;
}

/** EAN-13 as SVG bars with the digits under them; any other code as plain text. */
export function Barcode({ code }: { code: string }) {
  const modules = ean13Modules(code);
  if (!modules) return <div className="label-code-text">{code}</div>;
  // 11 modules of quiet zone on the left (the first digit sits there), 7 on the right.
  const width = 95 + 18;
  return (
    <svg className="label-barcode" viewBox={`0 0 ${width} 34`} preserveAspectRatio="none" role="img" aria-label={code}>
      {barRuns(modules).map(([start, w]) => (
        <rect key={start} x={11 + start} y={0} width={w} height={isGuardModule(start) ? 28 : 24} fill="#000" />
      ))}
      <text x={4} y={33} fontSize={8} fontFamily="monospace" textAnchor="middle">
        {code[0]}
      </text>
      <text x={11 + 3 + 21} y={33} fontSize={8} fontFamily="monospace" textAnchor="middle" letterSpacing={1.2}>
        {code.slice(1, 7)}
      </text>
      <text x={11 + 50 + 21} y={33} fontSize={8} fontFamily="monospace" textAnchor="middle" letterSpacing={1.2}>
        {code.slice(7)}
      </text>
    </svg>
  );
}

function Label({ p }: { p: LabelFace }) {
  const t = useT();
  return (
    <div className="sticker">
      <div className="label-name">{p.name}</div>
      <div className="label-price">{formatRupiah(p.sellPrice)}</div>
      {p.expiryDate && <div className="label-expiry">{t('bo.expShort', { date: formatDmy(p.expiryDate) })}</div>}
      <Barcode code={p.barcode ?? p.sku} />
      {p.barcode && <div className="label-sku">{p.sku}</div>}
    </div>
  );
}

function Sheets({ labels }: { labels: LabelFace[] }) {
  const pages: LabelFace[][] = [];
  for (let i = 0; i < labels.length; i += LABELS_PER_SHEET) pages.push(labels.slice(i, i + LABELS_PER_SHEET));
  return (
    <>
      {pages.map((page, i) => (
        <div className="label-sheet" key={i}>
          {page.map((p, k) => (
            <Label key={k} p={p} />
          ))}
        </div>
      ))}
    </>
  );
}

/** The counts' form, for the footer's A4 button (its default: Enter in a count prints). */
const FORM_ID = 'label-sheet-form';

/**
 * Price labels: how many of each (one row per product, or per lot for food,
 * which carries its expiry), then the till's thermal printer or an A4
 * sticker sheet (browser print / PDF). The counts start at what the caller
 * suggests, e.g. the units just received, and can be changed per row.
 */
export function LabelSheetDialog({ items: initial, onClose }: { items: LabelItem[]; onClose(): void }) {
  const t = useT();
  const [qty, setQty] = useState<Record<string, string>>(() => Object.fromEntries(initial.map((i) => [itemKey(i), String(Math.min(i.qty, 200))])));
  const [job, setJob] = useState<PrintJobView | null>(null);
  const live = usePrintJob(job);
  const [error, setError] = useState<unknown>(null);
  const [printing, setPrinting] = useState(false);

  const items = useMemo(() => initial.map((i) => ({ ...i, qty: parseQty(qty[itemKey(i)] ?? '', 200) ?? 0 })), [initial, qty]);
  const labels = useMemo(() => expandLabels(items), [items]);
  const sheets = Math.ceil(labels.length / LABELS_PER_SHEET);

  useEffect(() => {
    if (!printing) return;
    const done = () => setPrinting(false);
    window.addEventListener('afterprint', done);
    const id = setTimeout(() => window.print(), 50);
    return () => {
      clearTimeout(id);
      window.removeEventListener('afterprint', done);
    };
  }, [printing]);

  // The A4 sheet is the dialog's default: Enter in a count prints it, once (printing again while
  // the sheets are on the page changes nothing).
  const printSheet = (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation(); // the dialog may sit inside another form
    if (labels.length > 0) setPrinting(true);
  };

  // A second click while the first is on its way queues nothing. The button stays enabled (a
  // focused button that is disabled drops the focus out of the dialog, and Esc with it).
  const sending = useRef(false);
  const thermal = async () => {
    if (sending.current) return;
    sending.current = true;
    setError(null);
    try {
      const res = await call('labels.print', {
        items: items.filter((i) => i.qty > 0).map((i) => ({ productId: i.product.id, qty: i.qty, ...(i.lotId ? { lotId: i.lotId } : {}) })),
      });
      setJob(res.printJob);
    } catch (err) {
      setError(err);
    } finally {
      sending.current = false;
    }
  };

  return (
    <Dialog
      title={t('bo.labels.print')}
      size="lg"
      onClose={onClose}
      footer={
        <>
          {live && <PrintStatus job={live} />}
          <button type="button" className="btn btn-secondary" disabled={labels.length === 0} onClick={() => void thermal()}>
            {t('bo.labels.thermal', { n: labels.length })}
          </button>
          <button type="submit" form={FORM_ID} className="btn btn-primary" disabled={labels.length === 0}>
            {t('bo.labels.sheet', { n: sheets })}
          </button>
        </>
      }
    >
      <form id={FORM_ID} className="label-dialog" onSubmit={printSheet} noValidate>
        <table className="table">
          <thead>
            <tr>
              <th>{t('product.name')}</th>
              <th className="num">{t('bo.labels.qty')}</th>
            </tr>
          </thead>
          <tbody>
            {initial.map((i) => (
              <tr key={itemKey(i)} data-testid="label-row">
                <td className="strong">
                  {i.product.name}
                  <div className="sub mono">{i.product.barcode ?? i.product.sku}</div>
                  {i.expiryDate && <div className="sub">{t('bo.expShort', { date: formatDmy(i.expiryDate) })}</div>}
                </td>
                <td className="num">
                  <input
                    className="input input-qty"
                    inputMode="numeric"
                    aria-label={i.expiryDate ? t('bo.labels.qtyOfLot', { name: i.product.name, date: formatDmy(i.expiryDate) }) : t('bo.labels.qtyOf', { name: i.product.name })}
                    value={qty[itemKey(i)] ?? ''}
                    onChange={(e) => setQty((q) => ({ ...q, [itemKey(i)]: e.target.value.replace(/\D/g, '').slice(0, 3) }))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="label-preview" aria-label={t('bo.labels.preview')}>
          <div className="label-preview-page">
            <Sheets labels={labels.slice(0, LABELS_PER_SHEET)} />
          </div>
          <p className="muted">{t('bo.labels.sheetNote', { n: labels.length, sheets })}</p>
        </div>
      </form>
      <ErrorNotice error={error} />
      {printing &&
        createPortal(
          <div className="label-print-root">
            <Sheets labels={labels} />
          </div>,
          document.body,
        )}
    </Dialog>
  );
}

/** The labels of an intake: one row per lot received, as many as its units, with its expiry. */
export async function intakeLabelItems(intakeId: number): Promise<LabelItem[]> {
  const intake = await call('intakes.get', { id: intakeId });
  const ids = [...new Set(intake.lines.map((l) => l.productId))];
  const products = new Map((await Promise.all(ids.map((id) => call('products.get', { id })))).map((p) => [p.id, p]));
  return intake.lines.map((l) => ({ product: products.get(l.productId)!, qty: l.qty, lotId: l.lotId, expiryDate: l.expiryDate }));
}

/** The labels of a product: per lot in stock for food (each with its expiry), else one row for the stock. */
export function productLabelItems(p: ProductView, lots: readonly { id: number; remainingQty: number; expiryDate: string | null; expired: boolean }[]): LabelItem[] {
  const food = p.trackExpiry ? lots.filter((l) => l.remainingQty > 0 && !l.expired && l.expiryDate) : [];
  if (food.length === 0) return [{ product: p, qty: Math.max(1, Math.min(p.stock, 200)) }];
  return food.map((l) => ({ product: p, qty: Math.max(1, Math.min(l.remainingQty, 200)), lotId: l.id, expiryDate: l.expiryDate }));
}
