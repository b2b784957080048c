import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, call } from '../../../api';
import { useT } from '../../../i18n';
import { fieldMessage } from '../../../i18n/errors';
import { formatNumber, formatRupiah } from '../../../../../shared/money';
import type { ReturnReason, ReturnResult } from '../../../../../shared/types-backoffice';
import { useSession } from '../../../app/session';
import { ErrorNotice } from '../../../components/error-notice';
import { Field } from '../../../components/field';
import { daysUntil, todayIn } from '../../../lib/format';
import { checkReturn, parseQty, supplierValue } from '../logic';
import { clearPending, peekPending } from '../nav';
import { EmptyRow, SupplierOptions } from '../list-parts';
import { REASON_KEY } from '../ui';
import { useSuppliers } from '../use-suppliers';
import { ReturnsHistory } from './returns-history';
import { PanelHead } from '../page-parts';
import { NewHistoryTabs } from '../new-history-tabs';
import { ReturnDone } from './return-done';
import { ReturnLotRow, type LotRow } from './return-lot-row';
import { sendKeyed, useRequestKey } from '../../../lib/request-key';

/** Returns to the supplier (retur): build one from a supplier's lots, or look back at past ones. */
export function ReturnsScreen() {
  const t = useT();
  return <NewHistoryTabs newLabel={t('bo.returns.tabNew')} historyLabel={t('bo.returns.tabHistory')} newTab={<ReturnBuilder />} historyTab={<ReturnsHistory />} />;
}

const REASONS: ReturnReason[] = ['unsold', 'expired', 'damaged', 'other'];

function ReturnBuilder() {
  const t = useT();
  const { shop } = useSession();
  const today = todayIn(shop.timeZone);
  const { suppliers } = useSuppliers();
  const [supplierId, setSupplierId] = useState(() => String(peekPending('returnSupplier') ?? ''));
  const [prefillDays] = useState(() => peekPending('returnNearExpiryDays'));
  const [lots, setLots] = useState<LotRow[] | null>(null);
  const [qty, setQty] = useState<Record<number, string>>({});
  const [reason, setReason] = useState<ReturnReason>('unsold');
  const [note, setNote] = useState('');
  const [nearDays, setNearDays] = useState(String(prefillDays ?? 30));
  const [slowDays, setSlowDays] = useState('60');
  const [prefillNote, setPrefillNote] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<number, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ReturnResult | null>(null);

  useEffect(() => {
    clearPending('returnSupplier');
    clearPending('returnNearExpiryDays');
  }, []);

  const supplier = suppliers.find((s) => String(s.id) === supplierId) ?? null;

  /** Every lot with stock of the supplier's products, soonest expiry first. */
  const loadLots = useCallback(
    async (sid: number): Promise<LotRow[]> => {
      const detail = await call('suppliers.get', { id: sid });
      const withStock = detail.products.filter((p) => p.stock + p.expiredStock > 0);
      const details = await Promise.all(withStock.map((p) => call('products.detail', { id: p.id })));
      const rows: LotRow[] = [];
      for (const p of details)
        for (const l of p.lots)
          if (l.remainingQty > 0 && l.supplierId === sid)
            rows.push({
              lotId: l.id,
              productId: p.id,
              name: p.name,
              sku: p.sku,
              unit: p.unit,
              intakeNumber: l.intakeNumber,
              expiryDate: l.expiryDate,
              daysToExpiry: l.expiryDate ? daysUntil(l.expiryDate, today) : null,
              expired: l.expired,
              remainingQty: l.remainingQty,
              terms: l.terms,
              sellPrice: l.sellPrice,
            });
      return rows.sort((a, b) => (a.expiryDate ?? '9999') .localeCompare(b.expiryDate ?? '9999') || a.name.localeCompare(b.name));
    },
    [today],
  );

  const prefillNear = useCallback(
    async (sid: number, days: number) => {
      const rows = await call('stock.nearExpiry', { supplierId: sid, days });
      setQty(Object.fromEntries(rows.map((r) => [r.lotId, String(r.remainingQty)])));
      setReason('expired');
      setPrefillNote(t('bo.returns.prefilledNear', { n: rows.length, days }));
    },
    [t],
  );

  useEffect(() => {
    setLots(null);
    setQty({});
    setProblems({});
    setPrefillNote(null);
    setError(null);
    if (!supplierId) return;
    let alive = true;
    const sid = Number(supplierId);
    loadLots(sid)
      .then(async (rows) => {
        if (!alive) return;
        setLots(rows);
        if (prefillDays !== null) await prefillNear(sid, prefillDays);
      })
      .catch((err) => alive && setError(err));
    return () => {
      alive = false;
    };
    // prefillDays only matters for the supplier we arrived with
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [supplierId, loadLots]);

  const run = async (f: () => Promise<void>) => {
    setError(null);
    setProblems({});
    try {
      await f();
    } catch (err) {
      setError(err);
    }
  };

  const fillAll = () => {
    setQty(Object.fromEntries((lots ?? []).map((l) => [l.lotId, String(l.remainingQty)])));
    setPrefillNote(t('bo.returns.prefilledAll'));
  };
  const fillSlow = () =>
    run(async () => {
      const days = parseQty(slowDays, 3650) ?? 60;
      const rows = await call('stock.slowMoving', { supplierId: Number(supplierId), days: Math.max(1, days) });
      setQty(Object.fromEntries(rows.map((r) => [r.lotId, String(r.remainingQty)])));
      setReason('unsold');
      setPrefillNote(t('bo.returns.prefilledSlow', { n: rows.length, days }));
    });

  const picks = useMemo(() => (lots ?? []).map((l) => ({ lotId: l.lotId, remainingQty: l.remainingQty, qty: qty[l.lotId] ?? '' })), [lots, qty]);
  /** What is wrong with a typed quantity, said on its line as it is typed (not only on Save). */
  const problemText = (p: 'qty' | 'tooMany', lotId: number) =>
    p === 'tooMany' ? t('bo.returns.tooMany', { n: formatNumber(picks.find((x) => x.lotId === lotId)?.remainingQty ?? 0) }) : t('intake.qtyRule');
  const live = useMemo(() => {
    const check = checkReturn(picks);
    return check.ok ? {} : check.problems;
  }, [picks]);
  const totals = useMemo(() => {
    let units = 0;
    let value = 0;
    for (const l of lots ?? []) {
      const n = parseQty(qty[l.lotId] ?? '');
      if (n && n <= l.remainingQty) {
        units += n;
        value += supplierValue(l.sellPrice, l.terms, n);
      }
    }
    return { units, value };
  }, [lots, qty]);

  const requestKeys = useRequestKey();
  const submit = async () => {
    if (!supplier) return;
    const check = checkReturn(picks);
    if (!check.ok) {
      setProblems(Object.fromEntries(Object.entries(check.problems).map(([id, p]) => [id, problemText(p, Number(id))])));
      if (check.empty) setError(new Error(t('bo.returns.nothing')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const request = { supplierId: supplier.id, lines: check.lines, reason, ...(note.trim() ? { note: note.trim() } : {}) };
      const res = await sendKeyed(requestKeys, request, (input) => call('returns.create', input));
      setDone(res);
    } catch (err) {
      const m = err instanceof ApiError && err.field ? /^lines\.(\d+)\./.exec(err.field) : null;
      if (m && err instanceof ApiError && check.lines[Number(m[1])]) setProblems({ [check.lines[Number(m[1])].lotId]: fieldMessage(err) });
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <ReturnDone
        result={done}
        onAnother={() => {
          setDone(null);
          setQty({});
          setNote('');
          setPrefillNote(null);
          if (supplier) void loadLots(supplier.id).then(setLots);
        }}
      />
    );

  return (
    <div className="bo-stack">
      <div className="card intake-head">
        <div className="field">
          <label htmlFor="return-supplier">{t('intake.supplier')}</label>
          <select id="return-supplier" className="input input-lg" value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
            <SupplierOptions suppliers={suppliers} />
          </select>
        </div>
        {!supplier && <p className="muted intake-hint">{t('bo.returns.pickSupplier')}</p>}
        {supplier && (
          <div className="return-prefill">
            <span className="label">{t('bo.returns.prefill')}</span>
            <div className="return-prefill-row">
              <button type="button" className="btn btn-secondary btn-sm" onClick={fillAll} disabled={!lots?.length}>
                {t('bo.returns.fillAll')}
              </button>
              <span className="return-prefill-group">
                <button type="button" className="btn btn-secondary btn-sm" onClick={() => void run(() => prefillNear(Number(supplierId), parseQty(nearDays, 365) ?? 30))}>
                  {t('bo.returns.fillNear')}
                </button>
                <input className="input input-days" inputMode="numeric" aria-label={t('bo.expiry.days')} value={nearDays} onChange={(e) => setNearDays(e.target.value.replace(/\D/g, '').slice(0, 3))} />
                <span className="muted">{t('bo.days')}</span>
              </span>
              <span className="return-prefill-group">
                <button type="button" className="btn btn-secondary btn-sm" onClick={() => void fillSlow()}>
                  {t('bo.returns.fillSlow')}
                </button>
                <input className="input input-days" inputMode="numeric" aria-label={t('bo.returns.slowDays')} value={slowDays} onChange={(e) => setSlowDays(e.target.value.replace(/\D/g, '').slice(0, 4))} />
                <span className="muted">{t('bo.days')}</span>
              </span>
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => setQty({})}>
                {t('bo.returns.clear')}
              </button>
            </div>
          </div>
        )}
      </div>

      {supplier && (
        <div className="return-grid">
          <section className="card bo-panel">
            <PanelHead title={t('bo.returns.lots')}>{prefillNote && <span className="badge badge-printed">{prefillNote}</span>}</PanelHead>
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('product.name')}</th>
                    <th>{t('bo.product.lot')}</th>
                    <th>{t('intake.expiry')}</th>
                    <th className="num">{t('bo.product.remaining')}</th>
                    <th className="num">{t('bo.returns.qty')}</th>
                    <th className="num">{t('intake.value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(lots ?? []).map((l) => {
                    const livePick = live[l.lotId];
                    return (
                      <ReturnLotRow
                        key={l.lotId}
                        lot={l}
                        qty={qty[l.lotId] ?? ''}
                        problem={problems[l.lotId] || (livePick ? problemText(livePick, l.lotId) : '')}
                        invalid={Boolean(livePick)}
                        onQty={(text) => {
                          setQty((q) => ({ ...q, [l.lotId]: text }));
                          setProblems(({ [l.lotId]: _, ...rest }) => rest);
                        }}
                      />
                    );
                  })}
                  {lots && lots.length === 0 && <EmptyRow cols={6}>{t('bo.returns.noStock')}</EmptyRow>}
                  {!lots && !error && <EmptyRow cols={6}>{t('common.loading')}</EmptyRow>}
                </tbody>
              </table>
            </div>
          </section>
          <aside className="card bo-form return-side">
            <h2>{t('bo.returns.summary')}</h2>
            <dl className="return-totals">
              <div>
                <dt>{t('bo.intake.unitsCount')}</dt>
                <dd data-testid="return-units">{formatNumber(totals.units)}</dd>
              </div>
              <div>
                <dt>{t('intake.value')}</dt>
                <dd>{formatRupiah(totals.value)}</dd>
              </div>
            </dl>
            <fieldset className="radio-group radio-row">
              <legend>{t('bo.returns.reason')}</legend>
              {REASONS.map((r) => (
                <label key={r} className={`radio-card ${reason === r ? 'active' : ''}`}>
                  <input type="radio" name="reason" checked={reason === r} onChange={() => setReason(r)} />
                  <span>
                    <strong>{t(REASON_KEY[r])}</strong>
                  </span>
                </label>
              ))}
            </fieldset>
            <Field label={t('intake.note')}>
              <input className="input" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            </Field>
            <ErrorNotice error={error} />
            <button type="button" className="btn btn-primary btn-lg btn-block" disabled={busy || totals.units === 0} onClick={() => void submit()}>
              {busy ? t('common.saving') : t('bo.returns.save')}
            </button>
            <p className="muted return-side-note">{t('bo.returns.saveNote')}</p>
          </aside>
        </div>
      )}
    </div>
  );
}

