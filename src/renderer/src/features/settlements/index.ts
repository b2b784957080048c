/** Supplier balances and settlements (pembayaran konsinyasi): the screens the back office shows. */
export { BalancesScreen } from './balances-screen';
export { HistoryScreen } from './history';
export { BulkSettlementScreen } from './bulk-screen';
