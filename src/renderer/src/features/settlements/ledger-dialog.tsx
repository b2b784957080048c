import { useState } from 'react';
import { call } from '../../api';
import { useT } from '../../i18n';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { amountTooLargeText, RupiahInput, useRupiahField } from '../../components/rupiah-input';
import { CancelButton } from '../../components/dialog-parts';
import { useSubmit } from '../../lib/use-submit';

/** A fee (−) or an adjustment (±, with reason) for the manager. */
export function LedgerDialog({ kind, supplierId, onClose, onSaved }: { kind: 'fee' | 'adjust'; supplierId: number; onClose(): void; onSaved(): void }) {
  const t = useT();
  const amountField = useRupiahField();
  const amount = amountField.value;
  const [direction, setDirection] = useState<1 | -1>(1);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; text?: string }>({});
  const submitting = useSubmit();
  const { busy, error } = submitting;

  const submit = async () => {
    const fe: typeof errors = {};
    if (amountField.tooLarge) fe.amount = amountTooLargeText(t);
    else if (!amount || amount <= 0) fe.amount = t('form.positive');
    if (!text.trim()) fe.text = t('form.required');
    setErrors(fe);
    if (fe.amount || fe.text || !amount) return;
    await submitting.run(async () => {
      if (kind === 'fee') await call('ledger.fee', { supplierId, amount, note: text.trim() });
      else await call('ledger.adjust', { supplierId, amount: direction * amount, reason: text.trim() });
      onSaved();
    });
  };

  return (
    <Dialog
      title={t(kind === 'fee' ? 'settle.fee.title' : 'settle.adjust.title')}
      size="sm"
      onClose={onClose}
      footer={
        <>
          <CancelButton onClick={onClose} />
          <button type="button" className="btn btn-primary" onClick={() => void submit()} disabled={busy}>
            {busy ? t('common.saving') : t(kind === 'fee' ? 'settle.fee.save' : 'settle.adjust.save')}
          </button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        {kind === 'adjust' && (
          <fieldset className="radio-group">
            <legend>{t('settle.adjust.direction')}</legend>
            {([1, -1] as const).map((d) => (
              <label key={d} className={`radio-card ${direction === d ? 'active' : ''}`}>
                <input type="radio" name="adjust-direction" checked={direction === d} onChange={() => setDirection(d)} />
                <span>
                  <strong>{t(d === 1 ? 'settle.adjust.plus' : 'settle.adjust.minus')}</strong>
                  <small>{t(d === 1 ? 'settle.adjust.plusHint' : 'settle.adjust.minusHint')}</small>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <Field label={t(kind === 'fee' ? 'settle.fee.amount' : 'settle.adjust.amount')} error={errors.amount} required>
          <RupiahInput value={amount} onValueChange={amountField.onValueChange} />
        </Field>
        <Field label={t(kind === 'fee' ? 'settle.fee.note' : 'settle.adjust.reason')} error={errors.text} required>
          <input className="input" maxLength={200} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <ErrorNotice error={error} />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
