import { sql } from 'drizzle-orm';
import type { Db } from '../../db';

/** Next value of a named counter; call inside the transaction that uses it. */
export function nextSequence(db: Db, scope: string): number {
  const row = db.get<{ last: number }>(
    sql`INSERT INTO doc_sequences (scope, last) VALUES (${scope}, 1)
        ON CONFLICT(scope) DO UPDATE SET last = last + 1
        RETURNING last`,
  );
  return row.last;
}

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
