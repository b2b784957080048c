/**
 * Keys that mean one request (issue 17). A checkout's `clientRequestId` and
 * the `idempotencyKey` of refunds, voids, intakes, returns and settlements
 * are scoped to the caller's till and bound to a hash of the request:
 * - the same key with the same request answers the first result again
 *   (its print job as it stands now) and changes nothing;
 * - the same key with another request (or for another procedure) is CONFLICT;
 * - another till's key is simply another key: no till can replay, or even
 *   see, another till's request.
 * The key is looked up, the handler run and the answer kept in one IMMEDIATE
 * transaction, so a crash can never keep a change without its key.
 *
 * A checkout keeps no copy of its answer (issue 16: 0.7 KB per sale, kept
 * for good): its sale carries the key (`sales.client_request_id`) and the
 * handler answers a repeated key from that sale and its first receipt job,
 * which is the same answer. Such a replay runs inside the key's transaction
 * and must change nothing: if it did, the transaction is rolled back.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { ProcedureName } from '../../shared/contract';
import { fail } from '../../shared/errors';
import { get, query, run as runStatement, write } from '../../db/statements';
import type { Call } from './kit';

// Read and written on every keyed request (each checkout): declared prepared statements.
const keyOf = query<{ procedure: string; requestHash: string; result: string }>()(
  'requestKeys.get',
  'SELECT procedure, request_hash AS requestHash, result FROM request_keys WHERE till_code = ? AND key = ?',
  { procedure: true, requestHash: true, result: true },
);
const keepKey = write<[tillCode: string, key: string, procedure: string, requestHash: string, result: string, userId: number, createdAt: number]>(
  'requestKeys.keep',
  'INSERT INTO request_keys (till_code, key, procedure, request_hash, result, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
);

/** The keyed procedures and the input field holding the key. */
export const KEYED_PROCEDURES: Partial<Record<ProcedureName, 'clientRequestId' | 'idempotencyKey'>> = {
  'sales.checkout': 'clientRequestId',
  'sales.refund': 'idempotencyKey',
  'sales.void': 'idempotencyKey',
  'intakes.create': 'idempotencyKey',
  'returns.create': 'idempotencyKey',
  'returns.fromNearExpiry': 'idempotencyKey',
  'settlements.create': 'idempotencyKey',
  'settlements.void': 'idempotencyKey',
};

/**
 * Keyed procedures whose handler answers a repeated key from what the first
 * request wrote (see the file's comment): their key rows keep an empty answer.
 */
const ANSWERED_FROM_RECORD: ReadonlySet<ProcedureName> = new Set<ProcedureName>(['sales.checkout']);
const NO_ANSWER_KEPT = '';

const totalChanges = query<{ n: number }>()<[]>('requestKeys.totalChanges', 'SELECT total_changes() AS n', { n: true });

/** JSON with object keys sorted at every level: the same request always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(name: string, input: Record<string, unknown>, field: string): string {
  const { [field]: _key, ...request } = input;
  return createHash('sha256').update(name).update('\n').update(canonicalJson(request)).digest('hex');
}

/** The handler run again for a repeated key: it must answer from the record and change nothing. */
function replayFromRecord(sqlite: Database.Database, name: ProcedureName, run: () => unknown): unknown {
  const before = get(sqlite, totalChanges)!.n;
  const result = run();
  if (result instanceof Promise || get(sqlite, totalChanges)!.n !== before) {
    throw new Error(`keyed procedure ${name} changed the database when it was replayed`);
  }
  return result;
}

/** Run a keyed procedure's handler once per (till, key); `run` gets the input without `idempotencyKey`. */
export function runKeyed(call: Call, name: ProcedureName, input: Record<string, unknown>, run: (input: unknown) => unknown): unknown {
  const field = KEYED_PROCEDURES[name];
  const key = field ? (input[field] as string | undefined) : undefined;
  if (!field || key === undefined) return run(input);
  const tillCode = call.actor.tillCode;
  const hash = requestHash(name, input, field);
  const handlerInput = field === 'idempotencyKey' ? (({ idempotencyKey: _k, ...rest }) => rest)(input) : input;
  const db = call.ctx.db;
  const outcome = db.transaction(() => {
    const prior = get(db.$client, keyOf, tillCode, key);
    if (prior) {
      if (prior.procedure !== name || prior.requestHash !== hash) {
        fail('CONFLICT', `Kunci permintaan ${key} sudah dipakai untuk permintaan lain di kasir ${tillCode}. Buat kunci baru.`, {
          field,
          procedure: prior.procedure,
        });
      }
      // A key row from before answers were left out may still hold one; the record answers alike.
      if (ANSWERED_FROM_RECORD.has(name)) return { result: replayFromRecord(db.$client, name, () => run(handlerInput)), stored: false };
      return { result: JSON.parse(prior.result) as unknown, stored: true };
    }
    const result = run(handlerInput);
    if (result instanceof Promise) throw new Error(`keyed procedure ${name} must answer synchronously`);
    const kept = ANSWERED_FROM_RECORD.has(name) ? NO_ANSWER_KEPT : JSON.stringify(result ?? null);
    runStatement(db.$client, keepKey, tillCode, key, name, hash, kept, call.actor.userId, call.ctx.clock.now());
    return { result, stored: false };
  });
  // A new answer, or one rebuilt from the record, has its print job as it stands now.
  if (!outcome.stored) return outcome.result;
  // The first answer, with its print job as it stands now (it may have printed since).
  const result = outcome.result as { printJob?: { id?: number } } | null;
  if (result?.printJob?.id) {
    try {
      return { ...result, printJob: call.print.get(result.printJob.id) };
    } catch {
      return result;
    }
  }
  return result;
}
