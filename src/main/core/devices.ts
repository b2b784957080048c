/**
 * Paired tills (issue 17). A device asks to be paired and gets a long-lived
 * credential at once, with a short code to show; the credential is worth
 * nothing until a manager approves the code on the host with a till code.
 * The host keeps only a sha-256 of the credential (a fast hash: it is
 * checked on every request; the credential is 256 random bits, so a slow
 * hash would add nothing). One paired device per till code; the host's own
 * window is the default till (K1) and no device can take that code.
 */
import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { devices } from '../../db/schema-tills';
import { sessions, shifts, users } from '../../db/schema';
import { fail } from '../../shared/errors';
import type { DeviceView, PairingStatus } from '../../shared/types-tills';
import { audit } from './audit';
import type { Actor, Ctx } from './context';
import { getSetting } from './settings';
import { all, get, query } from '../../db/statements';

export type DeviceRow = typeof devices.$inferSelect;

const deviceByHash = query<DeviceRow>()(
  'devices.byCredentialHash',
  `SELECT id, credential_hash AS credentialHash, pairing_code AS pairingCode, name, status, till_code AS tillCode,
          created_at AS createdAt, paired_at AS pairedAt, paired_by AS pairedBy, revoked_at AS revokedAt,
          revoked_by AS revokedBy, last_seen_at AS lastSeenAt, last_address AS lastAddress, last_user_id AS lastUserId
     FROM devices WHERE credential_hash = ?`,
  {
    id: true, credentialHash: true, pairingCode: true, name: true, status: true, tillCode: true, createdAt: true, pairedAt: true,
    pairedBy: true, revokedAt: true, revokedBy: true, lastSeenAt: true, lastAddress: true, lastUserId: true,
  },
);

/** Letters and digits nobody confuses when reading them aloud (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 6;

export const hashCredential = (credential: string) => createHash('sha256').update(credential).digest('hex');

/** The till code of the host's own window (Electron IPC, or a browser on the host PC itself). */
export const hostTillCode = (ctx: Ctx): string => getSetting(ctx.db, 'defaultTillCode');

/** Pending requests kept at most: anyone on the LAN may ask, nobody may fill the list. */
export const MAX_PENDING = 20;

export function requestPairing(ctx: Ctx, input: { deviceName: string }, address: string | null): { credential: string; code: string } {
  const credential = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  return ctx.db.transaction(() => {
    const pending = ctx.db.select({ n: sql<number>`count(*)` }).from(devices).where(eq(devices.status, 'pending')).get()!.n;
    if (pending >= MAX_PENDING) {
      fail('RATE_LIMITED', `Sudah ${pending} perangkat menunggu persetujuan. Minta manajer menyetujui atau mencabutnya dulu.`, { pending });
    }
    let code = '';
    for (let tries = 0; tries < 20; tries++) {
      code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
      const taken = ctx.db.select({ id: devices.id }).from(devices).where(and(eq(devices.pairingCode, code), eq(devices.status, 'pending'))).get();
      if (!taken) break;
    }
    ctx.db
      .insert(devices)
      .values({ credentialHash: hashCredential(credential), pairingCode: code, name: input.deviceName, status: 'pending', createdAt: now, lastSeenAt: now, lastAddress: address })
      .run();
    return { credential, code };
  });
}

/** The device a credential names, or null. Notes when it was last seen (at most once a minute). */
export function deviceByCredential(ctx: Ctx, credential: string | null | undefined, address: string | null = null): DeviceRow | null {
  if (!credential || credential.length > 200) return null;
  // Read on every request of a paired till: one prepared statement.
  const row = get(ctx.db.$client, deviceByHash, hashCredential(credential)) ?? null;
  const now = ctx.clock.now();
  if (row && row.status !== 'revoked' && (row.lastSeenAt === null || now - row.lastSeenAt > 60_000 || row.lastAddress !== address)) {
    ctx.db.transaction(() => ctx.db.update(devices).set({ lastSeenAt: now, lastAddress: address }).where(eq(devices.id, row.id)).run());
  }
  return row;
}

const pairedHashes = query<{ credentialHash: string }>()(
  'devices.pairedHashes',
  "SELECT credential_hash AS credentialHash FROM devices WHERE status = 'paired'",
  { credentialHash: true },
);

/**
 * The host's answer to a till that is moving to the host's new address (DHCP gave it another):
 * for the nonce the till chose and the address the till used (`Host`), one proof per paired device
 * (see `moveProof` in src/shared/sha256.ts). The till hands its credential over to the new address
 * only when one of them is its own: an address that is not this shop's host cannot answer it.
 */
export function moveProofs(ctx: Ctx, host: string, nonce: string): string[] {
  if (!/^[0-9a-f]{32}$/.test(nonce) || host.length === 0 || host.length > 260) return [];
  const message = `kasir-move|${host.toLowerCase()}|${nonce}`;
  return all(ctx.db.$client, pairedHashes).map((d) => createHmac('sha256', d.credentialHash).update(message).digest('hex'));
}

export function pairingStatus(device: DeviceRow | null): PairingStatus {
  if (!device) return { status: 'unpaired' };
  if (device.status === 'pending') return { status: 'pending', code: device.pairingCode!, deviceName: device.name };
  if (device.status === 'revoked') return { status: 'revoked', deviceName: device.name };
  return { status: 'paired', tillCode: device.tillCode!, deviceName: device.name };
}

function assertTillFree(ctx: Ctx, tillCode: string, exceptDeviceId: number | null): void {
  if (tillCode === hostTillCode(ctx)) {
    fail('CONFLICT', `Kode kasir ${tillCode} milik jendela kasir di komputer host. Pilih kode lain.`, { field: 'tillCode' });
  }
  const holder = ctx.db.select().from(devices).where(and(eq(devices.tillCode, tillCode), eq(devices.status, 'paired'))).get();
  if (holder && holder.id !== exceptDeviceId) {
    fail('CONFLICT', `Kode kasir ${tillCode} sudah dipakai perangkat "${holder.name}". Admin dapat memindahkannya.`, { field: 'tillCode', deviceId: holder.id });
  }
}

/** A manager approves the code shown on a device and gives it a till code. */
export function approveDevice(ctx: Ctx, actor: Actor, input: { code: string; tillCode: string }): DeviceView {
  const code = input.code.toUpperCase().replace(/[\s-]/g, '');
  return ctx.db.transaction(() => {
    const device = ctx.db.select().from(devices).where(and(eq(devices.pairingCode, code), eq(devices.status, 'pending'))).get();
    if (!device) return fail('NOT_FOUND', `Kode pemasangan ${code} tidak ditemukan atau sudah dipakai.`, { field: 'code' });
    assertTillFree(ctx, input.tillCode, null);
    const now = ctx.clock.now();
    ctx.db.update(devices).set({ status: 'paired', tillCode: input.tillCode, pairedAt: now, pairedBy: actor.userId, pairingCode: null }).where(eq(devices.id, device.id)).run();
    audit(ctx, { userId: actor.userId, action: 'devices.approve', entity: 'device', entityId: device.id, details: { name: device.name, tillCode: input.tillCode } });
    return getDevice(ctx, device.id);
  });
}

/** Revoke a device: its next call ends its session and shows the pairing screen. */
export function revokeDevice(ctx: Ctx, actor: Actor, input: { id: number }): DeviceView {
  return ctx.db.transaction(() => {
    const device = ctx.db.select().from(devices).where(eq(devices.id, input.id)).get();
    if (!device) return fail('NOT_FOUND', `Perangkat #${input.id} tidak ditemukan.`, { field: 'id' });
    if (device.status === 'revoked') fail('CONFLICT', `Perangkat "${device.name}" sudah dicabut.`, { field: 'id' });
    const now = ctx.clock.now();
    ctx.db.update(devices).set({ status: 'revoked', revokedAt: now, revokedBy: actor.userId, pairingCode: null }).where(eq(devices.id, device.id)).run();
    audit(ctx, { userId: actor.userId, action: 'devices.revoke', entity: 'device', entityId: device.id, details: { name: device.name, tillCode: device.tillCode } });
    return getDevice(ctx, device.id);
  });
}

/**
 * Move a till code to another device (a PC replaced): the old holder is
 * revoked, the new one (pending or paired) takes the code. Admin only, audited.
 */
export function moveTill(ctx: Ctx, actor: Actor, input: { tillCode: string; toDeviceId: number }): DeviceView {
  return ctx.db.transaction(() => {
    const target = ctx.db.select().from(devices).where(eq(devices.id, input.toDeviceId)).get();
    if (!target || target.status === 'revoked') return fail('NOT_FOUND', `Perangkat #${input.toDeviceId} tidak ditemukan atau sudah dicabut.`, { field: 'toDeviceId' });
    if (input.tillCode === hostTillCode(ctx)) fail('CONFLICT', `Kode kasir ${input.tillCode} milik jendela kasir di komputer host.`, { field: 'tillCode' });
    const now = ctx.clock.now();
    const holder = ctx.db.select().from(devices).where(and(eq(devices.tillCode, input.tillCode), eq(devices.status, 'paired'))).get();
    if (holder && holder.id !== target.id) {
      ctx.db.update(devices).set({ status: 'revoked', revokedAt: now, revokedBy: actor.userId }).where(eq(devices.id, holder.id)).run();
    }
    ctx.db
      .update(devices)
      .set({ status: 'paired', tillCode: input.tillCode, pairedAt: now, pairedBy: actor.userId, pairingCode: null })
      .where(eq(devices.id, target.id))
      .run();
    audit(ctx, {
      userId: actor.userId,
      action: 'devices.moveTill',
      entity: 'device',
      entityId: target.id,
      details: { tillCode: input.tillCode, from: holder ? { id: holder.id, name: holder.name } : null, to: { id: target.id, name: target.name }, previousTillCode: target.tillCode },
    });
    return getDevice(ctx, target.id);
  });
}

/** Remember who logged in on a device (the tills list shows it). */
export function noteDeviceLogin(ctx: Ctx, deviceId: number, userId: number): void {
  ctx.db.transaction(() => ctx.db.update(devices).set({ lastUserId: userId }).where(eq(devices.id, deviceId)).run());
}

/** End every session of a till (its device was revoked or moved). */
export function endTillSessions(ctx: Ctx, tillCode: string): void {
  ctx.db.transaction(() =>
    ctx.db.update(sessions).set({ revokedAt: ctx.clock.now() }).where(and(eq(sessions.tillCode, tillCode), isNull(sessions.revokedAt))).run(),
  );
}

function toView(ctx: Ctx, row: DeviceRow): DeviceView {
  const user = row.lastUserId ? ctx.db.select({ name: users.name }).from(users).where(eq(users.id, row.lastUserId)).get() : undefined;
  const shift =
    row.status === 'paired' && row.tillCode
      ? ctx.db
          .select({ id: shifts.id, openedAt: shifts.openedAt })
          .from(shifts)
          .where(and(eq(shifts.tillCode, row.tillCode), isNull(shifts.closedAt)))
          .get()
      : undefined;
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    tillCode: row.tillCode,
    pairingCode: row.status === 'pending' ? row.pairingCode : null,
    createdAt: row.createdAt,
    pairedAt: row.pairedAt,
    lastSeenAt: row.lastSeenAt,
    lastAddress: row.lastAddress,
    lastUserName: user?.name ?? null,
    openShift: shift ? { id: shift.id, openedAt: shift.openedAt } : null,
  };
}

export function getDevice(ctx: Ctx, id: number): DeviceView {
  const row = ctx.db.select().from(devices).where(eq(devices.id, id)).get();
  if (!row) return fail('NOT_FOUND', `Perangkat #${id} tidak ditemukan.`, { field: 'id' });
  return toView(ctx, row);
}

/** Every device, pending first, then paired by till code, then revoked. */
export function listDevices(ctx: Ctx): DeviceView[] {
  const rows = ctx.db
    .select()
    .from(devices)
    .orderBy(sql`CASE ${devices.status} WHEN 'pending' THEN 0 WHEN 'paired' THEN 1 ELSE 2 END`, devices.tillCode, devices.id)
    .all();
  return rows.map((r) => toView(ctx, r));
}

/** Open shifts of till codes no paired device (nor the host) holds: left from typed till codes before the upgrade. */
export function orphanShifts(ctx: Ctx): { id: number; tillCode: string; openedAt: number }[] {
  const held = new Set([hostTillCode(ctx), ...ctx.db.select({ t: devices.tillCode }).from(devices).where(eq(devices.status, 'paired')).all().map((r) => r.t!)]);
  return ctx.db
    .select({ id: shifts.id, tillCode: shifts.tillCode, openedAt: shifts.openedAt })
    .from(shifts)
    .where(isNull(shifts.closedAt))
    .all()
    .filter((s) => !held.has(s.tillCode));
}

/** Whether a shift is still open (under a paired till or a typed code). */
export function isShiftOpen(ctx: Ctx, shiftId: number): boolean {
  return ctx.db.select({ id: shifts.id }).from(shifts).where(and(eq(shifts.id, shiftId), isNull(shifts.closedAt))).get() !== undefined;
}
