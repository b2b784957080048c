/** Supplier ledger and settlement procedures. */
export const settlementContract = {} as const;
