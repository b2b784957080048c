/** Pure helpers of the refund screen. */

/** Units of a line that can still be refunded. */
export const refundable = (line: { qty: number; refundedQty: number }): number => Math.max(0, line.qty - line.refundedQty);
