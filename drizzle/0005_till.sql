CREATE TABLE `cash_movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`till_code` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`reason` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cash_movements_shift_idx` ON `cash_movements` (`shift_id`);--> statement-breakpoint
CREATE TABLE `held_sales` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`till_code` text NOT NULL,
	`note` text,
	`cart` text NOT NULL,
	`status` text DEFAULT 'held' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`closed_by` integer,
	`closed_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `held_sales_till_idx` ON `held_sales` (`till_code`,`status`);--> statement-breakpoint
CREATE TABLE `refund_line_lots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`refund_line_id` integer NOT NULL,
	`sale_line_lot_id` integer NOT NULL,
	`lot_id` integer NOT NULL,
	`qty` integer NOT NULL,
	`restocked` integer NOT NULL,
	`net_amount` integer NOT NULL,
	`supplier_share` integer NOT NULL,
	`shop_share` integer NOT NULL,
	`ledger_entry_id` integer,
	FOREIGN KEY (`refund_line_id`) REFERENCES `refund_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sale_line_lot_id`) REFERENCES `sale_line_lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ledger_entry_id`) REFERENCES `ledger_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refund_line_lots_line_idx` ON `refund_line_lots` (`refund_line_id`);--> statement-breakpoint
CREATE INDEX `refund_line_lots_portion_idx` ON `refund_line_lots` (`sale_line_lot_id`);--> statement-breakpoint
CREATE INDEX `refund_line_lots_lot_idx` ON `refund_line_lots` (`lot_id`);--> statement-breakpoint
CREATE TABLE `refund_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`refund_id` integer NOT NULL,
	`sale_line_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`name` text NOT NULL,
	`qty` integer NOT NULL,
	`restock` integer NOT NULL,
	`amount` integer NOT NULL,
	FOREIGN KEY (`refund_id`) REFERENCES `refunds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sale_line_id`) REFERENCES `sale_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refund_lines_refund_idx` ON `refund_lines` (`refund_id`);--> statement-breakpoint
CREATE INDEX `refund_lines_sale_line_idx` ON `refund_lines` (`sale_line_id`);--> statement-breakpoint
CREATE TABLE `refund_payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`refund_id` integer NOT NULL,
	`method` text NOT NULL,
	`amount` integer NOT NULL,
	`reference` text,
	FOREIGN KEY (`refund_id`) REFERENCES `refunds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refund_payments_refund_idx` ON `refund_payments` (`refund_id`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`kind` text NOT NULL,
	`sale_id` integer NOT NULL,
	`till_code` text NOT NULL,
	`shift_id` integer NOT NULL,
	`reason` text NOT NULL,
	`total` integer NOT NULL,
	`rounding` integer DEFAULT 0 NOT NULL,
	`created_by` integer NOT NULL,
	`approved_by` integer NOT NULL,
	`business_date` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`sale_id`) REFERENCES `sales`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_number_unique` ON `refunds` (`number`);--> statement-breakpoint
CREATE INDEX `refunds_sale_idx` ON `refunds` (`sale_id`);--> statement-breakpoint
CREATE INDEX `refunds_shift_idx` ON `refunds` (`shift_id`);--> statement-breakpoint
CREATE TABLE `shift_counts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`denomination` integer NOT NULL,
	`count` integer NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shift_counts_uq` ON `shift_counts` (`shift_id`,`denomination`);--> statement-breakpoint
ALTER TABLE `sale_lines` ADD `sale_discount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sale_lines` ADD `list_price` integer;--> statement-breakpoint
ALTER TABLE `sales` ADD `sale_discount` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sales` ADD `rounding` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `sales` ADD `approved_by` integer REFERENCES users(id);