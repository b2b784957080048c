/**
 * The desktop app as a till of a host (issue 18), on the Node side: ask the host who it is
 * (`host.info`) before showing its UI, get a device credential for pairing, and put the
 * credential and this app's versions on every request the window sends to the host. No
 * Electron import here: tested in Node against a real HTTP server.
 */
import { API_CONTRACT_VERSION, APP_VERSION, CONTRACT_HEADER, compareWithHost, versionMessage, type HostInfo, type VersionVerdict } from '../../shared/version';

export const DEVICE_HEADER = 'X-Kasir-Device';
export const APP_VERSION_HEADER = 'X-Kasir-App-Version';

/** What every request of a desktop till carries besides its credential. */
export const tillVersionHeaders = (): Record<string, string> => ({ [CONTRACT_HEADER]: String(API_CONTRACT_VERSION), [APP_VERSION_HEADER]: APP_VERSION });

export type HostProbe =
  | { reachable: false; reason: string }
  | { reachable: true; kasir: false }
  | { reachable: true; kasir: true; info: HostInfo; verdict: VersionVerdict; message: string | null };

async function post(hostUrl: string, name: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<Response> {
  return fetch(new URL(`api/${name}`, hostUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...tillVersionHeaders(), ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/** Is the host there, is it a Kasir PLUT host, and of which version? */
export async function probeHost(hostUrl: string, options: { timeoutMs?: number } = {}): Promise<HostProbe> {
  let res: Response;
  try {
    res = await post(hostUrl, 'host.info', {}, {}, options.timeoutMs ?? 4000);
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    return { reachable: false, reason: String(cause ?? 'error') };
  }
  const body = (await res.json().catch(() => null)) as Partial<HostInfo> | null;
  if (!res.ok || body?.app !== 'kasir-plut' || typeof body.appVersion !== 'string' || typeof body.contractVersion !== 'number') return { reachable: true, kasir: false };
  const info: HostInfo = { app: 'kasir-plut', appVersion: body.appVersion, contractVersion: body.contractVersion };
  return { reachable: true, kasir: true, info, verdict: compareWithHost(info), message: versionMessage(info) };
}

/** A new device credential from the host (shown as a pairing code on the host's pairing screen). */
export async function requestCredential(hostUrl: string, deviceName: string, options: { timeoutMs?: number } = {}): Promise<string> {
  const res = await post(hostUrl, 'pairing.request', { deviceName: deviceName.slice(0, 60) }, {}, options.timeoutMs ?? 4000);
  const body = (await res.json().catch(() => null)) as { credential?: unknown; error?: { message?: string } } | null;
  if (!res.ok || typeof body?.credential !== 'string') throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  return body.credential;
}

/**
 * The headers of a request the till's window sends. Requests to the host get this till's
 * versions and its credential. When the host's own page sends another credential (it asked
 * for a new one after the device was revoked, or the host forgot it), that one is adopted
 * and kept from then on, so the page and the till never disagree.
 */
export function tillRequestHeaders(
  hostUrl: string,
  requestUrl: string,
  headers: Record<string, string>,
  credential: string | null,
): { headers: Record<string, string>; adopt: string | null } {
  let sameOrigin = false;
  try {
    sameOrigin = new URL(requestUrl).origin === new URL(hostUrl).origin;
  } catch {
    sameOrigin = false;
  }
  if (!sameOrigin) return { headers, adopt: null };
  const out: Record<string, string> = {};
  let sent: string | null = null;
  for (const [k, v] of Object.entries(headers)) {
    const lower = k.toLowerCase();
    if (lower === DEVICE_HEADER.toLowerCase()) sent = v;
    else if (lower !== CONTRACT_HEADER.toLowerCase() && lower !== APP_VERSION_HEADER.toLowerCase()) out[k] = v;
  }
  Object.assign(out, tillVersionHeaders());
  const valid = (c: string | null) => c !== null && c.length > 0 && c.length <= 200;
  const adopt = valid(sent) && sent !== credential ? sent : null;
  const use = adopt ?? credential;
  if (use) out[DEVICE_HEADER] = use;
  return { headers: out, adopt };
}
