/**
 * The host names the admin adds for the LAN (e.g. `kasir.lan`, the PC's
 * name), on top of the loopback names and the machine's own addresses that
 * the HTTP transport always serves (src/main/api/hosts.ts). A request whose
 * `Host` is none of them is refused, so a web page on another name that
 * resolves to this machine (DNS rebinding) reaches neither the API nor the UI.
 */
import type { Actor, Ctx } from './context';
import { audit } from './audit';
import { getRaw, setRaw } from './settings';

export const LAN_HOST_NAMES_KEY = 'lanHostNames';
export const MAX_LAN_HOST_NAMES = 20;

/** The admin's names, as stored (normalized by the contract on the way in). */
export function getLanHostNames(ctx: Ctx): string[] {
  const stored = getRaw<unknown>(ctx.db, LAN_HOST_NAMES_KEY);
  return Array.isArray(stored) ? stored.filter((n): n is string => typeof n === 'string') : [];
}

/** Replace the admin's list; audited with the list before and after. */
export function setLanHostNames(ctx: Ctx, actor: Actor, names: string[]): string[] {
  const next = [...new Set(names)];
  ctx.db.transaction(() => {
    const before = getLanHostNames(ctx);
    setRaw(ctx.db, LAN_HOST_NAMES_KEY, next);
    audit(ctx, { userId: actor.userId, action: 'lan.configure', details: { before, after: next } });
  });
  return next;
}
