import { useT } from '../../i18n';

export const MAX_PIN = 8;

interface PinPadProps {
  length: number;
  onDigit(d: string): void;
  onBackspace(): void;
  onClear(): void;
  disabled?: boolean;
}

/** Big 0–9 buttons, clear and backspace, for a touch screen or a mouse. */
export function PinPad({ length, onDigit, onBackspace, onClear, disabled }: PinPadProps) {
  const t = useT();
  const digit = (d: string) => (
    <button
      key={d}
      type="button"
      className="pin-key"
      disabled={disabled || length >= MAX_PIN}
      onClick={() => onDigit(d)}
      aria-label={`${t('login.digit')} ${d}`}
    >
      {d}
    </button>
  );
  return (
    <div className="pin-pad" role="group" aria-label={t('login.pinPad')}>
      {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(digit)}
      <button type="button" className="pin-key pin-key-fn" onClick={onClear} disabled={disabled || length === 0}>
        {t('login.clear')}
      </button>
      {digit('0')}
      <button
        type="button"
        className="pin-key pin-key-fn"
        onClick={onBackspace}
        disabled={disabled || length === 0}
        aria-label={t('login.backspace')}
        title={t('login.backspace')}
      >
        ⌫
      </button>
    </div>
  );
}

/** Dots for the digits entered so far: at least four places, up to eight. */
export function PinDots({ length, error }: { length: number; error?: boolean }) {
  const slots = Math.max(4, Math.min(MAX_PIN, length + (length < MAX_PIN && length >= 4 ? 1 : 0)));
  return (
    <div className={`pin-dots ${error ? 'pin-dots-error' : ''}`} aria-hidden="true">
      {Array.from({ length: slots }, (_, i) => (
        <span key={i} className={i < length ? 'filled' : ''} />
      ))}
    </div>
  );
}
