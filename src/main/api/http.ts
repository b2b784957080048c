import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { HTTP_STATUS, type ApiErrorBody } from '../../shared/errors';
import { dispatch } from './dispatch';
import type { ApiEnv } from './procedures';
import { ServedHosts, type InterfaceReader } from './hosts';
import { getLanHostNames } from '../core/lan-hosts';
import { moveProofs } from '../core/devices';
import { API_CONTRACT_VERSION, APP_VERSION, CONTRACT_HEADER, VERSION_HEADER } from '../../shared/version';

export const MAX_BODY_BYTES = 256 * 1024;

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * `connect-src` also allows http(s) URLs: a till whose main computer got a new address asks that
 * address (`GET /api/pairing.proof`) whether it is its host before it moves there
 * (src/renderer/src/lib/host-move.ts); it reads nothing else from another origin, and what it reads
 * counts only if the HMAC checks out. Scripts stay `'self'` only.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' http: https:; " +
  "font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface HttpOptions {
  /** Built renderer (index.html and assets); API only when omitted. */
  staticDir?: string;
  /** Refused PINs (logins and approvals) allowed per remote address per window (default 20 per 5 minutes). */
  loginLimit?: { max: number; windowMs: number };
  now?: () => number;
  /** The machine's network interfaces (os.networkInterfaces by default), for the `Host` check. */
  interfaces?: InterfaceReader;
  /**
   * Paired tills (issue 17): every caller must be a paired device
   * (`X-Kasir-Device`), except the pairing procedures. On by default when the
   * server listens beyond loopback (serve.ts, host mode).
   */
  pairing?: boolean;
  /** With pairing on, a loopback caller without a device credential is the host PC's own till (default true). */
  loopbackIsHost?: boolean;
}

const isLoopback = (address: string) => address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

function deviceHeader(req: IncomingMessage): string | null {
  const value = req.headers['x-kasir-device'];
  return typeof value === 'string' && value.length <= 200 ? value : null;
}

/**
 * Failed logins per remote address in a sliding window. The per-user
 * lockout (5 wrong PINs) lives in the core; this stops one machine on the
 * LAN from guessing PINs of every user in turn.
 */
export class LoginLimiter {
  private failures = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(address: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(address) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(address, kept);
    else this.failures.delete(address);
    return kept;
  }

  blocked(address: string): boolean {
    return this.recent(address).length >= this.max;
  }

  fail(address: string): void {
    this.failures.set(address, [...this.recent(address), this.now()]);
  }
}

/**
 * Procedures that check a PIN, and which of their answers is a refused PIN:
 * logins and managers' approvals share one limiter per address.
 */
const PIN_TRIES: Record<string, ((error: ApiErrorBody) => boolean) | undefined> = {
  'auth.login': (error) => error.code === 'UNAUTHENTICATED',
  'approvals.verify': (error) => error.code === 'FORBIDDEN' && (error.details as { approval?: unknown } | undefined)?.approval === true,
};

/** Every API answer carries the host's time (ms since the epoch) in this header. */
export const HOST_TIME_HEADER = 'X-Kasir-Time';

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(data),
    'Cache-Control': 'no-store',
  });
  res.end(data);
}

const sendError = (res: ServerResponse, error: ApiErrorBody) => sendJson(res, HTTP_STATUS[error.code], { error });

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
    // A client that goes away mid-body must not leave this request waiting forever.
    req.on('close', () => reject(new Error('connection closed before the body ended')));
  });
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
  return match ? match[1] : null;
}

/** A browser page from another origin must not drive the API (no CORS, no CSRF). */
function crossOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== String(req.headers.host ?? '').toLowerCase();
  } catch {
    return true;
  }
}

async function handleApi(env: ApiEnv, limiter: LoginLimiter, req: IncomingMessage, res: ServerResponse, name: string, options: HttpOptions): Promise<void> {
  if (crossOrigin(req)) {
    sendError(res, { code: 'FORBIDDEN', message: 'Permintaan dari situs lain ditolak.' });
    return;
  }
  if (req.method !== 'POST') {
    sendError(res, { code: 'NOT_FOUND', message: 'Gunakan POST /api/<prosedur>.' });
    return;
  }
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      res.setHeader('Connection', 'close');
      sendError(res, { code: 'PAYLOAD_TOO_LARGE', message: `Permintaan lebih dari ${MAX_BODY_BYTES} byte.` });
    } else {
      sendError(res, { code: 'VALIDATION', message: 'Permintaan tidak terbaca.' });
    }
    return;
  }
  let input: unknown = {};
  if (raw.length > 0) {
    let text: string;
    try {
      // Invalid UTF-8 is refused, never replaced with U+FFFD behind the caller's back (docs/api.md).
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
    } catch {
      sendError(res, { code: 'VALIDATION', message: 'Isi permintaan bukan teks UTF-8 yang sah.' });
      return;
    }
    try {
      input = JSON.parse(text);
    } catch {
      sendError(res, { code: 'VALIDATION', message: 'Isi permintaan bukan JSON yang sah.' });
      return;
    }
  }
  const address = req.socket.remoteAddress ?? 'unknown';
  const pinRefused = PIN_TRIES[name];
  if (pinRefused && limiter.blocked(address)) {
    sendError(res, { code: 'RATE_LIMITED', message: 'Terlalu banyak percobaan PIN dari perangkat ini. Tunggu beberapa menit.' });
    return;
  }
  const device = deviceHeader(req);
  const origin = options.pairing
    ? { pairing: true, device, address, host: !device && (options.loopbackIsHost ?? true) && isLoopback(address) }
    : { address };
  const outcome = await dispatch(env, name, input, bearer(req), origin);
  if (pinRefused && !outcome.ok && pinRefused(outcome.error)) limiter.fail(address);
  if (outcome.ok) sendJson(res, 200, outcome.result);
  else sendError(res, outcome.error);
}

/**
 * The path of a request target in origin form (`/path?query`), still
 * percent-encoded; `null` for every other form Node's parser lets through
 * (`*`, `http://host/path`, `host:port`, …): browsers send only origin form to
 * a server that is not a proxy.
 */
export function targetPath(target: string | undefined): string | null {
  if (!target || !target.startsWith('/')) return null;
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

class BadPath extends Error {}

/** The file a static path names under `root`, or `null` when it lies outside; BadPath when it cannot be decoded. */
export function staticFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new BadPath();
  }
  // NUL ends a path in the OS; other control characters are never in our file names.
  if (/[\u0000-\u001f\u007f]/.test(decoded)) throw new BadPath();
  const file = normalize(join(root, decoded));
  return file === root || file.startsWith(root + sep) ? file : null;
}

const sendText = (res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) => {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(text);
};

async function serveStatic(dir: string, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end();
    return;
  }
  const root = resolve(dir);
  let file: string | null;
  try {
    file = staticFile(root, pathname);
  } catch (err) {
    if (!(err instanceof BadPath)) throw err;
    sendText(res, 400, 'Alamat tidak sah.');
    return;
  }
  if (!file) {
    res.writeHead(404, SECURITY_HEADERS).end();
    return;
  }
  const isFile = await stat(file).then((s) => s.isFile(), () => false);
  // Client-side routes fall back to the app shell; missing assets are 404s.
  if (!isFile) {
    if (extname(file)) {
      res.writeHead(404, SECURITY_HEADERS).end();
      return;
    }
    file = join(root, 'index.html');
  }
  const body = await readFile(file);
  const type = MIME[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': body.length,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Cache-Control': type.startsWith('text/html') ? 'no-cache' : 'public, max-age=3600',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** What a log line may show of a request: its method and target, escaped and cut short. */
const requestLine = (req: IncomingMessage) => `${String(req.method).slice(0, 16)} ${JSON.stringify(String(req.url ?? '').slice(0, 200))}`;

/** A bug in one request's handling answers 500 to that request only; the server goes on. */
function failed(req: IncomingMessage, res: ServerResponse, err: unknown): void {
  console.error(`http request failed: ${requestLine(req)}`, err);
  try {
    if (!res.headersSent) sendError(res, { code: 'INTERNAL', message: 'Terjadi kesalahan internal.' });
    else res.destroy();
  } catch {
    res.destroy();
  }
}

/**
 * `GET /api/pairing.proof?nonce=<32 hex>`: a till that knew this host at another address asks
 * whether this is its host before it hands its credential over (docs/several-tills.md, "The main
 * computer got a new address"). Readable from the till's old origin (CORS `*`): it carries
 * nothing but HMACs bound to this address and the till's nonce.
 */
function moveProof(env: ApiEnv, req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (req.method !== 'GET') {
    sendError(res, { code: 'NOT_FOUND', message: 'Gunakan GET /api/pairing.proof?nonce=….' });
    return;
  }
  const nonce = new URLSearchParams(String(req.url ?? '').split('?')[1] ?? '').get('nonce') ?? '';
  if (!/^[0-9a-f]{32}$/.test(nonce)) {
    sendError(res, { code: 'VALIDATION', message: 'nonce harus 32 digit heksadesimal.', details: { field: 'nonce' } });
    return;
  }
  const host = String(req.headers.host ?? '').toLowerCase();
  sendJson(res, 200, { host, proofs: moveProofs(env.ctx, host, nonce) });
}

/** The browser-mode transport: `POST /api/<name>`, `GET /api/health`, `GET /api/pairing.proof`, and the built UI. */
/** Every API answer names the host's app version and API contract (issue 18). */
function versionHeaders(res: ServerResponse): void {
  res.setHeader(VERSION_HEADER, APP_VERSION);
  res.setHeader(CONTRACT_HEADER, String(API_CONTRACT_VERSION));
}

/** What a till of another contract may still call: to learn the host's version. */
const ALWAYS_ANSWERED = new Set(['/api/health', '/api/host.info']);

/**
 * A desktop till says which API contract it speaks (`X-Kasir-Contract`); another contract
 * than the host's is refused before anything runs. Browser tills never send it (they run the
 * host's own UI), so they are never refused.
 */
function contractRefused(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  const sent = req.headers[CONTRACT_HEADER.toLowerCase()];
  if (sent === undefined || ALWAYS_ANSWERED.has(path)) return false;
  const clientContract = typeof sent === 'string' ? sent.slice(0, 20) : String(sent).slice(0, 20);
  if (clientContract === String(API_CONTRACT_VERSION)) return false;
  const raw = req.headers['x-kasir-app-version'];
  const clientVersion = typeof raw === 'string' && /^[0-9A-Za-z.+-]{1,32}$/.test(raw) ? raw : null;
  const message = `Versi aplikasi di komputer ini ${clientVersion ?? `(kontrak ${clientContract})`}, komputer utama ${APP_VERSION} — perbarui aplikasi di komputer ini ke versi yang sama dengan komputer utama.`;
  sendError(res, { code: 'VERSION_MISMATCH', message, details: { hostVersion: APP_VERSION, hostContract: API_CONTRACT_VERSION, clientVersion, clientContract } });
  return true;
}

/** The browser-mode transport: `POST /api/<name>`, `GET /api/health`, and the built UI. */
export function createHttpServer(env: ApiEnv, options: HttpOptions = {}): Server {
  const limit = options.loginLimit ?? { max: 20, windowMs: 5 * 60_000 };
  const limiter = new LoginLimiter(limit.max, limit.windowMs, options.now ?? (() => env.ctx.clock.now()));
  const hosts = new ServedHosts(() => getLanHostNames(env.ctx), options.interfaces);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = targetPath(req.url);
    if (path === null) {
      sendError(res, { code: 'VALIDATION', message: 'Alamat permintaan tidak sah.' });
      return;
    }
    const api = path === '/api' || path.startsWith('/api/');
    // DNS rebinding: a page on a name that only resolves here must not be treated as this host.
    if (!hosts.allows(req.headers.host)) {
      const message = 'Nama host ini tidak dilayani oleh kasir. Buka lewat alamat IP kasir, atau minta admin menambahkan nama ini.';
      if (api) sendError(res, { code: 'FORBIDDEN', message, details: { host: String(req.headers.host ?? '').slice(0, 260) } });
      else sendText(res, 403, `${message}\nThis host name is not served by this till: open it by its IP address, or ask the admin to add the name.\n`);
      return;
    }
    // The host's clock (issue 18): sale times come from it, and a till whose own clock is off by
    // more than a minute warns its cashier.
    if (api) res.setHeader(HOST_TIME_HEADER, String(env.ctx.clock.now()));
    if (api) versionHeaders(res);
    if (api && contractRefused(req, res, path)) return;
    if (path === '/api/health') sendJson(res, 200, { ok: true });
    else if (path === '/api/pairing.proof') moveProof(env, req, res);
    else if (path.startsWith('/api/')) await handleApi(env, limiter, req, res, path.slice('/api/'.length), options);
    else if (options.staticDir && !api) await serveStatic(options.staticDir, req, res, path);
    else sendError(res, { code: 'NOT_FOUND', message: 'Tidak ditemukan.' });
  }

  return createServer((req, res) => {
    // Every request is handled on its own: whatever throws in it, sync or async, ends here.
    handle(req, res).catch((err) => failed(req, res, err));
  });
}
