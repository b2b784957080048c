/**
 * A manager's approval on the spot: the cashier's dialog sends the
 * manager's username and PIN with the request. The PIN is checked like a
 * login (scrypt, five wrong PINs lock the manager for five minutes); a
 * wrong PIN is counted and logged even though the request is refused.
 */
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { AppError } from '../../shared/errors';
import type { Approval } from '../../shared/types-till';
import { audit } from './audit';
import { hasRole, type Actor, type Ctx } from './context';
import { countWrongPin, verifyPin } from './users';

export interface Approver {
  userId: number;
  name: string;
  /** The caller approved it himself (manager or admin). */
  self: boolean;
}

/** The caller, when he is a manager himself. */
export function selfApprover(actor: Actor): Approver | null {
  return hasRole(actor.role, 'manager') ? { userId: actor.userId, name: actor.name, self: true } : null;
}

/**
 * Check a manager's username and PIN. Call before the business
 * transaction: a wrong PIN's count is committed on its own. Throws
 * FORBIDDEN for an unknown, inactive, locked or non-manager user or a wrong PIN.
 */
export function verifyApproval(ctx: Ctx, actor: Actor, approval: Approval, action: string): Approver {
  const now = ctx.clock.now();
  const username = approval.username.trim().toLowerCase();
  const user = ctx.db.select().from(users).where(eq(users.username, username)).get();
  const refuse = (message: string, details: Record<string, unknown> = {}) =>
    new AppError('FORBIDDEN', message, { approval: true, ...details });
  if (!user || !user.active || !hasRole(user.role, 'manager')) {
    ctx.db.transaction(() =>
      audit(ctx, { userId: actor.userId, action: 'approval.failed', details: { for: action, username, reason: 'not_a_manager' } }),
    );
    throw refuse('Persetujuan harus dari manajer aktif.');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    throw refuse('Akun manajer terkunci karena terlalu banyak PIN salah. Coba lagi nanti.', { locked: true, lockedUntil: user.lockedUntil });
  }
  if (!verifyPin(approval.pin, user.pinHash)) {
    const { lock, lockedUntil } = countWrongPin(ctx, user, (attempts, locked) => ({
      userId: actor.userId,
      action: locked ? 'auth.locked' : 'approval.failed',
      entity: 'user',
      entityId: user.id,
      details: { for: action, username, attempts },
    }));
    throw lock
      ? refuse('PIN manajer salah 5 kali. Akun manajer dikunci selama 5 menit.', { locked: true, lockedUntil })
      : refuse('PIN manajer salah.');
  }
  if (user.failedAttempts > 0 || user.lockedUntil !== null) {
    ctx.db.transaction(() => ctx.db.update(users).set({ failedAttempts: 0, lockedUntil: null }).where(eq(users.id, user.id)).run());
  }
  return { userId: user.id, name: user.name, self: false };
}

/**
 * Who approves: the caller when he is a manager, otherwise the manager in
 * `approval` (checked), otherwise null (the caller must ask for one).
 */
export function resolveApprover(ctx: Ctx, actor: Actor, approval: Approval | undefined, action: string): Approver | null {
  return selfApprover(actor) ?? (approval ? verifyApproval(ctx, actor, approval, action) : null);
}

export function approvalRequired(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('FORBIDDEN', message, { approvalRequired: true, ...details });
}
