import { useT } from '../../../i18n';
import { formatNumber, formatRupiah } from '../../../../../shared/money';
import type { Terms } from '../../../../../shared/types';
import { qtyFieldText } from '../../../lib/form';
import { parseQty, supplierValue } from '../logic';
import { ExpiryCell, termsText } from '../ui';

/** A lot of the supplier's, as the return screen lists it. */
export interface LotRow {
  lotId: number;
  productId: number;
  name: string;
  sku: string;
  unit: string;
  intakeNumber: string | null;
  expiryDate: string | null;
  daysToExpiry: number | null;
  expired: boolean;
  remainingQty: number;
  terms: Terms;
  sellPrice: number;
}

/** One lot of a return: what it holds, the quantity to return (as typed) and what is wrong with it. */
export function ReturnLotRow({ lot: l, qty, problem, invalid, onQty }: { lot: LotRow; qty: string; problem: string; invalid: boolean; onQty(text: string): void }) {
  const t = useT();
  const n = parseQty(qty);
  return (
    <tr className={problem ? 'row-error' : n ? 'row-picked' : ''} data-testid="return-lot">
      <td className="strong">
        {l.name}
        <div className="sub">{termsText(l.terms, t)}</div>
        {problem && (
          <div className="field-error" role="alert">
            {problem}
          </div>
        )}
      </td>
      <td className="mono">{l.intakeNumber ?? t('bo.lotNumber', { id: l.lotId })}</td>
      <td>
        <ExpiryCell date={l.expiryDate} days={l.daysToExpiry} />
      </td>
      <td className="num">
        {formatNumber(l.remainingQty)} {l.unit}
      </td>
      <td className="num">
        <div className="qty-pick">
          <input
            className="input input-qty"
            inputMode="numeric"
            value={qty}
            placeholder="0"
            aria-label={t('bo.returns.qtyOf', { name: l.name })}
            aria-invalid={invalid || undefined}
            onChange={(e) => onQty(qtyFieldText(e.target.value))}
          />
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => onQty(String(l.remainingQty))}>
            {t('bo.returns.all')}
          </button>
        </div>
      </td>
      <td className="num">{n && n <= l.remainingQty ? formatRupiah(supplierValue(l.sellPrice, l.terms, n)) : '—'}</td>
    </tr>
  );
}
