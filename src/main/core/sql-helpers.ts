import { sql, type SQL, type Column } from 'drizzle-orm';

/** `column LIKE %text%` with LIKE wildcards in the text taken literally. */
export function contains(column: Column | SQL, text: string): SQL {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${column} LIKE ${`%${escaped}%`} ESCAPE '\\'`;
}
