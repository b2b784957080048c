-- Name search (issue 16): an FTS5 index with the trigram tokenizer over what the till's search matches
-- (product name, SKU, barcode, supplier name), one row per product (rowid = products.id), kept in step by
-- triggers and filled here from the existing products. searchProducts narrows the candidates with it for
-- words of three characters or more and keeps its LIKE conditions as the exact filter (same products, same order).
CREATE VIRTUAL TABLE products_fts USING fts5(name, sku, barcode, supplier_name, tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO products_fts (rowid, name, sku, barcode, supplier_name)
  SELECT p.id, p.name, p.sku, p.barcode, s.name FROM products p LEFT JOIN suppliers s ON s.id = p.supplier_id;
--> statement-breakpoint
CREATE TRIGGER products_fts_insert AFTER INSERT ON products FOR EACH ROW BEGIN
  INSERT INTO products_fts (rowid, name, sku, barcode, supplier_name)
  VALUES (NEW.id, NEW.name, NEW.sku, NEW.barcode, (SELECT name FROM suppliers WHERE id = NEW.supplier_id));
END;
--> statement-breakpoint
CREATE TRIGGER products_fts_update AFTER UPDATE OF id, name, sku, barcode, supplier_id ON products FOR EACH ROW BEGIN
  DELETE FROM products_fts WHERE rowid = OLD.id;
  INSERT INTO products_fts (rowid, name, sku, barcode, supplier_name)
  VALUES (NEW.id, NEW.name, NEW.sku, NEW.barcode, (SELECT name FROM suppliers WHERE id = NEW.supplier_id));
END;
--> statement-breakpoint
CREATE TRIGGER products_fts_delete AFTER DELETE ON products FOR EACH ROW BEGIN
  DELETE FROM products_fts WHERE rowid = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER products_fts_supplier_name AFTER UPDATE OF id, name ON suppliers FOR EACH ROW BEGIN
  UPDATE products_fts SET supplier_name = NEW.name WHERE rowid IN (SELECT id FROM products WHERE supplier_id = OLD.id);
END;
