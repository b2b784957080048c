CREATE TABLE "central"."office_audit" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "central"."office_audit_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"details" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "central"."office_users" (
	"username" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"active" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "central"."umkm_links" (
	"outlet_code" text NOT NULL,
	"supplier_id" integer NOT NULL,
	"umkm_key" text NOT NULL,
	"linked_by" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "umkm_links_outlet_code_supplier_id_pk" PRIMARY KEY("outlet_code","supplier_id")
);
--> statement-breakpoint
-- The province office's reports (issue 20), hand-written below: views naming each outlet supplier's
-- UMKM, indexes made for the report queries (src/central/reports.ts), and the audited link function.
-- Outlet roles are granted nothing here: they cannot read the office's tables or views.
ALTER TABLE central.office_audit ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE central.office_audit FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY office_audit_owner ON central.office_audit FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE TRIGGER office_audit_append_only BEFORE UPDATE OR DELETE ON central.office_audit
  FOR EACH ROW EXECUTE FUNCTION central.refuse_change();
--> statement-breakpoint
CREATE TRIGGER office_audit_no_truncate BEFORE TRUNCATE ON central.office_audit
  FOR EACH STATEMENT EXECUTE FUNCTION central.refuse_change();
--> statement-breakpoint
-- Latest snapshot facts: the newest supplier / product fact of each outlet row.
CREATE INDEX facts_supplier_latest_idx ON central.facts (outlet_code, supplier_id, outlet_seq DESC) WHERE kind = 'supplier';
--> statement-breakpoint
CREATE INDEX facts_product_latest_idx ON central.facts (outlet_code, product_id, outlet_seq DESC) WHERE kind = 'product';
--> statement-breakpoint
-- Sales and refunds of a period: an index-only scan by day with every figure a report sums.
CREATE INDEX facts_sales_day_idx ON central.facts (business_day, outlet_code)
  INCLUDE (kind, supplier_id, product_id, district, qty, amount, supplier_share, shop_share)
  WHERE kind IN ('sale_item', 'refund_item');
--> statement-breakpoint
-- A supplier's ledger at an outlet (statements), and settlements by day (payouts).
CREATE INDEX facts_ledger_supplier_idx ON central.facts (outlet_code, supplier_id, business_day) INCLUDE (amount) WHERE kind = 'ledger_entry';
--> statement-breakpoint
CREATE INDEX facts_settlement_day_idx ON central.facts (business_day, outlet_code, supplier_id) INCLUDE (amount)
  WHERE kind IN ('settlement', 'settlement_voided');
--> statement-breakpoint
-- Stock: the movements of each lot.
CREATE INDEX facts_lot_moves_idx ON central.facts (outlet_code, ((payload ->> 'lotId')::integer))
  WHERE kind IN ('lot', 'sale_item', 'refund_item', 'return_item', 'stock_adjustment', 'lot_expiry_corrected');
--> statement-breakpoint
-- Each outlet supplier as last described, with its UMKM: a hand link, else its NIB, else itself.
CREATE VIEW central.outlet_suppliers AS
  WITH latest AS (
    SELECT DISTINCT ON (f.outlet_code, f.supplier_id)
      f.outlet_code, f.supplier_id, f.supplier_code, f.payload ->> 'name' AS name, f.payload ->> 'ownerName' AS owner_name,
      f.district, nullif(f.payload ->> 'nib', '') AS nib, coalesce((f.payload ->> 'active')::boolean, true) AS active
    FROM central.facts f
    WHERE f.kind = 'supplier'
    ORDER BY f.outlet_code, f.supplier_id, f.outlet_seq DESC
  )
  SELECT s.*, coalesce(l.umkm_key, CASE WHEN s.nib IS NOT NULL THEN 'NIB ' || s.nib END, s.outlet_code || ' ' || s.supplier_code) AS umkm_key,
    l.umkm_key IS NOT NULL AS linked
  FROM latest s LEFT JOIN central.umkm_links l ON l.outlet_code = s.outlet_code AND l.supplier_id = s.supplier_id;
--> statement-breakpoint
CREATE VIEW central.outlet_products AS
  SELECT DISTINCT ON (f.outlet_code, f.product_id)
    f.outlet_code, f.product_id, f.product_sku, f.payload ->> 'name' AS name, nullif(f.payload ->> 'category', '') AS category, f.supplier_id
  FROM central.facts f
  WHERE f.kind = 'product'
  ORDER BY f.outlet_code, f.product_id, f.outlet_seq DESC;
--> statement-breakpoint
-- Link an outlet supplier to a UMKM by hand (p_umkm_key NULL removes the link), audited in the same transaction.
CREATE FUNCTION central.link_supplier(p_outlet text, p_supplier integer, p_umkm_key text, p_actor text) RETURNS void
  LANGUAGE plpgsql
  SET search_path = central, pg_temp
  AS $$
DECLARE
  before text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM central.facts WHERE kind = 'supplier' AND outlet_code = p_outlet AND supplier_id = p_supplier) THEN
    RAISE EXCEPTION 'outlet % has no supplier #%', p_outlet, p_supplier USING ERRCODE = 'KS010';
  END IF;
  IF p_umkm_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM central.outlet_suppliers WHERE umkm_key = p_umkm_key) THEN
    RAISE EXCEPTION 'no UMKM %', p_umkm_key USING ERRCODE = 'KS011';
  END IF;
  SELECT umkm_key INTO before FROM central.umkm_links WHERE outlet_code = p_outlet AND supplier_id = p_supplier FOR UPDATE;
  IF p_umkm_key IS NULL THEN
    DELETE FROM central.umkm_links WHERE outlet_code = p_outlet AND supplier_id = p_supplier;
  ELSE
    INSERT INTO central.umkm_links (outlet_code, supplier_id, umkm_key, linked_by) VALUES (p_outlet, p_supplier, p_umkm_key, p_actor)
    ON CONFLICT (outlet_code, supplier_id) DO UPDATE SET umkm_key = EXCLUDED.umkm_key, linked_by = EXCLUDED.linked_by, linked_at = now();
  END IF;
  INSERT INTO central.office_audit (actor, action, details)
  VALUES (p_actor, CASE WHEN p_umkm_key IS NULL THEN 'umkm.unlink' ELSE 'umkm.link' END,
    jsonb_build_object('outlet', p_outlet, 'supplierId', p_supplier, 'from', before, 'to', p_umkm_key));
END
$$;
