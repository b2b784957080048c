import { defineConfig } from 'drizzle-kit';

/** The central PostgreSQL (issue 19); the outlet's SQLite is drizzle.config.ts. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/central/schema.ts',
  out: './drizzle-central',
  schemaFilter: ['central'],
});
