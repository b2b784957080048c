CREATE SCHEMA "central";
--> statement-breakpoint
CREATE TABLE "central"."fact_kinds" (
	"kind" text NOT NULL,
	"schema_version" integer NOT NULL,
	"description" text,
	CONSTRAINT "fact_kinds_kind_schema_version_pk" PRIMARY KEY("kind","schema_version")
);
--> statement-breakpoint
CREATE TABLE "central"."facts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"outlet_code" text NOT NULL,
	"outlet_seq" bigint NOT NULL,
	"kind" text NOT NULL,
	"schema_version" integer NOT NULL,
	"business_day" date NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"payload" jsonb NOT NULL,
	"number" text GENERATED ALWAYS AS ((payload ->> 'number')) STORED,
	"till_code" text GENERATED ALWAYS AS ((payload ->> 'tillCode')) STORED,
	"supplier_id" integer GENERATED ALWAYS AS ((payload ->> 'supplierId')::integer) STORED,
	"supplier_code" text GENERATED ALWAYS AS ((payload ->> 'supplierCode')) STORED,
	"district" text GENERATED ALWAYS AS ((payload ->> 'district')) STORED,
	"product_id" integer GENERATED ALWAYS AS ((payload ->> 'productId')::integer) STORED,
	"product_sku" text GENERATED ALWAYS AS ((payload ->> 'productSku')) STORED,
	"method" text GENERATED ALWAYS AS ((payload ->> 'method')) STORED,
	"qty" integer GENERATED ALWAYS AS ((payload ->> 'qty')::integer) STORED,
	"amount" bigint GENERATED ALWAYS AS ((payload ->> 'amount')::bigint) STORED,
	"supplier_share" bigint GENERATED ALWAYS AS ((payload ->> 'supplierShare')::bigint) STORED,
	"shop_share" bigint GENERATED ALWAYS AS ((payload ->> 'shopShare')::bigint) STORED
);
--> statement-breakpoint
CREATE TABLE "central"."outlets" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text,
	"role_name" text NOT NULL,
	"installation_id" uuid,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outlets_role_name_unique" UNIQUE("role_name")
);
--> statement-breakpoint
CREATE INDEX "facts_outlet_seq_idx" ON "central"."facts" USING btree ("outlet_code","outlet_seq");--> statement-breakpoint
CREATE INDEX "facts_kind_day_idx" ON "central"."facts" USING btree ("kind","business_day","outlet_code");