import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { formatRupiah, type Rupiah } from '../../../../shared/money';
import type { Discount } from '../../../../shared/types-till';
import { Dialog } from '../../components/dialog';
import { amountTooLargeText, RupiahInput, useRupiahField } from '../../components/rupiah-input';
import { bpsToPercent, percentToBps } from '../../lib/form';
import { bpsOf, discountAmount, overLimit as overLimitOf } from '../../../../shared/pricing';

export interface DiscountTarget {
  kind: 'line' | 'sale';
  /** Product name (line) — the title says what is discounted. */
  name?: string;
  qty?: number;
  /** Catalogue unit price (line). */
  listPrice?: Rupiah;
  /** What the discount applies to, before it: qty × unit price (line) or the total after line discounts (sale). */
  base: Rupiah;
  discount?: Discount;
  priceOverride?: Rupiah;
}

interface Props {
  target: DiscountTarget;
  limitBps: number;
  /** Managers approve themselves: no warning. */
  isManager: boolean;
  onApply(terms: { discount?: Discount; priceOverride?: Rupiah }): void;
  onClose(): void;
}

/** A line discount (and price override) or the sale discount: amount in rupiah or a percentage. */
export function DiscountDialog({ target, limitBps, isManager, onApply, onClose }: Props) {
  const t = useT();
  const [type, setType] = useState<'amount' | 'percent'>(target.discount?.type ?? 'percent');
  const amountField = useRupiahField(target.discount?.type === 'amount' ? target.discount.value : null);
  const amount = amountField.value;
  const [percent, setPercent] = useState(target.discount?.type === 'percent' ? bpsToPercent(target.discount.bps).replace('%', '') : '');
  const overrideField = useRupiahField(target.priceOverride ?? null);
  const override = overrideField.value;
  const [error, setError] = useState<string | null>(null);

  const unit = target.kind === 'line' ? (override && override > 0 ? override : target.listPrice!) : 0;
  const base = target.kind === 'line' ? unit * (target.qty ?? 1) : target.base;

  const discount: Discount | undefined | 'invalid' = (() => {
    if (type === 'amount') return amount && amount > 0 ? { type: 'amount', value: amount } : undefined;
    if (!percent.trim()) return undefined;
    const bps = percentToBps(percent);
    return bps && bps > 0 ? { type: 'percent', bps } : 'invalid';
  })();
  const tooBig = discount !== undefined && discount !== 'invalid' && discount.type === 'amount' && discount.value > base;
  const off = discount && discount !== 'invalid' && !tooBig ? discountAmount(base, discount, 'discount') : 0;
  const overLimit = !isManager && (overLimitOf(off, base, limitBps) || (target.kind === 'line' && override !== null && override !== target.listPrice));

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if ((type === 'amount' && amountField.tooLarge) || (target.kind === 'line' && overrideField.tooLarge)) return setError(amountTooLargeText(t));
    if (discount === 'invalid') return setError(t('tx.disc.badPercent'));
    if (tooBig) return setError(t('tx.disc.tooBig', { max: formatRupiah(base) }));
    if (target.kind === 'line' && override !== null && override <= 0) return setError(t('form.positive'));
    onApply({ discount: discount ?? undefined, ...(target.kind === 'line' && override ? { priceOverride: override } : {}) });
  };

  return (
    <Dialog
      title={target.kind === 'line' ? t('tx.disc.lineTitle') : t('tx.disc.saleTitle')}
      size="md"
      className="discount-dialog"
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate data-testid="discount-dialog">
        {target.kind === 'line' && (
          <p className="discount-target">
            <strong>{target.name}</strong>
            <span className="muted">
              {' '}
              · {target.qty} × {formatRupiah(target.listPrice ?? 0)}
            </span>
          </p>
        )}
        <div className="method-tabs discount-type" role="tablist" aria-label={t('tx.disc.type')}>
          {(['percent', 'amount'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={type === k}
              className={`method-tab ${type === k ? 'active' : ''}`}
              onClick={() => {
                setType(k);
                setError(null);
              }}
            >
              <span>{k === 'percent' ? t('tx.disc.percent') : t('tx.disc.amount')}</span>
            </button>
          ))}
        </div>
        {type === 'percent' ? (
          <div className="field">
            <label htmlFor="disc-percent">{t('tx.disc.percentLabel')}</label>
            <div className="money-input money-input-lg percent-input">
              <input
                id="disc-percent"
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={percent}
                data-autofocus
                data-testid="disc-percent"
                onChange={(e) => {
                  setPercent(e.target.value.replace(/[^\d.,]/g, '').slice(0, 6));
                  setError(null);
                }}
              />
              <span className="money-prefix">%</span>
            </div>
          </div>
        ) : (
          <div className="field">
            <label htmlFor="disc-amount">{t('tx.disc.amountLabel')}</label>
            <RupiahInput
              id="disc-amount"
              size="lg"
              value={amount}
              data-autofocus
              data-testid="disc-amount"
              onValueChange={(v, text) => {
                amountField.onValueChange(v, text);
                setError(null);
              }}
            />
          </div>
        )}
        {target.kind === 'line' && (
          <div className="field">
            <label htmlFor="disc-override">{t('tx.disc.override')}</label>
            <RupiahInput id="disc-override" value={override} placeholder={String(target.listPrice ?? '')} onValueChange={(v, text) => {
                overrideField.onValueChange(v, text);
                setError(null);
              }} />
            <div className="field-hint">{t('tx.disc.overrideHint')}</div>
          </div>
        )}
        <dl className="pay-figures discount-preview">
          <div>
            <dt>{target.kind === 'line' ? t('tx.disc.lineBase') : t('tx.disc.saleBase')}</dt>
            <dd>{formatRupiah(base)}</dd>
          </div>
          <div>
            <dt>{t('tx.disc.off')}</dt>
            <dd data-testid="disc-off">
              −{formatRupiah(off)}
              {off > 0 && base > 0 ? ` (${bpsToPercent(bpsOf(off, base))})` : ''}
            </dd>
          </div>
          <div className="due">
            <dt>{t('tx.disc.after')}</dt>
            <dd>{formatRupiah(base - off)}</dd>
          </div>
        </dl>
        {overLimit && (
          <div className="notice notice-info" role="status">
            {t('tx.disc.needsManager', { limit: bpsToPercent(limitBps) })}
          </div>
        )}
        {error && (
          <div className="notice notice-error" role="alert">
            {error}
          </div>
        )}
        <div className="pay-actions">
          <button
            type="button"
            className="btn btn-ghost btn-lg"
            onClick={() => onApply({})}
            disabled={!target.discount && target.priceOverride === undefined}
          >
            {t('tx.disc.remove')}
          </button>
          <button type="submit" className="btn btn-primary btn-lg" data-testid="disc-apply">
            {t('tx.disc.apply')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}
