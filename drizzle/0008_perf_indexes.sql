DROP INDEX `lots_product_idx`;--> statement-breakpoint
DROP INDEX `lots_supplier_idx`;--> statement-breakpoint
CREATE INDEX `lots_product_stock_idx` ON `lots` (`product_id`,`remaining_qty`,`expiry_date`);--> statement-breakpoint
CREATE INDEX `lots_supplier_stock_idx` ON `lots` (`supplier_id`,`remaining_qty`);--> statement-breakpoint
CREATE INDEX `ledger_supplier_balance_idx` ON `ledger_entries` (`supplier_id`,`business_date`,`amount`);