-- Settlements are never deleted; once written only their void columns change, and only once.
CREATE TRIGGER settlements_no_delete BEFORE DELETE ON settlements
BEGIN
  SELECT RAISE(ABORT, 'settlements are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER settlements_no_rewrite BEFORE UPDATE OF id, number, supplier_id, cutoff, period_from, amount, entry_count, method, reference, note, bank_name, bank_account, bank_holder, stock_snapshot, till_code, created_by, business_date, created_at ON settlements
BEGIN
  SELECT RAISE(ABORT, 'settlements are never rewritten');
END;
--> statement-breakpoint
CREATE TRIGGER settlements_void_once BEFORE UPDATE OF voided_at, voided_by, void_reason ON settlements
WHEN OLD.voided_at IS NOT NULL OR NEW.voided_at IS NULL
BEGIN
  SELECT RAISE(ABORT, 'a settlement is voided once');
END;
--> statement-breakpoint
-- What a settlement covered is history: append-only.
CREATE TRIGGER settlement_entries_no_update BEFORE UPDATE ON settlement_entries
BEGIN
  SELECT RAISE(ABORT, 'settlement_entries are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER settlement_entries_no_delete BEFORE DELETE ON settlement_entries
BEGIN
  SELECT RAISE(ABORT, 'settlement_entries are append-only');
END;
--> statement-breakpoint
-- Invariant 2: a ledger entry is covered by at most one live settlement, of its
-- own supplier, up to that settlement's cutoff; payouts are never covered.
CREATE TRIGGER settlement_entries_once BEFORE INSERT ON settlement_entries
WHEN EXISTS (
  SELECT 1 FROM settlement_entries se JOIN settlements s ON s.id = se.settlement_id
  WHERE se.ledger_entry_id = NEW.ledger_entry_id AND s.voided_at IS NULL
)
BEGIN
  SELECT RAISE(ABORT, 'ledger entry already covered by a live settlement');
END;
--> statement-breakpoint
CREATE TRIGGER settlement_entries_in_scope BEFORE INSERT ON settlement_entries
WHEN NOT EXISTS (
  SELECT 1 FROM ledger_entries e JOIN settlements s ON s.id = NEW.settlement_id
  WHERE e.id = NEW.ledger_entry_id AND e.supplier_id = s.supplier_id AND e.business_date <= s.cutoff
    AND e.kind <> 'payout' AND s.voided_at IS NULL
)
BEGIN
  SELECT RAISE(ABORT, 'ledger entry outside the settlement');
END;
--> statement-breakpoint
-- ledger_entries.settlement_id is the live lock: set only from NULL to a settlement
-- that lists the entry, released only by voiding that settlement.
CREATE TRIGGER ledger_entries_settle_once BEFORE UPDATE OF settlement_id ON ledger_entries
WHEN OLD.settlement_id IS NOT NULL AND NEW.settlement_id IS NOT NULL AND NEW.settlement_id <> OLD.settlement_id
BEGIN
  SELECT RAISE(ABORT, 'ledger entry already covered by another settlement');
END;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_settle_listed BEFORE UPDATE OF settlement_id ON ledger_entries
WHEN OLD.settlement_id IS NULL AND NEW.settlement_id IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM settlement_entries se WHERE se.settlement_id = NEW.settlement_id AND se.ledger_entry_id = NEW.id
)
BEGIN
  SELECT RAISE(ABORT, 'ledger entry is not listed in that settlement');
END;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_release_on_void BEFORE UPDATE OF settlement_id ON ledger_entries
WHEN OLD.settlement_id IS NOT NULL AND NEW.settlement_id IS NULL AND (
  OLD.kind = 'payout' OR NOT EXISTS (SELECT 1 FROM settlements s WHERE s.id = OLD.settlement_id AND s.voided_at IS NOT NULL)
)
BEGIN
  SELECT RAISE(ABORT, 'only voiding its settlement releases a ledger entry');
END;
--> statement-breakpoint
-- A payout (and its reversal on void) belongs to a settlement of the same supplier; nothing else is born settled.
CREATE TRIGGER ledger_entries_payout_linked BEFORE INSERT ON ledger_entries
WHEN (NEW.kind = 'payout' AND NOT EXISTS (SELECT 1 FROM settlements s WHERE s.id = NEW.settlement_id AND s.supplier_id = NEW.supplier_id))
  OR (NEW.kind <> 'payout' AND NEW.settlement_id IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'a payout entry belongs to a settlement of its supplier');
END;
