-- Indexes suggested by the benchmark (docs/performance.md). Not part of the
-- schema: try them on the benchmark's copy with
--   npm run bench -- --db bench/data/large.db --apply bench/suggested-indexes.sql
-- and, if adopted, add them to src/db/schema.ts and generate a migration.

-- Balances of all suppliers: SUM(amount) per supplier (optionally up to a
-- business day) read from the index alone instead of one table row per entry.
CREATE INDEX IF NOT EXISTS ledger_supplier_balance_idx ON ledger_entries (supplier_id, business_date, amount);

-- Stock columns of lookup / search / product lists: the three correlated
-- subqueries over lots read product_id, remaining_qty and expiry_date only.
CREATE INDEX IF NOT EXISTS lots_product_stock_idx ON lots (product_id, remaining_qty, expiry_date);

ANALYZE;
