/**
 * The main computer got a new address (issue 17: DHCP gave it another). A browser till keeps its
 * device credential and its kept carts in the storage of the address it was opened at, which a page
 * at the new address cannot read. A manager types the new address on the till; the till asks that
 * address to prove it holds this till's credential (`GET /api/pairing.proof`, an HMAC over the
 * address and a nonce of the till's choosing, keyed with the credential's hash the host stores),
 * and only then opens it with the credential and the kept carts in the URL fragment (never sent
 * over the network), where `adoptMovedTill` takes them into that address's storage. A typed
 * address that is not this shop's host learns nothing.
 */
import { moveProof, hex, sha256, utf8 } from '../../../shared/sha256';
import { getDeviceCredential } from '../api';

const FRAGMENT = '#kasir-move=';
/** What a till keeps for itself and takes along: its carts and the checkout on its way. */
const KEPT = /^kasir\.(cart\.[A-Za-z0-9-]{1,16}|pendingCheckout)$/;
/** What travels with the till: its credential and what it keeps (`KEPT`). */
interface Moved {
  credential: string;
  kept: Record<string, string>;
}

export type MoveProblem = 'address' | 'same' | 'unreachable' | 'notHost' | 'unpaired';

export class MoveError extends Error {
  constructor(readonly problem: MoveProblem) {
    super(problem);
  }
}

/** `192.168.1.23:8080`, `http://192.168.1.23:8080/` or `kasir.lan` → an http origin; null if not an address. */
export function originOf(typed: string): string | null {
  const text = typed.trim();
  if (!text || text.length > 200 || /\s/.test(text)) return null;
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `http://${text}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return null;
    return url.origin;
  } catch {
    return null;
  }
}

function keptStorage(): Record<string, string> {
  const kept: Record<string, string> = {};
  try {
    for (const key of Object.keys(localStorage)) {
      if (KEPT.test(key)) kept[key] = localStorage.getItem(key) ?? '';
    }
  } catch {
    /* nothing kept */
  }
  return kept;
}

const toBase64Url = (text: string) => btoa(String.fromCharCode(...utf8(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (b64: string) =>
  new TextDecoder().decode(Uint8Array.from(atob(b64.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

/**
 * Check that `typed` is this till's host at a new address; resolves with the URL to open (the new
 * address with the credential and kept carts in its fragment), or rejects with a `MoveError`.
 */
export async function prepareMove(typed: string, fetchFn: typeof fetch = fetch, here = location.origin): Promise<string> {
  const origin = originOf(typed);
  if (!origin) throw new MoveError('address');
  if (origin === here) throw new MoveError('same');
  const credential = getDeviceCredential();
  if (!credential) throw new MoveError('unpaired');
  const nonce = hex(crypto.getRandomValues(new Uint8Array(16)));
  let answer: { host?: unknown; proofs?: unknown };
  try {
    const res = await fetchFn(`${origin}/api/pairing.proof?nonce=${nonce}`, { signal: AbortSignal.timeout(5000) });
    answer = (await res.json()) as typeof answer;
  } catch {
    throw new MoveError('unreachable');
  }
  const expected = moveProof(hex(sha256(utf8(credential))), new URL(origin).host, nonce);
  if (!Array.isArray(answer.proofs) || !answer.proofs.includes(expected)) throw new MoveError('notHost');
  const moved: Moved = { credential, kept: keptStorage() };
  return `${origin}/${FRAGMENT}${toBase64Url(JSON.stringify(moved))}`;
}

/**
 * At start-up, on the new address: take the credential and the kept carts the till brought
 * (`#kasir-move=…`) into this address's storage, and drop the fragment from the address bar and
 * the history. Returns the credential taken, or null when there was nothing to take.
 */
export function adoptMovedTill(current: string | null, setCredential: (c: string) => void): string | null {
  if (!location.hash.startsWith(FRAGMENT)) return null;
  let moved: Moved | null = null;
  try {
    moved = JSON.parse(fromBase64Url(location.hash.slice(FRAGMENT.length))) as Moved;
  } catch {
    moved = null;
  }
  history.replaceState(null, '', location.pathname + location.search);
  if (!moved || typeof moved.credential !== 'string' || moved.credential.length > 200) return null;
  // A page already paired here keeps its own pairing: a link cannot swap a till's identity.
  if (current !== null && current !== moved.credential) return null;
  for (const [key, value] of Object.entries(moved.kept ?? {})) {
    // Only what a till keeps, never anything else a crafted link might carry.
    if (typeof value === 'string' && KEPT.test(key)) {
      try {
        localStorage.setItem(key, value);
      } catch {
        /* private mode */
      }
    }
  }
  setCredential(moved.credential);
  return moved.credential;
}
