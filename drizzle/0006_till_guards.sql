-- Refunds, cash movements and drawer counts are history: never rewritten, never deleted.
CREATE TRIGGER refunds_no_update BEFORE UPDATE ON refunds
BEGIN
  SELECT RAISE(ABORT, 'refunds are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER refunds_no_delete BEFORE DELETE ON refunds
BEGIN
  SELECT RAISE(ABORT, 'refunds are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER refund_lines_no_update BEFORE UPDATE ON refund_lines
BEGIN
  SELECT RAISE(ABORT, 'refund_lines are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER refund_lines_no_delete BEFORE DELETE ON refund_lines
BEGIN
  SELECT RAISE(ABORT, 'refund_lines are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER refund_line_lots_no_update BEFORE UPDATE ON refund_line_lots
BEGIN
  SELECT RAISE(ABORT, 'refund_line_lots are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER refund_line_lots_no_delete BEFORE DELETE ON refund_line_lots
BEGIN
  SELECT RAISE(ABORT, 'refund_line_lots are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER refund_payments_no_update BEFORE UPDATE ON refund_payments
BEGIN
  SELECT RAISE(ABORT, 'refund_payments are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER refund_payments_no_delete BEFORE DELETE ON refund_payments
BEGIN
  SELECT RAISE(ABORT, 'refund_payments are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER cash_movements_no_update BEFORE UPDATE ON cash_movements
BEGIN
  SELECT RAISE(ABORT, 'cash_movements are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER cash_movements_no_delete BEFORE DELETE ON cash_movements
BEGIN
  SELECT RAISE(ABORT, 'cash_movements are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER shift_counts_no_update BEFORE UPDATE ON shift_counts
BEGIN
  SELECT RAISE(ABORT, 'shift_counts are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER shift_counts_no_delete BEFORE DELETE ON shift_counts
BEGIN
  SELECT RAISE(ABORT, 'shift_counts are append-only');
END;
--> statement-breakpoint
-- A sale is voided once and never un-voided.
CREATE TRIGGER sales_void_once BEFORE UPDATE OF status ON sales
WHEN OLD.status <> 'completed' OR NEW.status <> 'voided'
BEGIN
  SELECT RAISE(ABORT, 'a sale is voided once');
END;
