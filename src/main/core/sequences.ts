import type { Db } from '../../db';
import { get, query } from '../../db/statements';

/** Every sale takes a number: a plain prepared statement per connection (src/db/statements.ts). */
const bumpSequence = query<{ last: number }>()<[scope: string]>(
  'sequences.next',
  `INSERT INTO doc_sequences (scope, last) VALUES (?, 1)
   ON CONFLICT(scope) DO UPDATE SET last = last + 1
   RETURNING last`,
  { last: true },
);

/** Next value of a named counter; call inside the transaction that uses it. */
export function nextSequence(db: Db, scope: string): number {
  return get(db.$client, bumpSequence, scope)!.last;
}

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
