/**
 * Print the INSERT of the fact kinds this version of the outlet writes, for a
 * central migration (drizzle-kit generate --config drizzle-central.config.ts --custom):
 *   npx tsx scripts/central-fact-kinds.ts
 * test/central/schema.test.ts checks the central database knows every kind and version the outlet writes.
 */
import { FACTS } from '../src/main/outbox/facts';

const rows = FACTS.map((f) => `  ('${f.kind}', ${f.version}, '${f.table}')`).join(',\n');
process.stdout.write(`INSERT INTO central.fact_kinds (kind, schema_version, description) VALUES\n${rows}\nON CONFLICT DO NOTHING;\n`);
