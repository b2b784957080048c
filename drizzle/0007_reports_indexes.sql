-- Reports (issue 8): indexes for date-ranged refunds, payouts by day and unsettled ledger entries.
-- Hand-written (drizzle-kit generate --custom): the tables are declared elsewhere in src/db/schema.ts;
-- see `reportIndexes` under `// --- reports ---` there.
CREATE INDEX IF NOT EXISTS `refunds_date_idx` ON `refunds` (`business_date`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `ledger_kind_date_idx` ON `ledger_entries` (`kind`, `business_date`);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `ledger_unsettled_idx` ON `ledger_entries` (`settlement_id`, `business_date`);
