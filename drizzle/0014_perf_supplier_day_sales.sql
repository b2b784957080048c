-- Sales by supplier per business day (issue 16: the year report under a second). Kept in the sale's, the
-- refund's and the void's own transaction by triggers, filled here from the existing rows. Figures as
-- core/reports.ts defines them: sale side on the sale's business day (units, net amount, supplier and shop
-- share of the lot portions; `transactions` = completed sales with a portion of the supplier), refund side
-- (voids included) subtracted on the refund's business day, `refunds` = net amount refunded.
-- supplier_id 0 = lots without a supplier (NULL in the reports); supplier_id -1 = the day's completed sales of
-- every supplier (`transactions` only: the period total, where a sale of two suppliers counts once).
CREATE TABLE supplier_day_sales (
  business_date text NOT NULL,
  supplier_id integer NOT NULL,
  units integer NOT NULL,
  gross integer NOT NULL,
  supplier_share integer NOT NULL,
  shop_share integer NOT NULL,
  transactions integer NOT NULL,
  refunds integer NOT NULL,
  PRIMARY KEY (business_date, supplier_id)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO supplier_day_sales (business_date, supplier_id, units, gross, supplier_share, shop_share, transactions, refunds)
SELECT d, s, sum(units), sum(gross), sum(ss), sum(sh), sum(tx), sum(rf) FROM (
  SELECT x.business_date AS d, coalesce(l.supplier_id, 0) AS s, sum(sll.qty) AS units, sum(sll.net_amount) AS gross,
    sum(sll.supplier_share) AS ss, sum(sll.shop_share) AS sh, count(DISTINCT CASE WHEN x.status = 'completed' THEN x.id END) AS tx, 0 AS rf
  FROM sales x JOIN sale_lines sl ON sl.sale_id = x.id JOIN sale_line_lots sll ON sll.sale_line_id = sl.id JOIN lots l ON l.id = sll.lot_id
  GROUP BY 1, 2
  UNION ALL
  SELECT r.business_date, coalesce(l.supplier_id, 0), -sum(rll.qty), -sum(rll.net_amount), -sum(rll.supplier_share), -sum(rll.shop_share), 0, sum(rll.net_amount)
  FROM refunds r JOIN refund_lines rl ON rl.refund_id = r.id JOIN refund_line_lots rll ON rll.refund_line_id = rl.id JOIN lots l ON l.id = rll.lot_id
  GROUP BY 1, 2
  UNION ALL
  SELECT business_date, -1, 0, 0, 0, 0, sum(status = 'completed'), 0 FROM sales GROUP BY 1
) GROUP BY d, s;
--> statement-breakpoint
CREATE TRIGGER supplier_day_sale AFTER INSERT ON sale_line_lots FOR EACH ROW BEGIN
  INSERT INTO supplier_day_sales (business_date, supplier_id, units, gross, supplier_share, shop_share, transactions, refunds)
  SELECT x.business_date, coalesce(l.supplier_id, 0), NEW.qty, NEW.net_amount, NEW.supplier_share, NEW.shop_share,
    x.status = 'completed' AND NOT EXISTS (
      SELECT 1 FROM sale_lines ol JOIN sale_line_lots o ON o.sale_line_id = ol.id JOIN lots ot ON ot.id = o.lot_id
      WHERE ol.sale_id = x.id AND o.id <> NEW.id AND coalesce(ot.supplier_id, 0) = coalesce(l.supplier_id, 0)), 0
  FROM sale_lines sl JOIN sales x ON x.id = sl.sale_id JOIN lots l ON l.id = NEW.lot_id
  WHERE sl.id = NEW.sale_line_id
  ON CONFLICT (business_date, supplier_id) DO UPDATE SET units = units + excluded.units, gross = gross + excluded.gross,
    supplier_share = supplier_share + excluded.supplier_share, shop_share = shop_share + excluded.shop_share,
    transactions = transactions + excluded.transactions;
END;
--> statement-breakpoint
CREATE TRIGGER supplier_day_sale_count AFTER INSERT ON sales FOR EACH ROW BEGIN
  INSERT INTO supplier_day_sales (business_date, supplier_id, units, gross, supplier_share, shop_share, transactions, refunds)
  VALUES (NEW.business_date, -1, 0, 0, 0, 0, NEW.status = 'completed', 0)
  ON CONFLICT (business_date, supplier_id) DO UPDATE SET transactions = transactions + excluded.transactions;
END;
--> statement-breakpoint
CREATE TRIGGER supplier_day_refund AFTER INSERT ON refund_line_lots FOR EACH ROW BEGIN
  INSERT INTO supplier_day_sales (business_date, supplier_id, units, gross, supplier_share, shop_share, transactions, refunds)
  SELECT r.business_date, coalesce(l.supplier_id, 0), -NEW.qty, -NEW.net_amount, -NEW.supplier_share, -NEW.shop_share, 0, NEW.net_amount
  FROM refund_lines rl JOIN refunds r ON r.id = rl.refund_id JOIN lots l ON l.id = NEW.lot_id
  WHERE rl.id = NEW.refund_line_id
  ON CONFLICT (business_date, supplier_id) DO UPDATE SET units = units + excluded.units, gross = gross + excluded.gross,
    supplier_share = supplier_share + excluded.supplier_share, shop_share = shop_share + excluded.shop_share,
    refunds = refunds + excluded.refunds;
END;
--> statement-breakpoint
CREATE TRIGGER supplier_day_status AFTER UPDATE OF status ON sales FOR EACH ROW WHEN (OLD.status = 'completed') <> (NEW.status = 'completed') BEGIN
  UPDATE supplier_day_sales SET transactions = transactions + (CASE WHEN NEW.status = 'completed' THEN 1 ELSE -1 END)
  WHERE business_date = NEW.business_date AND supplier_id IN (
    SELECT coalesce(l.supplier_id, 0) FROM sale_lines sl JOIN sale_line_lots o ON o.sale_line_id = sl.id JOIN lots l ON l.id = o.lot_id
    WHERE sl.sale_id = NEW.id);
  UPDATE supplier_day_sales SET transactions = transactions + (CASE WHEN NEW.status = 'completed' THEN 1 ELSE -1 END)
  WHERE business_date = NEW.business_date AND supplier_id = -1;
END;
