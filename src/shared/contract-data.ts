/**
 * Data rules (issue 11): what in a database written before today's limits
 * cannot be right and needs a person to correct it.
 */
import { def, empty } from './contract-kit';

export type DataCorrectionKind =
  /** A product's sell price or supplier price above MAX_RUPIAH. */
  | 'price_over_max'
  /** A lot in stock whose value at its sell price (price × units) is above MAX_RUPIAH. */
  | 'lot_value_over_max'
  /** A product's barcode equal (ignoring case) to another product's SKU: one lookup namespace. */
  | 'barcode_is_sku'
  /** A held cart whose total is above MAX_RUPIAH. */
  | 'held_cart_over_max'
  /** A till's printer set to a file path or a non-device serial path (no longer allowed). */
  | 'printer_setting'
  /** Stored text that is not valid Unicode (lone surrogates). */
  | 'invalid_text';

export interface DataCorrection {
  kind: DataCorrectionKind;
  entity: 'product' | 'lot' | 'held_sale' | 'printer' | 'supplier';
  /** Row id; for a printer, null (see `label`: the till code). */
  entityId: number | null;
  /** What a person recognises: the product or supplier name, `Kasir K1`, … */
  label: string;
  /** The field to correct. */
  field: string;
  /** The stored value as text (numbers in full). */
  value: string;
  /** The product the row belongs to, to open its page. */
  productId?: number;
}

export const dataContract = {
  'data.corrections': def<DataCorrection[]>()(empty),
} as const;
