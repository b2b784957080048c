CREATE TABLE `settlement_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`settlement_id` integer NOT NULL,
	`ledger_entry_id` integer NOT NULL,
	FOREIGN KEY (`settlement_id`) REFERENCES `settlements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ledger_entry_id`) REFERENCES `ledger_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `settlement_entries_uq` ON `settlement_entries` (`settlement_id`,`ledger_entry_id`);--> statement-breakpoint
CREATE INDEX `settlement_entries_entry_idx` ON `settlement_entries` (`ledger_entry_id`);--> statement-breakpoint
CREATE TABLE `settlements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`supplier_id` integer NOT NULL,
	`cutoff` text NOT NULL,
	`period_from` text NOT NULL,
	`amount` integer NOT NULL,
	`entry_count` integer NOT NULL,
	`method` text NOT NULL,
	`reference` text,
	`note` text,
	`bank_name` text,
	`bank_account` text,
	`bank_holder` text,
	`stock_snapshot` text NOT NULL,
	`till_code` text NOT NULL,
	`created_by` integer NOT NULL,
	`business_date` text NOT NULL,
	`created_at` integer NOT NULL,
	`voided_at` integer,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `settlements_number_unique` ON `settlements` (`number`);--> statement-breakpoint
CREATE INDEX `settlements_supplier_idx` ON `settlements` (`supplier_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `settlements_date_idx` ON `settlements` (`business_date`);