import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { formatRupiah } from '../../../../../shared/money';
import type { PrintJobView, ProductView } from '../../../../../shared/types';
import { Dialog } from '../../../components/dialog';
import { ErrorNotice } from '../../../components/error-notice';
import { parseQty } from '../logic';
import { PrintStatus, usePrintJob } from '../ui';
import { barRuns, ean13Modules, isGuardModule } from './ean13';
import './labels.css';

/** Labels per A4 sheet: 3 × 8 stickers of 70 × 37 mm. */
export const LABELS_PER_SHEET = 24;

export interface LabelItem {
  product: Pick<ProductView, 'id' | 'name' | 'sku' | 'barcode' | 'sellPrice'>;
  qty: number;
}

/** One label per unit, in order; capped at `max`. */
export function expandLabels(items: readonly LabelItem[], max = 500): LabelItem['product'][] {
  const out: LabelItem['product'][] = [];
  for (const it of items) for (let i = 0; i < it.qty && out.length < max; i++) out.push(it.product);
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

function Label({ p }: { p: LabelItem['product'] }) {
  return (
    <div className="sticker">
      <div className="label-name">{p.name}</div>
      <div className="label-price">{formatRupiah(p.sellPrice)}</div>
      <Barcode code={p.barcode ?? p.sku} />
      {p.barcode && <div className="label-sku">{p.sku}</div>}
    </div>
  );
}

function Sheets({ labels }: { labels: LabelItem['product'][] }) {
  const pages: LabelItem['product'][][] = [];
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

/** Price labels: an A4 sticker sheet (browser print / PDF) or the till's thermal printer. */
export function LabelSheetDialog({ items: initial, onClose }: { items: LabelItem[]; onClose(): void }) {
  const t = useT();
  const [qty, setQty] = useState<Record<number, string>>(() => Object.fromEntries(initial.map((i) => [i.product.id, String(Math.min(i.qty, 200))])));
  const [job, setJob] = useState<PrintJobView | null>(null);
  const live = usePrintJob(job);
  const [error, setError] = useState<unknown>(null);
  const [printing, setPrinting] = useState(false);

  const items = useMemo(() => initial.map((i) => ({ product: i.product, qty: parseQty(qty[i.product.id] ?? '', 200) ?? 0 })), [initial, qty]);
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

  const thermal = async () => {
    setError(null);
    try {
      const res = await call('labels.print', { items: items.filter((i) => i.qty > 0).map((i) => ({ productId: i.product.id, qty: i.qty })) });
      setJob(res.printJob);
    } catch (err) {
      setError(err);
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
          <button type="button" className="btn btn-primary" disabled={labels.length === 0} onClick={() => setPrinting(true)}>
            {t('bo.labels.sheet', { n: sheets })}
          </button>
        </>
      }
    >
      <div className="label-dialog">
        <table className="table">
          <thead>
            <tr>
              <th>{t('product.name')}</th>
              <th className="num">{t('bo.labels.qty')}</th>
            </tr>
          </thead>
          <tbody>
            {initial.map((i) => (
              <tr key={i.product.id}>
                <td className="strong">
                  {i.product.name}
                  <div className="sub mono">{i.product.barcode ?? i.product.sku}</div>
                </td>
                <td className="num">
                  <input
                    className="input input-qty"
                    inputMode="numeric"
                    aria-label={t('bo.labels.qtyOf', { name: i.product.name })}
                    value={qty[i.product.id] ?? ''}
                    onChange={(e) => setQty((q) => ({ ...q, [i.product.id]: e.target.value.replace(/\D/g, '').slice(0, 3) }))}
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
      </div>
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

/** The labels of an intake: its products with the received qty. */
export async function intakeLabelItems(intakeId: number): Promise<LabelItem[]> {
  const intake = await call('intakes.get', { id: intakeId });
  const qty = new Map<number, number>();
  for (const l of intake.lines) qty.set(l.productId, (qty.get(l.productId) ?? 0) + l.qty);
  const products = await Promise.all([...qty.keys()].map((id) => call('products.get', { id })));
  return products.map((p) => ({ product: p, qty: qty.get(p.id) ?? 1 }));
}
