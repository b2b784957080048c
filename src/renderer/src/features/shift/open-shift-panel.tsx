import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { useT } from '../../i18n';
import { formatRupiah, type Rupiah } from '../../../../shared/money';
import type { ShiftView } from '../../../../shared/types';
import { ErrorNotice } from '../../components/error-notice';
import { amountTooLargeText, RupiahInput, useRupiahField } from '../../components/rupiah-input';
import { StoreIcon } from '../../components/icons';
import { useSession } from '../../app/session';

const QUICK_FLOATS: Rupiah[] = [0, 100_000, 200_000, 300_000, 500_000];

/** No shift yet on this till: count the opening float and open one. */
export function OpenShiftPanel({ open, onOpened }: { open(float: Rupiah): Promise<ShiftView>; onOpened(shift: ShiftView | null): void }) {
  const t = useT();
  const { session } = useSession();
  /** Digits above the largest amount (`tooLarge`): no float at all, never Rp 0. */
  const { value: amount, set: setAmount, tooLarge, onValueChange } = useRupiahField();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    if (tooLarge) {
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onOpened(await open(amount ?? 0));
    } catch (err) {
      // Someone opened it meanwhile (another window): just show it.
      if (err instanceof ApiError && err.code === 'CONFLICT') onOpened(null);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="shift-open-wrap">
      <form className="card shift-open" onSubmit={submit}>
        <div className="shift-open-icon" aria-hidden="true">
          <StoreIcon size={30} />
        </div>
        <h2>{t('shift.openTitle')}</h2>
        <p className="muted">{t('shift.openIntro', { code: session.tillCode })}</p>
        <label className="label" htmlFor="opening-float">
          {t('shift.openingFloat')}
        </label>
        <RupiahInput
          id="opening-float"
          ref={inputRef}
          size="xl"
          value={amount}
          onValueChange={onValueChange}
          placeholder="0"
          autoFocus
          data-testid="opening-float"
        />
        <div className="quick-row">
          {QUICK_FLOATS.map((v) => (
            <button
              key={v}
              type="button"
              className={`chip-btn ${amount === v ? 'active' : ''}`}
              onClick={() => {
                setAmount(v);
                inputRef.current?.focus();
              }}
            >
              {formatRupiah(v)}
            </button>
          ))}
        </div>
        {tooLarge && (
          <div className="notice notice-error" role="alert" data-testid="float-too-large">
            {amountTooLargeText(t)}
          </div>
        )}
        <ErrorNotice error={error} />
        <button type="submit" className="btn btn-primary btn-xl btn-block" disabled={busy}>
          {busy ? t('common.saving') : t('shift.openButton')} <kbd>Enter</kbd>
        </button>
      </form>
    </div>
  );
}
