/**
 * A manager's approval on the spot. The cashier's dialog sends the
 * manager's username and PIN with what needs approving to
 * `approvals.verify`, which checks the PIN at once, like a login (scrypt;
 * five wrong PINs lock the manager for five minutes; every try is audited
 * with the cashier and till it came from) and gives back a short-lived,
 * single-use token. The checkout, refund or void then carries the token,
 * never the PIN.
 *
 * What needs approving is worked out from the request before the PIN is
 * looked at, so whatever else is wrong with a request answers the same for
 * every PIN, and a wrong approval answers the same whatever else is wrong
 * (an unknown user, a user who is not a manager, a wrong PIN): a guesser
 * learns nothing about the PIN from the answer.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { approvalGrants, users } from '../../db/schema';
import { AppError, fail } from '../../shared/errors';
import type { ApprovalGrant, ApprovalReason, ApprovalRequest, CartLine, Discount } from '../../shared/types-till';
import { audit } from './audit';
import { hasRole, type Actor, type Ctx } from './context';
import { countWrongPin, hashPin, verifyPin } from './users';

/** How long an approval stays usable after the PIN was checked. */
export const APPROVAL_TTL_MS = 5 * 60_000;

export type ApprovalAction = ApprovalRequest['action'];

export interface Approver {
  userId: number;
  name: string;
  /** The caller approved it himself (manager or admin). */
  self: boolean;
}

/** A reason as a grant keeps it: by product, since line numbers move when the cart changes. */
export type GrantedReason =
  | { kind: 'line_discount'; productId: number; bps: number }
  | { kind: 'sale_discount'; bps: number }
  | { kind: 'total_discount'; bps: number }
  | { kind: 'price_override'; productId: number; unitPrice: number };

/** The caller, when he is a manager himself. */
export function selfApprover(actor: Actor): Approver | null {
  return hasRole(actor.role, 'manager') ? { userId: actor.userId, name: actor.name, self: true } : null;
}

export function approvalRequired(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('FORBIDDEN', message, { approvalRequired: true, ...details });
}

/** Key reasons computed for a cart by the product of their line. */
export function grantedReasons(reasons: readonly ApprovalReason[], lines: readonly { productId: number }[]): GrantedReason[] {
  return reasons.map((r): GrantedReason => {
    switch (r.kind) {
      case 'line_discount':
        return { kind: r.kind, productId: lines[r.line]!.productId, bps: r.bps };
      case 'price_override':
        return { kind: r.kind, productId: lines[r.line]!.productId, unitPrice: r.unitPrice };
      default:
        return { kind: r.kind, bps: r.bps };
    }
  });
}

/** Every reason of the sale is within one the manager approved. */
export function reasonsCovered(needed: readonly GrantedReason[], granted: readonly GrantedReason[]): boolean {
  return needed.every((n) =>
    granted.some((g) => {
      if (g.kind !== n.kind) return false;
      if (n.kind === 'price_override') return g.kind === 'price_override' && g.productId === n.productId && g.unitPrice === n.unitPrice;
      if (n.kind === 'line_discount') return g.kind === 'line_discount' && g.productId === n.productId && n.bps <= g.bps;
      return n.bps <= (g as { bps: number }).bps;
    }),
  );
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

let dummyHash: string | null = null;
/** Run the same key derivation as for a real user, so an unknown name costs the same time. */
function burnPin(pin: string): void {
  dummyHash ??= hashPin('000000');
  verifyPin(pin, dummyHash);
}

/** The one answer for a wrong approval, whatever was wrong. */
const wrongApproval = () => new AppError('FORBIDDEN', 'PIN salah: nama pengguna atau PIN manajer tidak cocok.', { approval: true, wrongPin: true });

/**
 * Check a manager's username and PIN. A wrong try is committed on its own
 * (counted against the manager, audited) before the error is thrown.
 */
function checkManagerPin(ctx: Ctx, actor: Actor, input: { username: string; pin: string; action: ApprovalAction }): typeof users.$inferSelect {
  const now = ctx.clock.now();
  const username = input.username.trim().toLowerCase();
  const user = ctx.db.select().from(users).where(eq(users.username, username)).get();
  const who = { for: input.action, username, tillCode: actor.tillCode };
  if (!user || !user.active || !hasRole(user.role, 'manager')) {
    burnPin(input.pin);
    ctx.db.transaction(() => audit(ctx, { userId: actor.userId, action: 'approval.failed', details: { ...who, reason: 'not_a_manager' } }));
    throw wrongApproval();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    ctx.db.transaction(() =>
      audit(ctx, { userId: actor.userId, action: 'approval.failed', entity: 'user', entityId: user.id, details: { ...who, reason: 'locked' } }),
    );
    throw new AppError('FORBIDDEN', 'Akun manajer terkunci karena terlalu banyak PIN salah. Coba lagi nanti.', {
      approval: true,
      locked: true,
      lockedUntil: user.lockedUntil,
    });
  }
  if (!verifyPin(input.pin, user.pinHash)) {
    const { lock, lockedUntil } = countWrongPin(ctx, user, (attempts, locked) => ({
      userId: actor.userId,
      action: locked ? 'auth.locked' : 'approval.failed',
      entity: 'user',
      entityId: user.id,
      details: { ...who, reason: 'wrong_pin', attempts },
    }));
    if (lock) {
      throw new AppError('FORBIDDEN', 'PIN manajer salah 5 kali. Akun manajer dikunci selama 5 menit.', { approval: true, locked: true, lockedUntil });
    }
    throw wrongApproval();
  }
  return user;
}

/**
 * `approvals.verify`: what needs approving (from the request alone), then
 * the PIN, then a token for this cashier at this till.
 */
export function verifyApproval(
  ctx: Ctx,
  actor: Actor,
  input: { username: string; pin: string } & ApprovalRequest,
  checkoutReasons: (lines: CartLine[], discount: Discount | undefined) => ApprovalReason[],
  saleExists: (saleId: number) => void,
): ApprovalGrant {
  // 1. The request, before the PIN: its errors are the same for every PIN, and say nothing about it.
  let reasons: ApprovalReason[] = [];
  let saleId: number | null = null;
  if (input.action === 'sales.checkout') {
    reasons = checkoutReasons(input.lines, input.discount);
    if (reasons.length === 0) fail('VALIDATION', 'Tidak ada yang perlu disetujui manajer di keranjang ini.', { field: 'lines' });
  } else {
    saleExists(input.saleId);
    saleId = input.saleId;
  }
  // 2. The PIN.
  const manager = checkManagerPin(ctx, actor, input);
  // 3. The grant.
  const now = ctx.clock.now();
  const token = randomBytes(32).toString('base64url');
  const granted = input.action === 'sales.checkout' ? grantedReasons(reasons, input.lines) : [];
  const expiresAt = now + APPROVAL_TTL_MS;
  ctx.db.transaction(() => {
    if (manager.failedAttempts > 0 || manager.lockedUntil !== null) {
      ctx.db.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, manager.id)).run();
    }
    ctx.db
      .insert(approvalGrants)
      .values({
        tokenHash: hashToken(token),
        action: input.action,
        issuedTo: actor.userId,
        tillCode: actor.tillCode,
        approvedBy: manager.id,
        saleId,
        reasons: JSON.stringify(granted),
        createdAt: now,
        expiresAt,
      })
      .run();
    audit(ctx, {
      userId: actor.userId,
      action: 'approval.granted',
      entity: 'user',
      entityId: manager.id,
      details: { for: input.action, username: manager.username, tillCode: actor.tillCode, saleId, reasons },
    });
  });
  return {
    token,
    action: input.action,
    approvedBy: manager.id,
    approvedByName: manager.name,
    approvedByUsername: manager.username,
    reasons,
    saleId,
    expiresAt,
  };
}

/**
 * Use a grant (inside the business transaction, so a refused sale leaves
 * it unused). Refuses one that is unknown, used, expired, someone else's,
 * for another action or sale, or that does not cover `needed`.
 */
export function useGrant(
  ctx: Ctx,
  actor: Actor,
  token: string,
  want: { action: ApprovalAction; saleId?: number; needed?: GrantedReason[] },
  refusal: Record<string, unknown> = {},
): Approver {
  const now = ctx.clock.now();
  const row = ctx.db
    .select({ g: approvalGrants, name: users.name })
    .from(approvalGrants)
    .innerJoin(users, eq(users.id, approvalGrants.approvedBy))
    .where(eq(approvalGrants.tokenHash, hashToken(token)))
    .get();
  const g = row?.g;
  const refuse = (why: string, message: string) =>
    approvalRequired(message, { approval: true, grantRefused: why, ...refusal });
  if (!g || g.issuedTo !== actor.userId || g.tillCode !== actor.tillCode || g.action !== want.action) {
    throw refuse('unknown', 'Persetujuan manajer ini tidak berlaku untuk transaksi ini. Minta persetujuan lagi.');
  }
  if (g.usedAt !== null) throw refuse('used', 'Persetujuan manajer ini sudah dipakai. Minta persetujuan lagi.');
  if (g.expiresAt <= now) throw refuse('expired', 'Persetujuan manajer sudah kedaluwarsa. Minta persetujuan lagi.');
  if (want.saleId !== undefined && g.saleId !== want.saleId) {
    throw refuse('unknown', 'Persetujuan manajer ini untuk penjualan lain. Minta persetujuan lagi.');
  }
  if (want.needed && !reasonsCovered(want.needed, JSON.parse(g.reasons) as GrantedReason[])) {
    throw refuse('changed', 'Keranjang berubah sejak disetujui manajer. Minta persetujuan lagi.');
  }
  const used = ctx.db
    .update(approvalGrants)
    .set({ usedAt: now })
    .where(and(eq(approvalGrants.tokenHash, g.tokenHash), isNull(approvalGrants.usedAt)))
    .run();
  if (used.changes !== 1) throw refuse('used', 'Persetujuan manajer ini sudah dipakai. Minta persetujuan lagi.');
  return { userId: g.approvedBy, name: row!.name, self: false };
}
