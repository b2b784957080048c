-- Outlet fact kinds added after version 1's set: a lot's expiry corrected (issue 13), read from the outlet's audit entry.
INSERT INTO central.fact_kinds (kind, schema_version, description) VALUES
  ('lot_expiry_corrected', 1, 'audit_log')
ON CONFLICT DO NOTHING;
