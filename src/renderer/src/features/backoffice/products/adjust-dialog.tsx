import { useRef, useState, type FormEvent } from 'react';
import { call } from '../../../api';
import { useT } from '../../../i18n';
import { formatRupiah } from '../../../../../shared/money';
import type { Liability, LotView } from '../../../../../shared/types-backoffice';
import { Dialog } from '../../../components/dialog';
import { ErrorNotice } from '../../../components/error-notice';
import { Field } from '../../../components/field';
import { formatIsoDate } from '../../../lib/format';
import { parseQty, signedQty, supplierValue } from '../logic';
import { useSubmit } from '../../../lib/use-submit';
import { qtyFieldText } from '../../../lib/form';

/** The form's id, for the footer's Save (the dialog's default button: Enter in any field saves). */
const FORM_ID = 'stock-adjust-form';

/** One stock correction of a lot (`stock.adjust`): units missing or found, why, and who bears a shortfall. */
export function AdjustDialog({ lot, productName, onDone, onClose }: { lot: LotView; productName: string; onDone(): void; onClose(): void }) {
  const t = useT();
  const [direction, setDirection] = useState<'minus' | 'plus'>('minus');
  const [qty, setQty] = useState('1');
  const [reason, setReason] = useState('');
  const [liability, setLiability] = useState<Liability>('shop');
  const [errors, setErrors] = useState<{ qty?: string; reason?: string }>({});
  const submitting = useSubmit();
  const { busy, error } = submitting;
  // Set before the first await: a second Enter (or click) before the re-render that disables Save sends nothing.
  const sending = useRef(false);

  const n = parseQty(qty);
  const delta = n === null ? null : direction === 'minus' ? -n : n;
  const loss = direction === 'minus' && n !== null && liability === 'shop' ? supplierValue(lot.sellPrice, lot.terms, n) : 0;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation(); // the dialog may sit inside another form
    if (sending.current) return;
    const errs: typeof errors = {};
    if (n === null || n < 1) errs.qty = t('intake.qtyRule');
    else if (direction === 'minus' && n > lot.remainingQty) errs.qty = t('bo.adjust.belowZero', { n: lot.remainingQty });
    if (!reason.trim()) errs.reason = t('form.required');
    setErrors(errs);
    if (Object.keys(errs).length > 0 || delta === null) return;
    sending.current = true;
    try {
      await submitting.run(async () => {
        await call('stock.adjust', { lotId: lot.id, delta, reason: reason.trim(), liability: direction === 'minus' ? liability : 'shop' });
        onDone();
      });
    } finally {
      sending.current = false;
    }
  };

  return (
    <Dialog
      title={t('bo.adjust.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={FORM_ID} className="btn btn-primary" disabled={busy}>
            {busy ? t('common.saving') : t('bo.adjust.save')}
          </button>
        </>
      }
    >
      <form id={FORM_ID} onSubmit={(e) => void submit(e)} noValidate>
        <p className="bo-dialog-lead">
          <strong>{productName}</strong>
          <span className="muted">
            {t('bo.adjust.lotLine', { lot: lot.intakeNumber ?? t('bo.lotNumber', { id: lot.id }), n: lot.remainingQty })}
            {lot.expiryDate ? ` · ${t('bo.expShort', { date: formatIsoDate(lot.expiryDate) })}` : ''}
          </span>
        </p>
        <div className="bo-seg bo-seg-lg" role="group" aria-label={t('bo.adjust.direction')}>
          <button type="button" className={direction === 'minus' ? 'active' : ''} aria-pressed={direction === 'minus'} onClick={() => setDirection('minus')}>
            {t('bo.adjust.minus')}
          </button>
          <button type="button" className={direction === 'plus' ? 'active' : ''} aria-pressed={direction === 'plus'} onClick={() => setDirection('plus')}>
            {t('bo.adjust.plus')}
          </button>
        </div>
        <div className="form-grid">
          <Field label={t('intake.qty')} error={errors.qty} hint={delta !== null ? t('bo.adjust.after', { delta: signedQty(delta), n: lot.remainingQty + delta }) : undefined}>
            <input className="input" inputMode="numeric" value={qty} onChange={(e) => setQty(qtyFieldText(e.target.value))} />
          </Field>
          <Field label={t('bo.adjust.reason')} error={errors.reason} required>
            <input className="input" value={reason} maxLength={200} placeholder={t('bo.adjust.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} />
          </Field>
        </div>
        {direction === 'minus' && (
          <fieldset className="radio-group">
            <legend>{t('bo.liability')}</legend>
            <label className={`radio-card ${liability === 'shop' ? 'active' : ''}`}>
              <input type="radio" name="liability" checked={liability === 'shop'} onChange={() => setLiability('shop')} />
              <span>
                <strong>{t('bo.liability.shop')}</strong>
                <small>{t('bo.liability.shopHelp')}</small>
              </span>
            </label>
            <label className={`radio-card ${liability === 'supplier' ? 'active' : ''}`}>
              <input type="radio" name="liability" checked={liability === 'supplier'} onChange={() => setLiability('supplier')} />
              <span>
                <strong>{t('bo.liability.supplier')}</strong>
                <small>{t('bo.liability.supplierHelp')}</small>
              </span>
            </label>
          </fieldset>
        )}
        {loss > 0 && <div className="notice notice-info notice-compact">{t('bo.adjust.lossNote', { amount: formatRupiah(loss) })}</div>}
        <ErrorNotice error={error} />
      </form>
    </Dialog>
  );
}
