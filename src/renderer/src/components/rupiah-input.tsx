import { forwardRef, useCallback, useEffect, useState, type InputHTMLAttributes } from 'react';
import { formatRupiah, MAX_RUPIAH, type Rupiah } from '../../../shared/money';
import type { Translate } from '../i18n';
import { normalizeRupiahText, rupiahText } from '../lib/rupiah-input';

/**
 * A Rupiah field's state for a form: the amount, and whether the digits typed are above the largest
 * amount (then there is no amount, and the form says "too large", never "required" or "more than 0",
 * and never sends anything). `set` is for a value chosen outside the field (a quick button).
 */
export function useRupiahField(initial: Rupiah | null | (() => Rupiah | null) = null) {
  const [value, setValue] = useState<Rupiah | null>(initial);
  const [tooLarge, setTooLarge] = useState(false);
  const set = useCallback((v: Rupiah | null) => {
    setValue(v);
    setTooLarge(false);
  }, []);
  const onValueChange = useCallback((v: Rupiah | null, text: string) => {
    setValue(v);
    setTooLarge(v === null && text !== '');
  }, []);
  return { value, set, tooLarge, onValueChange };
}

/** What a form says of digits above the largest amount. */
export const amountTooLargeText = (t: Translate): string => t('form.amountTooLarge', { max: formatRupiah(MAX_RUPIAH) });

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'size'> & {
  value: Rupiah | null;
  /** `value` null with `text` not empty: digits above MAX_RUPIAH, which are no amount. */
  onValueChange(value: Rupiah | null, text: string): void;
  size?: 'md' | 'lg' | 'xl';
};

/** A Rupiah amount, grouped with dots as you type ("150.000"), with an "Rp" prefix. */
export const RupiahInput = forwardRef<HTMLInputElement, Props>(function RupiahInput(
  { value, onValueChange, size = 'md', className, ...rest },
  ref,
) {
  const [text, setText] = useState(() => rupiahText(value));
  useEffect(() => {
    // Follow the value when it is changed from outside (quick buttons).
    setText((current) => (normalizeRupiahText(current).value === value ? current : rupiahText(value)));
  }, [value]);
  return (
    <div className={`money-input money-input-${size} ${className ?? ''}`}>
      <span className="money-prefix" aria-hidden="true">
        Rp
      </span>
      <input
        ref={ref}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        {...rest}
        value={text}
        onChange={(e) => {
          const next = normalizeRupiahText(e.target.value);
          setText(next.text);
          onValueChange(next.value, next.text);
        }}
      />
    </div>
  );
});
