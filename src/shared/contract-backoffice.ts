/** Back office procedures: suppliers, products, intake, returns, expiry, stock counts, labels. */
export const backofficeContract = {} as const;
