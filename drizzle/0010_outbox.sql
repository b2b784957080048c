CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`schema_version` integer NOT NULL,
	`outlet_code` text NOT NULL,
	`business_day` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`payload` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox_backfill` (
	`table_name` text PRIMARY KEY NOT NULL,
	`high_water` integer NOT NULL,
	`done_through` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT 0 NOT NULL,
	`outlet_code` text,
	`installation_id` text,
	`enabled_at` integer,
	`forwarded_seq` integer DEFAULT 0 NOT NULL,
	`forwarded_at` integer,
	`backfill_next_seq` integer,
	`backfill_end_seq` integer,
	`backfill_done_at` integer,
	`last_error` text,
	`last_error_at` integer,
	`restore_notice` text,
	CONSTRAINT "outbox_state_one_row" CHECK("outbox_state"."id" = 1)
);
