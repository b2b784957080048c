// Over 350 lines on purpose: the new-intake form (supplier, scanned lines, lots with expiry, prices)
// is one form with one validation; the done card is the only part that stands alone.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, call } from '../../api';
import { useT } from '../../i18n';
import { describeError, fieldMessage } from '../../i18n/errors';
import { formatRupiah } from '../../../../shared/money';
import type { IntakeResult, PrintJobView, ProductView } from '../../../../shared/types';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../components/error-notice';
import { ScanIcon } from '../../components/icons';
import { todayIn } from '../../lib/format';
import { DateField } from '../../components/date-field';
import { addYears, MAX_EXPIRY_YEARS } from '../../../../shared/dates';
import { intakeProblems, intakeTotals, parseQty, supplierValue, type IntakeLineProblem } from './logic';
import { clearPending, peekPending } from './nav';
import { DoneCard } from './done-card';
import { IntakeHistory } from './intake/intake-history';
import { intakeLabelItems, LabelSheetDialog, type LabelItem } from './labels/label-sheet';
import { NewHistoryTabs } from './new-history-tabs';
import { ProductFormDialog } from './products/product-form';
import { EmptyRow, SupplierOptions } from './list-parts';
import { termsText, usePrintJob } from './ui';
import { useSuppliers } from './use-suppliers';
import { sendKeyed, useRequestKey } from '../../lib/request-key';
import { qtyFieldText } from '../../lib/form';

export { supplierValue };

interface IntakeLine {
  product: ProductView;
  qty: string;
  expiryDate: string;
  expiryInvalid: boolean;
}

type Done = IntakeResult & { printJob?: PrintJobView; supplierName: string; units: number; value: number };

/** What a scanner types: digits (EAN/UPC) or a code without spaces, not a name. */
const isCode = (text: string): boolean => /^[0-9A-Za-z-]{6,32}$/.test(text.trim()) && /\d/.test(text);

const PROBLEM_KEY = {
  qty: 'intake.qtyRule',
  expiryRequired: 'intake.expiryRequired',
  expiryPast: 'intake.expiryPast',
  expiryInvalid: 'intake.expiryInvalid',
  expiryTooFar: 'bo.intake.expiryTooFar',
} as const satisfies Record<IntakeLineProblem, string>;

/** Receiving consigned goods (penerimaan titipan), and the list of past intakes. */
export function IntakeScreen() {
  const t = useT();
  return <NewHistoryTabs newLabel={t('bo.intake.tabNew')} historyLabel={t('bo.intake.tabHistory')} newTab={<NewIntake />} historyTab={<IntakeHistory />} />;
}

function NewIntake() {
  const t = useT();
  const { shop } = useSession();
  const today = todayIn(shop.timeZone);
  const { suppliers } = useSuppliers();
  const [supplierId, setSupplierId] = useState(() => {
    const id = peekPending('intakeSupplier');
    return id ? String(id) : '';
  });
  const [products, setProducts] = useState<ProductView[]>([]);
  const [filter, setFilter] = useState('');
  const [lines, setLines] = useState<IntakeLine[]>([]);
  const [note, setNote] = useState('');
  const [pickError, setPickError] = useState<string | null>(null);
  const [lineErrors, setLineErrors] = useState<Record<number, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [quickCreate, setQuickCreate] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const scanRef = useRef<HTMLInputElement>(null);

  useEffect(() => clearPending('intakeSupplier'), []);
  const supplier = suppliers.find((s) => String(s.id) === supplierId) ?? null;
  const activeSuppliers = suppliers.filter((s) => s.active || String(s.id) === supplierId);

  const loadProducts = async (sid: number) => {
    try {
      setProducts(await call('products.list', { supplierId: sid, limit: 1000 }));
    } catch (err) {
      setError(err);
    }
  };

  useEffect(() => {
    setProducts([]);
    setLines([]);
    setLineErrors({});
    setPickError(null);
    if (!supplierId) return;
    void loadProducts(Number(supplierId));
    setTimeout(() => scanRef.current?.focus(), 0);
  }, [supplierId]);

  const visible = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return q ? products.filter((p) => p.name.toLowerCase().includes(q) || p.sku.toLowerCase().includes(q) || (p.barcode ?? '').includes(q)) : products;
  }, [filter, products]);

  /** False when the product is refused (another supplier's). */
  const addLine = (p: ProductView): boolean => {
    setPickError(null);
    if (supplier && p.supplierId !== supplier.id) {
      setPickError(t('intake.notThisSupplier', { name: p.name, supplier: supplier.name }));
      return false;
    }
    setLines((ls) => {
      const at = ls.findIndex((l) => l.product.id === p.id);
      if (at >= 0) return ls.map((l, i) => (i === at ? { ...l, qty: String((Number(l.qty) || 0) + 1) } : l));
      return [...ls, { product: p, qty: '1', expiryDate: '', expiryInvalid: false }];
    });
    setFilter('');
    scanRef.current?.focus();
    return true;
  };

  /**
   * A code that added nothing (unknown, another supplier's) leaves the field, so the next scan is
   * never typed after it; words typed to filter stay, selected, for a person to correct or type over.
   */
  const leaveFailed = (code: string) => {
    if (isCode(code)) setFilter('');
    else scanRef.current?.select();
  };

  const scan = async () => {
    const code = filter.trim();
    if (!code) return;
    const exact = products.find((p) => p.barcode === code || p.sku === code.toUpperCase());
    if (exact) {
      if (!addLine(exact)) leaveFailed(code);
      return;
    }
    if (visible.length === 1) return void addLine(visible[0]);
    if (visible.length > 1) return;
    try {
      // The till's lookup carries no terms; the intake line needs them.
      const found = await call('products.lookup', { code: code.slice(0, 64) });
      if (!addLine(await call('products.detail', { id: found.id }))) leaveFailed(code);
    } catch (err) {
      setPickError(err instanceof ApiError && err.code === 'NOT_FOUND' ? t('bo.intake.unknownCode', { code }) : describeError(t, err).title);
      leaveFailed(code);
    }
  };

  /** Enter in a line's field goes back to the scan field instead of submitting the intake. */
  const backToScan = (e: React.KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    scanRef.current?.focus();
  };

  const update = (i: number, patch: Partial<IntakeLine>) => {
    setLines((ls) => ls.map((l, k) => (k === i ? { ...l, ...patch } : l)));
    setLineErrors((e) => ({ ...e, [i]: '' }));
  };

  const draft = lines.map((l) => ({ productId: l.product.id, sellPrice: l.product.sellPrice, terms: l.product.terms, trackExpiry: l.product.trackExpiry, qty: l.qty, expiryDate: l.expiryDate, expiryInvalid: l.expiryInvalid }));
  const totals = intakeTotals(draft);

  const requestKeys = useRequestKey();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!supplier || lines.length === 0) return;
    const problems = intakeProblems(draft, today);
    const errs = Object.fromEntries(Object.entries(problems).map(([i, p]) => [i, t(PROBLEM_KEY[p])]));
    setLineErrors(errs);
    if (Object.keys(errs).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      // The same intake sent again (second click, lost answer) keeps its key: the stock comes in once.
      const request = {
        supplierId: supplier.id,
        lines: lines.map((l) => ({ productId: l.product.id, qty: Number(l.qty), ...(l.expiryDate ? { expiryDate: l.expiryDate } : {}) })),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      const result = await sendKeyed(requestKeys, request, (input) => call('intakes.create', input));
      setDone({ ...result, supplierName: supplier.name, units: totals.units, value: totals.value });
    } catch (err) {
      const m = err instanceof ApiError && err.field ? /^lines\.(\d+)\./.exec(err.field) : null;
      if (m && err instanceof ApiError) setLineErrors({ [Number(m[1])]: fieldMessage(err) });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <IntakeDone
        done={done}
        onAnother={() => {
          setDone(null);
          setLines([]);
          setNote('');
          void loadProducts(done.supplierId);
        }}
      />
    );

  return (
    <>
      <form className="intake" onSubmit={submit} noValidate>
        <div className="card intake-head">
          <div className="field">
            <label htmlFor="intake-supplier">{t('intake.supplier')}</label>
            <select id="intake-supplier" className="input input-lg" value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
              <SupplierOptions suppliers={activeSuppliers} />
            </select>
          </div>
          {!supplier && <p className="muted intake-hint">{t('intake.pickSupplierFirst')}</p>}
          {supplier && (
            <div className="intake-supplier-info">
              <strong>{supplier.ownerName ?? supplier.name}</strong>
              <span className="muted">{supplier.district ?? '—'}</span>
              {supplier.phone && <span className="muted">{supplier.phone}</span>}
            </div>
          )}
          {supplier && (
            <dl className="intake-head-stats">
              <div>
                <dt>{t('bo.intake.linesCount')}</dt>
                <dd>{lines.length}</dd>
              </div>
              <div>
                <dt>{t('bo.intake.unitsCount')}</dt>
                <dd>{totals.units}</dd>
              </div>
              <div className="intake-head-total">
                <dt>{t('intake.totalValue')}</dt>
                <dd data-testid="intake-total">{formatRupiah(totals.value)}</dd>
              </div>
            </dl>
          )}
        </div>

        {supplier && (
          <div className="intake-grid">
            <section className="card intake-pick">
              <div className="intake-pick-head">
                <h2>{t('intake.products')}</h2>
                <button type="button" className="btn btn-secondary btn-sm" onClick={() => setQuickCreate(true)}>
                  + {t('bo.intake.quickCreate')}
                </button>
              </div>
              <div className="bo-scan">
                <ScanIcon size={20} />
                <input
                  ref={scanRef}
                  className="input"
                  type="search"
                  value={filter}
                  placeholder={t('bo.intake.scanPlaceholder')}
                  aria-label={t('intake.filter')}
                  data-testid="intake-scan"
                  data-scan-field
                  onChange={(e) => {
                    setFilter(e.target.value);
                    setPickError(null);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      void scan();
                    }
                  }}
                />
              </div>
              {pickError && (
                <div className="notice notice-error notice-compact" role="alert">
                  {pickError}
                </div>
              )}
              <ul className="pick-list">
                {visible.map((p) => {
                  const inList = lines.some((l) => l.product.id === p.id);
                  return (
                    <li key={p.id}>
                      <button type="button" className={`pick-item ${inList ? 'picked' : ''}`} onClick={() => addLine(p)} disabled={!p.active}>
                        <span className="pick-name">
                          {p.name}
                          {inList && <span className="pick-added">✓</span>}
                        </span>
                        <span className="pick-sub">
                          {p.barcode ?? p.sku} · {formatRupiah(p.sellPrice)} · {termsText(p.terms, t)}
                        </span>
                        <span className="pick-sub">
                          {t('bo.intake.onHand', { n: p.stock, unit: p.unit })}
                          {p.trackExpiry ? ` · ${t('intake.needsExpiry')}` : ''}
                        </span>
                      </button>
                    </li>
                  );
                })}
                {visible.length === 0 && (
                  <li className="muted pick-empty">
                    {filter.trim() ? t('bo.intake.noMatch', { query: filter.trim() }) : t('intake.noProducts')}
                    <button type="button" className="btn btn-secondary btn-sm pick-create" onClick={() => setQuickCreate(true)}>
                      + {t('bo.intake.quickCreate')}
                    </button>
                  </li>
                )}
              </ul>
            </section>

            <section className="card intake-lines">
              <h2>{t('intake.lines')}</h2>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t('product.name')}</th>
                      <th className="num">{t('intake.qty')}</th>
                      <th>{t('intake.expiry')}</th>
                      <th className="num">{t('intake.value')}</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {lines.map((l, i) => {
                      // The line's value and the totals read the quantity alike; one they leave out says why at once.
                      const parsed = parseQty(l.qty);
                      const qty = parsed ?? 0;
                      const qtyWrong = l.qty !== '' && (parsed === null || parsed < 1);
                      const lineError = lineErrors[i] || (qtyWrong ? t('intake.qtyRule') : '');
                      return (
                        <tr key={l.product.id} className={lineError ? 'row-error' : ''} data-testid="intake-line">
                          <td className="strong">
                            {l.product.name}
                            <div className="sub">
                              {termsText(l.product.terms, t)} · {t('bo.product.atPrice', { price: formatRupiah(l.product.sellPrice) })}
                            </div>
                            {lineError && (
                              <div className="field-error" role="alert">
                                {lineError}
                              </div>
                            )}
                          </td>
                          <td className="num">
                            <input
                              className="input input-qty"
                              inputMode="numeric"
                              value={l.qty}
                              aria-invalid={qtyWrong || undefined}
                              aria-label={t('cart.qtyOf', { name: l.product.name })}
                              onChange={(e) => update(i, { qty: qtyFieldText(e.target.value) })}
                              onKeyDown={backToScan}
                            />
                          </td>
                          <td>
                            <DateField
                              compact
                              value={l.expiryDate}
                              min={today}
                              max={addYears(today, MAX_EXPIRY_YEARS)}
                              minMessage={t('intake.expiryPast')}
                              maxMessage={t('bo.intake.expiryTooFar')}
                              required={l.product.trackExpiry}
                              aria-label={t('bo.intake.expiryOf', { name: l.product.name })}
                              testId="intake-expiry"
                              onChange={(iso, problem) => update(i, { expiryDate: iso, expiryInvalid: problem !== null })}
                              onKeyDown={backToScan}
                            />
                            {l.product.trackExpiry && <div className="sub">{t('intake.needsExpiry')}</div>}
                          </td>
                          <td className="num">{formatRupiah(supplierValue(l.product.sellPrice, l.product.terms, qty))}</td>
                          <td>
                            <button
                              type="button"
                              className="remove-btn"
                              aria-label={t('cart.remove', { name: l.product.name })}
                              onClick={() => setLines((ls) => ls.filter((_, k) => k !== i))}
                            >
                              ×
                            </button>
                          </td>
                        </tr>
                      );
                    })}
                    {lines.length === 0 && <EmptyRow cols={5}>{t('bo.intake.empty')}</EmptyRow>}
                  </tbody>
                </table>
              </div>
              <div className="intake-totals">
                <span>{t('intake.units', { n: totals.units })}</span>
                <span>
                  {t('intake.retailValue')} <strong>{formatRupiah(totals.retail)}</strong>
                </span>
                <span className="intake-total">
                  {t('intake.totalValue')} <strong>{formatRupiah(totals.value)}</strong>
                </span>
              </div>
              <div className="intake-foot">
                <div className="field">
                  <label htmlFor="intake-note">{t('intake.note')}</label>
                  <input id="intake-note" className="input" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()} />
                </div>
                <button type="submit" className="btn btn-primary btn-lg" disabled={busy || lines.length === 0}>
                  {busy ? t('common.saving') : t('bo.intake.saveAndPrint')}
                </button>
              </div>
              <ErrorNotice error={error} />
            </section>
          </div>
        )}
      </form>
      {quickCreate && supplier && (
        <ProductFormDialog
          product={null}
          supplierId={supplier.id}
          initialName={isCode(filter) ? '' : filter.trim()}
          initialBarcode={isCode(filter) ? filter.trim() : undefined}
          onClose={() => setQuickCreate(false)}
          onSaved={(p) => {
            setQuickCreate(false);
            setProducts((ps) => [...ps, p].sort((a, b) => a.name.localeCompare(b.name)));
            addLine(p);
          }}
        />
      )}
    </>
  );
}

/** Saved: the number, whether the slip printed, labels (how many, per lot) and reprint. */
function IntakeDone({ done, onAnother }: { done: Done; onAnother(): void }) {
  const t = useT();
  const [job, setJob] = useState<PrintJobView | null>(done.printJob ?? null);
  const live = usePrintJob(job);
  const [error, setError] = useState<unknown>(null);
  const [sheet, setSheet] = useState<LabelItem[] | null>(null);

  const reprint = async () => {
    setError(null);
    try {
      setJob(await call('intakes.reprint', { id: done.id }));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <DoneCard
      testId="intake-done"
      title={t('intake.saved')}
      numberLabel={t('intake.number')}
      number={done.number}
      numberTestId="intake-number"
      summary={
        <>
          {done.supplierName} · {t('intake.summary', { lines: done.lots.length, units: done.units })} · {formatRupiah(done.value)}
        </>
      }
      slipLabel={t('bo.intake.slip')}
      slipJob={live}
    >
      <ErrorNotice error={error} />
      <div className="btn-row">
        <button type="button" className="btn btn-secondary" onClick={() => void reprint()}>
          {t('bo.reprint')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => void intakeLabelItems(done.id).then(setSheet).catch(setError)}>
          {t('bo.labels.printIntake')}
        </button>
        <button type="button" className="btn btn-primary btn-lg" onClick={onAnother}>
          {t('intake.another')}
        </button>
      </div>
      {sheet && <LabelSheetDialog items={sheet} onClose={() => setSheet(null)} />}
    </DoneCard>
  );
}
