-- The audit log and the supplier ledger are append-only: corrections are new rows.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- Ledger entries may only gain or lose their settlement link; amounts, kinds and suppliers never change.
CREATE TRIGGER ledger_entries_no_rewrite BEFORE UPDATE OF supplier_id, kind, amount, sale_line_lot_id, lot_id, qty, created_at, business_date ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries are never rewritten');
END;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries are never deleted');
END;
--> statement-breakpoint
-- Stock can never go negative, whatever path writes it.
CREATE TRIGGER lots_remaining_in_range BEFORE UPDATE OF remaining_qty ON lots
WHEN NEW.remaining_qty < 0
BEGIN
  SELECT RAISE(ABORT, 'lot remaining_qty below zero');
END;
