/**
 * App-defined SQL functions every connection gets (openDb registers them):
 * the outbox triggers call them inside the writing transaction.
 *
 * - `uuidv7()`: a new UUIDv7 (RFC 9562: 48-bit ms time, a 12-bit counter in
 *   rand_a so ids made in one millisecond still sort in order, 62 random bits).
 * - `business_day(utc_ms, tz)`: the local business day `YYYY-MM-DD` of an
 *   instant; `tz` is the `timeZone` setting as stored (JSON text) or NULL for
 *   the default zone (Asia/Makassar).
 */
import { randomFillSync } from 'node:crypto';
import type Database from 'better-sqlite3';

const DEFAULT_ZONE = 'Asia/Makassar';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Every zone's offset is a multiple of 15 minutes, so a UTC quarter hour lies within one local day. */
const QUARTER = 15 * 60_000;
/** Per zone: the last quarter hour formatted, so a run of facts on one day formats once. */
const lastDay = new Map<string, { quarter: number; day: string }>();

function zoneOf(stored: unknown): string {
  if (typeof stored !== 'string' || stored === '') return DEFAULT_ZONE;
  try {
    const parsed: unknown = JSON.parse(stored);
    return typeof parsed === 'string' && parsed ? parsed : DEFAULT_ZONE;
  } catch {
    return stored;
  }
}

export function businessDayOf(ms: number, stored: unknown): string {
  const zone = zoneOf(stored);
  const quarter = Math.floor(ms / QUARTER);
  const hit = lastDay.get(zone);
  if (hit && hit.quarter === quarter) return hit.day;
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(zone, f);
  }
  const day = f.format(ms); // en-CA: YYYY-MM-DD
  lastDay.set(zone, { quarter, day });
  return day;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function randomByteAt(): number {
  if (poolAt >= pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  return pool[poolAt++]!;
}
let lastMs = -1;
let counter = 0;

/**
 * A UUIDv7 string. Monotonic within the process: in the same millisecond the
 * counter grows (and borrows the next millisecond when it runs out); a clock
 * set back by more than 10 s starts again from the new time. Written here
 * rather than taken from the `uuidv7` package because the outbox triggers call
 * it for every fact inside the checkout's transaction: this is ~5× cheaper.
 */
export function uuidv7(now = Date.now()): string {
  if (now > lastMs || now < lastMs - 10_000) {
    lastMs = now;
    counter = ((randomByteAt() & 0x07) << 8) | randomByteAt();
  } else if (++counter > 0xfff) {
    lastMs++;
    counter = ((randomByteAt() & 0x07) << 8) | randomByteAt();
  }
  const ms = lastMs;
  const high = Math.floor(ms / 0x10000); // top 32 bits of 48
  const low = ms & 0xffff;
  return (
    HEX[(high >>> 24) & 0xff]! + HEX[(high >>> 16) & 0xff]! + HEX[(high >>> 8) & 0xff]! + HEX[high & 0xff]! + '-' +
    HEX[low >>> 8]! + HEX[low & 0xff]! + '-' +
    HEX[0x70 | (counter >>> 8)]! + HEX[counter & 0xff]! + '-' +
    HEX[0x80 | (randomByteAt() & 0x3f)]! + HEX[randomByteAt()]! + '-' +
    HEX[randomByteAt()]! + HEX[randomByteAt()]! + HEX[randomByteAt()]! + HEX[randomByteAt()]! + HEX[randomByteAt()]! + HEX[randomByteAt()]!
  );
}

export function registerSqlFunctions(sqlite: Database.Database): void {
  sqlite.function('uuidv7', { deterministic: false }, () => uuidv7());
  sqlite.function('business_day', { deterministic: true }, (ms: unknown, tz: unknown) => {
    if (typeof ms !== 'number' && typeof ms !== 'bigint') return null;
    return businessDayOf(Number(ms), tz);
  });
}
