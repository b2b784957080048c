-- The supplier fact, version 2 (issue 20): with the supplier's NIB, the province key of one UMKM across outlets.
INSERT INTO central.fact_kinds (kind, schema_version, description) VALUES
  ('supplier', 2, 'suppliers')
ON CONFLICT DO NOTHING;
