/**
 * Office accounts (issue 20), stored centrally in central.office_users with
 * scrypt-hashed passwords: `admin` (may link outlet suppliers to one UMKM and
 * add users) or `viewer` (reads reports only).
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Queryable } from './reports';

export type OfficeRole = 'admin' | 'viewer';
export interface OfficeUser {
  username: string;
  name: string;
  role: OfficeRole;
}

const N = 16384;
export const OFFICE_USERNAME = /^[a-z0-9._-]{2,32}$/;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N, r: 8, p: 1 });
  return `scrypt$${N}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: 8, p: 1 });
  return timingSafeEqual(actual, expected);
}

/** Add an office user (audited with `actor`); refuses a taken username or a password under 8 characters. */
export async function createOfficeUser(db: Queryable, input: OfficeUser & { password: string; actor: string }): Promise<OfficeUser> {
  if (!OFFICE_USERNAME.test(input.username)) throw new Error('Nama pengguna 2–32 huruf kecil, angka, titik, minus atau garis bawah');
  if (input.password.length < 8) throw new Error('Kata sandi minimal 8 karakter');
  if (input.role !== 'admin' && input.role !== 'viewer') throw new Error('Peran harus admin atau viewer');
  const r = await db.query(
    `WITH u AS (INSERT INTO central.office_users (username, name, role, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING username)
     INSERT INTO central.office_audit (actor, action, details) SELECT $5, 'user.create', jsonb_build_object('username', $1::text, 'role', $3::text) FROM u RETURNING id`,
    [input.username, input.name, input.role, hashPassword(input.password), input.actor],
  );
  if (!r.rowCount) throw new Error(`Pengguna ${input.username} sudah ada`);
  return { username: input.username, name: input.name, role: input.role };
}

const DUMMY = hashPassword(randomBytes(12).toString('hex'));

/** The user, or null for a wrong username or password (the same work either way). */
export async function verifyOfficeLogin(db: Queryable, username: string, password: string): Promise<OfficeUser | null> {
  const row = (await db.query('SELECT username, name, role, password_hash FROM central.office_users WHERE username = $1 AND active = 1', [username])).rows[0] as
    | { username: string; name: string; role: OfficeRole; password_hash: string }
    | undefined;
  const good = verifyPassword(password, row?.password_hash ?? DUMMY);
  return row && good ? { username: row.username, name: row.name, role: row.role } : null;
}
