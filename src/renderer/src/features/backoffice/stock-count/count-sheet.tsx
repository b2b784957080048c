import { useMemo, useRef, useState } from 'react';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { formatNumber, formatRupiah } from '../../../../../shared/money';
import type { Liability, StockCountStatus, StockCountView } from '../../../../../shared/types-backoffice';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ScanIcon } from '../../../components/icons';
import { formatIsoDate } from '../../../lib/format';
import { countPostLines, parseQty, previewDifference, signedQty, type CountDecision } from '../logic';
import { DetailPage, PanelHead } from '../page-parts';
import { useDateTime } from '../ui';
import { useData } from '../../../lib/use-data';
import { qtyFieldText } from '../../../lib/form';
import { useCountDraft } from './count-draft';

export const STATUS_KEY = { open: 'bo.count.statusOpen', posted: 'bo.count.statusPosted', cancelled: 'bo.count.statusCancelled' } as const satisfies Record<StockCountStatus, string>;
/** Reasons offered for a counted difference. */
export const REASON_SUGGESTIONS = ['bo.count.suggestLost', 'bo.count.suggestDamaged', 'bo.count.suggestExpired', 'bo.count.suggestMiscount', 'bo.count.suggestFound'] as const;

/** One count: scan or type what is on the shelf, decide each difference, post. */
export function CountSheet({ id, onBack }: { id: number; onBack(): void }) {
  const t = useT();
  const dt = useDateTime();
  const [count, setCount] = useState<StockCountView | null>(null);
  const loaded = useData(async () => {
    const c = await call('stock.count.get', { countId: id });
    setCount(c);
    return c;
  }, [id]);
  const [typed, setTyped] = useCountDraft(id, count?.status);
  const [decisions, setDecisions] = useState<Record<number, CountDecision>>({});
  const [missing, setMissing] = useState<number[]>([]);
  const [scan, setScan] = useState('');
  const [scanMsg, setScanMsg] = useState<{ text: string; error: boolean } | null>(null);
  const [confirm, setConfirm] = useState<'post' | 'cancel' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const inputs = useRef(new Map<number, HTMLInputElement>());
  const c = count;
  const isOpen = c?.status === 'open';

  const dirty = useMemo(() => Object.entries(typed).filter(([, v]) => parseQty(v) !== null), [typed]);

  const doScan = () => {
    const code = scan.trim();
    if (!c || !code) return;
    const line = c.lines.find((l) => l.barcode === code || l.sku === code.toUpperCase());
    // Emptied either way: the next scan must never be typed after a code that counted nothing.
    setScan('');
    if (!line) {
      setScanMsg({ text: t('bo.count.notInCount', { code }), error: true });
      return;
    }
    const current = typed[line.lotId] ?? (line.countedQty !== null ? String(line.countedQty) : '0');
    setTyped((x) => ({ ...x, [line.lotId]: String((parseQty(current) ?? 0) + 1) }));
    setScanMsg({ text: t('bo.count.scanned', { name: line.name }), error: false });
    inputs.current.get(line.lotId)?.scrollIntoView({ block: 'nearest' });
  };

  const record = async () => {
    if (!c || dirty.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      setCount(await call('stock.count.record', { countId: c.id, lines: dirty.map(([lotId, v]) => ({ lotId: Number(lotId), countedQty: parseQty(v)! })) }));
      setTyped({});
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const post = async () => {
    setConfirm(null);
    if (!c) return;
    const check = countPostLines(c.lines, decisions);
    if (!check.ok) {
      setMissing(check.missing);
      return;
    }
    setMissing([]);
    setBusy(true);
    setError(null);
    try {
      setCount(await call('stock.count.post', { countId: c.id, lines: check.lines }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    setConfirm(null);
    if (!c) return;
    try {
      setCount(await call('stock.count.cancel', { countId: c.id }));
    } catch (err) {
      setError(err);
    }
  };

  const decide = (lotId: number, patch: Partial<CountDecision>) => {
    setDecisions((d) => ({ ...d, [lotId]: { ...(d[lotId] ?? { reason: '', liability: '' }), ...patch } }));
    setMissing((m) => m.filter((x) => x !== lotId));
  };

  return (
    <DetailPage backLabel={t('bo.count.list')} onBack={onBack} error={loaded.error ?? error} loading={false}>
      {c && (
        <>
          <section className="card count-head">
            <div>
              <h2>
                {t('bo.count.title', { number: c.number })} <span className={`badge count-${c.status}`}>{t(STATUS_KEY[c.status])}</span>
              </h2>
              <p className="muted">
                {c.supplierName ?? c.category ?? t('bo.count.scopeAll')} · {dt(c.startedAt)} · {c.startedByName}
              </p>
            </div>
            <dl className="count-totals">
              <div>
                <dt>{t('bo.count.counted')}</dt>
                <dd>
                  {c.totals.counted}/{c.totals.lines}
                </dd>
              </div>
              <div>
                <dt>{t('bo.count.withDiff')}</dt>
                <dd>{c.totals.withDifference}</dd>
              </div>
              <div>
                <dt>{t('bo.count.short')}</dt>
                <dd className={c.totals.shortQty > 0 ? 'danger' : ''}>{c.totals.shortQty}</dd>
              </div>
              <div>
                <dt>{t('bo.count.surplus')}</dt>
                <dd>{c.totals.surplusQty}</dd>
              </div>
              <div>
                <dt>{t('bo.count.shortValue')}</dt>
                <dd>{formatRupiah(c.totals.shortValue)}</dd>
              </div>
            </dl>
          </section>
          {isOpen && (
            <div className="card count-bar">
              <div className="bo-scan">
                <ScanIcon size={20} />
                <input
                  className="input"
                  value={scan}
                  placeholder={t('bo.count.scan')}
                  aria-label={t('bo.count.scan')}
                  data-scan-field
                  onChange={(e) => setScan(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      doScan();
                    }
                  }}
                />
              </div>
              {scanMsg &&
                (scanMsg.error ? (
                  <span className="notice notice-error notice-compact" role="alert" data-testid="count-scan-msg">
                    {scanMsg.text}
                  </span>
                ) : (
                  <span className="muted" role="status" data-testid="count-scan-msg">
                    {scanMsg.text}
                  </span>
                ))}
              <div className="btn-row count-actions">
                <button type="button" className="btn btn-secondary" disabled={busy || dirty.length === 0} onClick={() => void record()}>
                  {t('bo.count.record', { n: dirty.length })}
                </button>
                <button type="button" className="btn btn-primary" disabled={busy || dirty.length > 0 || c.totals.counted === 0} onClick={() => setConfirm('post')}>
                  {t('bo.count.post')}
                </button>
                <button type="button" className="btn btn-ghost danger" onClick={() => setConfirm('cancel')}>
                  {t('bo.count.cancel')}
                </button>
              </div>
            </div>
          )}
          {isOpen && dirty.length > 0 && (
            <div className="notice notice-info" role="status" data-testid="count-unsaved">
              {t('bo.count.unsaved', { n: dirty.length })}
            </div>
          )}
          {missing.length > 0 && <div className="notice notice-error">{t('bo.count.missing', { n: missing.length })}</div>}
          <section className="card bo-panel">
            <div className="table-wrap">
              <table className="table count-table">
                <thead>
                  <tr>
                    <th>{t('product.name')}</th>
                    <th>{t('intake.expiry')}</th>
                    <th className="num">{t('bo.count.expected')}</th>
                    <th className="num">{t('bo.count.countedQty')}</th>
                    <th className="num">{t('bo.count.difference')}</th>
                    <th>{t('bo.count.settle')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.lines.map((l) => {
                    const draft = typed[l.lotId];
                    // Typed, and no whole number: said on the line, never saved.
                    const badDraft = draft !== undefined && draft !== '' && parseQty(draft) === null;
                    const preview = draft !== undefined ? previewDifference(l.expectedQty, draft) : l.difference;
                    const d = decisions[l.lotId];
                    const needs = l.difference !== null && l.difference !== 0;
                    return (
                      <tr key={l.lotId} className={missing.includes(l.lotId) ? 'row-error' : ''}>
                        <td className="strong">
                          {l.name}
                          <div className="sub mono">{l.barcode ?? l.sku}</div>
                        </td>
                        <td>{l.expiryDate ? formatIsoDate(l.expiryDate) : '—'}</td>
                        <td className="num">{formatNumber(l.expectedQty)}</td>
                        <td className="num">
                          {isOpen ? (
                            <input
                              ref={(el) => {
                                if (el) inputs.current.set(l.lotId, el);
                                else inputs.current.delete(l.lotId);
                              }}
                              className={`input input-qty ${draft !== undefined ? 'input-dirty' : ''}`}
                              inputMode="numeric"
                              value={draft ?? (l.countedQty !== null ? String(l.countedQty) : '')}
                              placeholder="—"
                              aria-label={t('bo.count.countedOf', { name: l.name })}
                              aria-invalid={badDraft || undefined}
                              onChange={(e) => setTyped((x) => ({ ...x, [l.lotId]: qtyFieldText(e.target.value) }))}
                            />
                          ) : (
                            (l.countedQty ?? '—')
                          )}
                          {isOpen && badDraft && (
                            <div className="field-error" role="alert">
                              {t('bo.count.qtyRule')}
                            </div>
                          )}
                        </td>
                        <td className={`num strong ${preview !== null && preview < 0 ? 'danger' : preview ? 'ok' : ''}`}>
                          {preview === null ? '—' : signedQty(preview)}
                          {l.difference !== null && l.difference < 0 && l.lossValue > 0 && <div className="sub">{formatRupiah(l.lossValue)}</div>}
                        </td>
                        <td>
                          {isOpen && needs && (
                            <div className="count-settle">
                              <input
                                className="input"
                                list="count-reasons"
                                value={d?.reason ?? ''}
                                placeholder={t('bo.adjust.reason')}
                                aria-label={t('bo.count.reasonOf', { name: l.name })}
                                maxLength={200}
                                onChange={(e) => decide(l.lotId, { reason: e.target.value })}
                              />
                              {l.difference! < 0 && (
                                <select
                                  className="input"
                                  aria-label={t('bo.liability')}
                                  value={d?.liability ?? ''}
                                  onChange={(e) => decide(l.lotId, { liability: e.target.value as Liability | '' })}
                                >
                                  <option value="">{t('bo.liability')}…</option>
                                  <option value="shop">{t('bo.liability.shop')}</option>
                                  <option value="supplier">{t('bo.liability.supplier')}</option>
                                </select>
                              )}
                            </div>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <datalist id="count-reasons">
                {REASON_SUGGESTIONS.map((r) => (
                  <option key={r} value={t(r)} />
                ))}
              </datalist>
            </div>
          </section>
          {c.adjustments.length > 0 && (
            <section className="card bo-panel">
              <PanelHead title={t('bo.count.adjustments')} />
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('bo.product.lot')}</th>
                    <th className="num">{t('bo.count.difference')}</th>
                    <th>{t('bo.adjust.reason')}</th>
                    <th>{t('bo.liability')}</th>
                    <th className="num">{t('bo.count.loss')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.adjustments.map((a) => {
                    const line = c.lines.find((l) => l.lotId === a.lotId);
                    return (
                      <tr key={a.id} data-testid="count-adjustment">
                        <td>
                          {line?.name}
                          <div className="sub mono">{line?.intakeNumber ?? t('bo.lotNumber', { id: a.lotId })}</div>
                        </td>
                        <td className={`num ${a.delta < 0 ? 'danger' : ''}`}>{signedQty(a.delta)}</td>
                        <td>{a.reason}</td>
                        <td>{a.liability ? t(a.liability === 'shop' ? 'bo.liability.shop' : 'bo.liability.supplier') : '—'}</td>
                        <td className="num">{formatRupiah(a.lossAmount)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
      {confirm && (
        <ConfirmDialog
          title={confirm === 'post' ? t('bo.count.postTitle') : t('bo.count.cancelTitle')}
          confirmLabel={confirm === 'post' ? t('bo.count.post') : t('bo.count.cancel')}
          danger={confirm === 'cancel'}
          onConfirm={() => void (confirm === 'post' ? post() : cancel())}
          onCancel={() => setConfirm(null)}
        >
          <p>{confirm === 'post' ? t('bo.count.postBody') : t('bo.count.cancelBody')}</p>
        </ConfirmDialog>
      )}
    </DetailPage>
  );
}
