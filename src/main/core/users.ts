import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { sessions, users } from '../../db/schema';
import { get, query } from '../../db/statements';
import { AppError, fail } from '../../shared/errors';
import type { Actor, Ctx, Role } from './context';
import type { LoginResult, UserView } from '../../shared/types';
import { audit } from './audit';
import { getSetting, setSetting } from './settings';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 5 * 60_000;
/** A session unused this long must log in again. */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;


const SCRYPT_N = 16384;

/**
 * The PIN key derivation (scrypt). One object, so that a test can observe
 * that it runs for every login, known user or not.
 */
export const pinKdf = {
  derive(pin: string, salt: Buffer, length: number, n: number): Buffer {
    return scryptSync(pin, salt, length, { N: n, r: 8, p: 1 });
  },
};

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const key = pinKdf.derive(pin, salt, 32, SCRYPT_N);
  return `scrypt$${SCRYPT_N}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export function verifyPin(pin: string, stored: string): boolean {
  const [scheme, n, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const actual = pinKdf.derive(pin, Buffer.from(saltB64, 'base64'), expected.length, Number(n));
  return timingSafeEqual(actual, expected);
}

/** The hash of a random 32-character secret nobody knows (made once, offline); no user has it. */
const DECOY_HASH = 'scrypt$16384$igI79ZknRcptPqyPgz9Klg==$/z03JmqdG6j7oe3dWnuByqAwL14iGg4p4jK6TS6SLh4=';

/**
 * Check a PIN against a hash nobody's PIN matches, at the same cost as a
 * real check: an unknown or inactive username takes as long to refuse as
 * a wrong PIN, so timing does not tell which usernames exist.
 */
export function verifyDecoyPin(pin: string): false {
  verifyPin(pin, DECOY_HASH);
  return false;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function isInitialized(ctx: Ctx): boolean {
  return ctx.db.select({ id: users.id }).from(users).limit(1).get() !== undefined;
}

export function setupInit(
  ctx: Ctx,
  input: { shopName: string; address?: string; admin: { name: string; username: string; pin: string } },
): UserView {
  return ctx.db.transaction(() => {
    if (isInitialized(ctx)) fail('CONFLICT', 'Toko sudah disiapkan.');
    setSetting(ctx.db, 'shopName', input.shopName);
    setSetting(ctx.db, 'shopAddress', input.address ?? null);
    const user = insertUser(ctx, { ...input.admin, role: 'admin' });
    audit(ctx, { userId: user.id, action: 'setup.init', details: { shopName: input.shopName } });
    return user;
  });
}

function insertUser(ctx: Ctx, input: { name: string; username: string; role: Role; pin: string }): UserView {
  const username = input.username.toLowerCase();
  const exists = ctx.db.select({ id: users.id }).from(users).where(eq(users.username, username)).get();
  if (exists) fail('CONFLICT', `Nama pengguna "${username}" sudah dipakai.`, { field: 'username' });
  const row = ctx.db
    .insert(users)
    .values({ name: input.name, username, role: input.role, pinHash: hashPin(input.pin), createdAt: ctx.clock.now() })
    .returning()
    .get();
  return toView(row);
}

export function createUser(
  ctx: Ctx,
  actor: Actor,
  input: { name: string; username: string; role: Role; pin: string },
): UserView {
  return ctx.db.transaction(() => {
    const user = insertUser(ctx, input);
    audit(ctx, { userId: actor.userId, action: 'users.create', entity: 'user', entityId: user.id, details: { role: user.role } });
    return user;
  });
}

export function listUsers(ctx: Ctx): UserView[] {
  return ctx.db.select().from(users).orderBy(users.name).all().map(toView);
}

function toView(row: typeof users.$inferSelect): UserView {
  return { id: row.id, name: row.name, username: row.username, role: row.role, active: row.active };
}


/**
 * Count one wrong PIN for `user` (login or a manager's approval): the fifth
 * in a row locks the user for five minutes. Committed on its own, since the
 * request that carried the PIN fails.
 */
export function countWrongPin(
  ctx: Ctx,
  user: { id: number; failedAttempts: number; lockedUntil: number | null },
  auditEntry: (attempts: number, locked: boolean) => Parameters<typeof audit>[1],
): { lock: boolean; lockedUntil: number | null } {
  const attempts = user.failedAttempts + 1;
  const lock = attempts >= MAX_FAILED_LOGINS;
  const lockedUntil = lock ? ctx.clock.now() + LOCKOUT_MS : user.lockedUntil;
  ctx.db.transaction(() => {
    ctx.db.update(users).set({ failedAttempts: lock ? 0 : attempts, lockedUntil }).where(eq(users.id, user.id)).run();
    audit(ctx, auditEntry(attempts, lock));
  });
  return { lock, lockedUntil };
}

/**
 * Check a PIN. Wrong PINs count up; the fifth locks the user for five
 * minutes. The failure count is written even though the call fails.
 */
export function login(ctx: Ctx, input: { username: string; pin: string; tillCode?: string }): LoginResult {
  const now = ctx.clock.now();
  const username = input.username.toLowerCase();
  const user = ctx.db.select().from(users).where(eq(users.username, username)).get();
  const wrong = () => new AppError('UNAUTHENTICATED', 'Nama pengguna atau PIN salah.');
  if (!user || !user.active) {
    verifyDecoyPin(input.pin);
    ctx.db.transaction(() => audit(ctx, { userId: null, action: 'auth.login_failed', details: { username } }));
    throw wrong();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new AppError('UNAUTHENTICATED', 'Akun terkunci karena terlalu banyak PIN salah. Coba lagi nanti.', {
      locked: true,
      lockedUntil: user.lockedUntil,
    });
  }
  if (!verifyPin(input.pin, user.pinHash)) {
    const { lock, lockedUntil } = countWrongPin(ctx, user, (attempts, locked) => ({
      userId: user.id,
      action: locked ? 'auth.locked' : 'auth.login_failed',
      details: { attempts },
    }));
    if (lock) {
      throw new AppError('UNAUTHENTICATED', 'PIN salah 5 kali. Akun dikunci selama 5 menit.', { locked: true, lockedUntil });
    }
    throw wrong();
  }
  const tillCode = input.tillCode ?? getSetting(ctx.db, 'defaultTillCode');
  const token = randomBytes(32).toString('base64url');
  ctx.db.transaction(() => {
    ctx.db.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, user.id)).run();
    ctx.db.insert(sessions).values({ tokenHash: hashToken(token), userId: user.id, tillCode, createdAt: now, lastSeenAt: now }).run();
    audit(ctx, { userId: user.id, action: 'auth.login', details: { tillCode } });
  });
  return { token, user: { id: user.id, name: user.name, role: user.role }, tillCode };
}

export function logout(ctx: Ctx, token: string): void {
  ctx.db
    .update(sessions)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)))
    .run();
}

/** Resolve a bearer token to its user, or null when unknown, revoked or idle too long. */
/** The session a bearer token names, with its user: read on every request, so one prepared statement. */
const sessionByToken = query<{
  tokenHash: string;
  lastSeenAt: number;
  revokedAt: number | null;
  tillCode: string;
  userId: number;
  name: string;
  role: Role;
  active: number;
}>()(
  'users.sessionByToken',
  `SELECT s.token_hash AS tokenHash, s.last_seen_at AS lastSeenAt, s.revoked_at AS revokedAt, s.till_code AS tillCode,
          u.id AS userId, u.name AS name, u.role AS role, u.active AS active
     FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ?`,
  { tokenHash: true, lastSeenAt: true, revokedAt: true, tillCode: true, userId: true, name: true, role: true, active: true },
);

export function authenticate(ctx: Ctx, token: string): Actor | null {
  const now = ctx.clock.now();
  const row = get(ctx.db.$client, sessionByToken, hashToken(token));
  if (!row || row.revokedAt !== null || !row.active || now - row.lastSeenAt > SESSION_IDLE_MS) return null;
  // Touch at most once a minute: keeps reads cheap and the WAL quiet.
  if (now - row.lastSeenAt > 60_000) {
    ctx.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, row.tokenHash)).run();
  }
  return { userId: row.userId, name: row.name, role: row.role, tillCode: row.tillCode };
}

export function countUsers(ctx: Ctx): number {
  return ctx.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM users`).n;
}

function requireUser(ctx: Ctx, id: number): typeof users.$inferSelect {
  const row = ctx.db.select().from(users).where(eq(users.id, id)).get();
  return row ?? fail('NOT_FOUND', `Pengguna #${id} tidak ditemukan.`, { field: 'id' });
}

function activeAdmins(ctx: Ctx): number {
  return ctx.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1`).n;
}

/**
 * Change a user's name, role or active flag (admin). The last active admin
 * can be neither demoted nor deactivated. A deactivated user's sessions end.
 */
export function updateUser(ctx: Ctx, actor: Actor, input: { id: number; name?: string; role?: Role; active?: boolean }): UserView {
  return ctx.db.transaction(() => {
    const before = requireUser(ctx, input.id);
    const next = { name: input.name ?? before.name, role: input.role ?? before.role, active: input.active ?? before.active };
    const losesAdmin = before.role === 'admin' && before.active && (next.role !== 'admin' || !next.active);
    if (losesAdmin && activeAdmins(ctx) <= 1) {
      fail('CONFLICT', 'Harus tetap ada minimal satu admin aktif.', { field: input.active === false ? 'active' : 'role' });
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['name', 'role', 'active'] as const) {
      if (next[key] !== before[key]) changes[key] = { from: before[key], to: next[key] };
    }
    if (Object.keys(changes).length === 0) return toView(before);
    ctx.db.update(users).set(next).where(eq(users.id, before.id)).run();
    if (!next.active) {
      ctx.db.update(sessions).set({ revokedAt: ctx.clock.now() }).where(and(eq(sessions.userId, before.id), isNull(sessions.revokedAt))).run();
    }
    audit(ctx, { userId: actor.userId, action: 'users.update', entity: 'user', entityId: before.id, details: changes });
    return toView(requireUser(ctx, before.id));
  });
}

/**
 * Give a user a new PIN (admin): clears a lockout and ends the user's other
 * sessions, so whoever knew the old PIN is logged out.
 */
export function resetPin(ctx: Ctx, actor: Actor, input: { id: number; pin: string }): UserView {
  const pinHash = hashPin(input.pin);
  return ctx.db.transaction(() => {
    const user = requireUser(ctx, input.id);
    ctx.db.update(users).set({ pinHash, failedAttempts: 0, lockedUntil: null }).where(eq(users.id, user.id)).run();
    if (user.id !== actor.userId) {
      ctx.db.update(sessions).set({ revokedAt: ctx.clock.now() }).where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt))).run();
    }
    audit(ctx, { userId: actor.userId, action: 'users.reset_pin', entity: 'user', entityId: user.id });
    return toView(user);
  });
}
