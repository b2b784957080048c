CREATE TABLE "central"."sales_daily" (
	"business_day" date NOT NULL,
	"outlet_code" text NOT NULL,
	"supplier_id" integer NOT NULL,
	"district" text NOT NULL,
	"category" text NOT NULL,
	"units" bigint NOT NULL,
	"sold_units" bigint NOT NULL,
	"sales" bigint NOT NULL,
	"supplier_share" bigint NOT NULL,
	"shop_share" bigint NOT NULL,
	CONSTRAINT "sales_daily_business_day_outlet_code_supplier_id_district_category_pk" PRIMARY KEY("business_day","outlet_code","supplier_id","district","category")
);
--> statement-breakpoint
-- Hand-written: kept up to date by every INSERT into central.facts (one aggregated upsert per forwarded
-- batch, in its transaction), filled from the facts already there. Outlet roles get no privilege on it;
-- the trigger function runs as its owner.
CREATE FUNCTION central.add_sales_daily() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = central, pg_temp
  AS $$
BEGIN
  INSERT INTO central.sales_daily AS d (business_day, outlet_code, supplier_id, district, category, units, sold_units, sales, supplier_share, shop_share)
  SELECT n.business_day, n.outlet_code, coalesce(n.supplier_id, 0), coalesce(n.district, ''), coalesce(c.category, ''),
    sum(CASE WHEN n.kind = 'sale_item' THEN n.qty ELSE -n.qty END),
    sum(CASE WHEN n.kind = 'sale_item' THEN n.qty ELSE 0 END),
    sum(CASE WHEN n.kind = 'sale_item' THEN n.amount ELSE -n.amount END),
    sum(CASE WHEN n.kind = 'sale_item' THEN n.supplier_share ELSE -n.supplier_share END),
    sum(CASE WHEN n.kind = 'sale_item' THEN n.shop_share ELSE -n.shop_share END)
  FROM new_facts n
  LEFT JOIN LATERAL (
    SELECT nullif(p.payload ->> 'category', '') AS category FROM central.facts p
    WHERE p.kind = 'product' AND p.outlet_code = n.outlet_code AND p.product_id = n.product_id
    ORDER BY p.outlet_seq DESC LIMIT 1
  ) c ON true
  WHERE n.kind IN ('sale_item', 'refund_item')
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT (business_day, outlet_code, supplier_id, district, category) DO UPDATE SET
    units = d.units + EXCLUDED.units,
    sold_units = d.sold_units + EXCLUDED.sold_units,
    sales = d.sales + EXCLUDED.sales,
    supplier_share = d.supplier_share + EXCLUDED.supplier_share,
    shop_share = d.shop_share + EXCLUDED.shop_share;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION central.add_sales_daily() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER facts_sales_daily AFTER INSERT ON central.facts
  REFERENCING NEW TABLE AS new_facts
  FOR EACH STATEMENT EXECUTE FUNCTION central.add_sales_daily();
--> statement-breakpoint
INSERT INTO central.sales_daily (business_day, outlet_code, supplier_id, district, category, units, sold_units, sales, supplier_share, shop_share)
SELECT n.business_day, n.outlet_code, coalesce(n.supplier_id, 0), coalesce(n.district, ''), coalesce(c.category, ''),
  sum(CASE WHEN n.kind = 'sale_item' THEN n.qty ELSE -n.qty END),
  sum(CASE WHEN n.kind = 'sale_item' THEN n.qty ELSE 0 END),
  sum(CASE WHEN n.kind = 'sale_item' THEN n.amount ELSE -n.amount END),
  sum(CASE WHEN n.kind = 'sale_item' THEN n.supplier_share ELSE -n.supplier_share END),
  sum(CASE WHEN n.kind = 'sale_item' THEN n.shop_share ELSE -n.shop_share END)
FROM central.facts n
LEFT JOIN LATERAL (
  SELECT nullif(p.payload ->> 'category', '') AS category FROM central.facts p
  WHERE p.kind = 'product' AND p.outlet_code = n.outlet_code AND p.product_id = n.product_id
  ORDER BY p.outlet_seq DESC LIMIT 1
) c ON true
WHERE n.kind IN ('sale_item', 'refund_item')
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE INDEX sales_daily_outlet_supplier_idx ON central.sales_daily (outlet_code, supplier_id, business_day);
