import { forwardRef, useEffect, useState, type InputHTMLAttributes } from 'react';
import type { Rupiah } from '../../../shared/money';
import { normalizeRupiahText, rupiahText } from '../lib/rupiah-input';

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
