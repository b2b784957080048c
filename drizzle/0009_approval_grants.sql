CREATE TABLE `approval_grants` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`action` text NOT NULL,
	`issued_to` integer NOT NULL,
	`till_code` text NOT NULL,
	`approved_by` integer NOT NULL,
	`sale_id` integer,
	`reasons` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`issued_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `approval_grants_issued_idx` ON `approval_grants` (`issued_to`);