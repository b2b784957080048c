/**
 * Office mode (issue 20): the province office's read-only reports over the
 * central PostgreSQL, in a browser. It opens the central database only (a
 * PostgreSQL URL whose database holds central.facts) and never a shop's
 * SQLite: nothing here imports the outlet's database code.
 *
 * HTTP: `POST /api/<procedure>` with `{ input }` and `Authorization: Bearer
 * <token>`, answering `{ ok: true, result }` or `{ error: { code, message } }`
 * like the shop. Every procedure is marked read or write; a viewer reaching a
 * write procedure is refused FORBIDDEN before it runs. `GET /` is the office UI.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  linkSupplier,
  officeDashboard,
  officeNearExpiry,
  officePayouts,
  officeSales,
  officeStock,
  provinceUmkmReport,
  umkmStatement,
  umkmSuppliers,
  type SalesDimension,
} from './reports';
import { createOfficeUser, verifyOfficeLogin, type OfficeRole, type OfficeUser } from './office-users';
import { OFFICE_SCRIPT, officePage } from './office-page';
import { exportReport, statementHtml } from './office-documents';

export class OfficeError extends Error {
  constructor(
    readonly code: 'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INTERNAL',
    message: string,
  ) {
    super(message);
  }
}
const STATUS = { VALIDATION: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, INTERNAL: 500 } as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const str = (v: unknown, field: string, re?: RegExp): string => {
  if (typeof v !== 'string' || (re && !re.test(v))) throw new OfficeError('VALIDATION', `${field}: tidak sah`);
  return v;
};
const optStr = (v: unknown, field: string, re?: RegExp): string | undefined => (v === undefined || v === null || v === '' ? undefined : str(v, field, re));
const period = (i: any) => {
  const from = str(i?.from, 'from', DATE);
  const to = str(i?.to, 'to', DATE);
  if (from > to) throw new OfficeError('VALIDATION', 'from: tanggal awal setelah tanggal akhir');
  return { from, to };
};
const DIMENSIONS: SalesDimension[] = ['outlet', 'district', 'supplier', 'category'];

/** Today's business day in Asia/Makassar (the province's). */
export function officeToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

interface OfficeProcedure {
  /** Writes change central data: admins only. */
  write: boolean;
  run(db: pg.Pool, input: any, user: OfficeUser): Promise<unknown>;
}

/** The office's procedures. Reads for every office user; writes (marked) for admins only. */
export const OFFICE_PROCEDURES: Record<string, OfficeProcedure> = {
  'office.me': { write: false, run: async (_db, _i, user) => user },
  'office.dashboard': { write: false, run: (db, i) => officeDashboard(db, { today: optStr(i?.today, 'today', DATE) ?? officeToday() }) },
  'office.sales': {
    write: false,
    run: (db, i) => {
      if (!DIMENSIONS.includes(i?.dimension)) throw new OfficeError('VALIDATION', 'dimension: tidak sah');
      return officeSales(db, { dimension: i.dimension, ...period(i) });
    },
  },
  'office.stock': { write: false, run: (db, i) => officeStock(db, { outletCode: optStr(i?.outletCode, 'outletCode', /^[A-Z0-9]{2,8}$/) }) },
  'office.nearExpiry': {
    write: false,
    run: (db, i) => {
      const days = i?.days ?? 30;
      if (!Number.isInteger(days) || days < 0 || days > 365) throw new OfficeError('VALIDATION', 'days: 0–365');
      return officeNearExpiry(db, { today: optStr(i?.today, 'today', DATE) ?? officeToday(), days, outletCode: optStr(i?.outletCode, 'outletCode', /^[A-Z0-9]{2,8}$/) });
    },
  },
  'office.payouts': { write: false, run: (db, i) => officePayouts(db, period(i)) },
  'office.province': { write: false, run: (db, i) => provinceUmkmReport(db, period(i)) },
  'office.umkm.list': { write: false, run: (db) => umkmSuppliers(db) },
  'office.statement': { write: false, run: (db, i) => umkmStatement(db, { umkmKey: str(i?.umkmKey, 'umkmKey'), ...period(i) }) },
  'office.statementHtml': {
    write: false,
    run: async (db, i) => ({ html: statementHtml(await umkmStatement(db, { umkmKey: str(i?.umkmKey, 'umkmKey'), ...period(i) }), i?.lang === 'en' ? 'en' : 'id') }),
  },
  'office.export': { write: false, run: (db, i) => exportReport(db, i) },
  'office.umkm.link': {
    write: true,
    run: async (db, i, user) => {
      const supplierId = i?.supplierId;
      if (!Number.isInteger(supplierId) || supplierId <= 0) throw new OfficeError('VALIDATION', 'supplierId: tidak sah');
      const umkmKey = i?.umkmKey === null ? null : str(i?.umkmKey, 'umkmKey');
      try {
        await linkSupplier(db, { outletCode: str(i?.outletCode, 'outletCode'), supplierId, umkmKey, actor: user.username });
      } catch (err: any) {
        if (err?.code === 'KS010' || err?.code === 'KS011') throw new OfficeError('NOT_FOUND', err.code === 'KS010' ? 'Pemasok outlet tidak ditemukan' : 'UMKM tidak ditemukan');
        throw err;
      }
      return { ok: true };
    },
  },
  'office.users.create': {
    write: true,
    run: async (db, i, user) => {
      try {
        return await createOfficeUser(db, {
          username: str(i?.username, 'username'),
          name: str(i?.name, 'name'),
          role: str(i?.role, 'role') as OfficeRole,
          password: str(i?.password, 'password'),
          actor: user.username,
        });
      } catch (err) {
        throw new OfficeError('VALIDATION', err instanceof Error ? err.message : String(err));
      }
    },
  },
};

const SESSION_MS = 12 * 3_600_000;

/**
 * No inline script (the code is /office.js), as strict as the shop's (the desktop app puts the
 * shop's policy on every response in office mode too). The consolidated statement opens in a
 * blank window the page writes into, hence no frame/navigation restrictions beyond these.
 */
export const OFFICE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export interface OfficeServer {
  url: string;
  close(): Promise<void>;
}

/** A PostgreSQL URL of a central database; anything else (a shop's SQLite file) is refused. */
export function checkOfficeUrl(url: string): void {
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error(`Mode kantor hanya membuka database pusat PostgreSQL (postgres://…), bukan database toko: "${url}"`);
  }
}

function readStyles(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [resolve(here, '../renderer/src/styles'), resolve(here, '../../src/renderer/src/styles'), resolve(process.cwd(), 'src/renderer/src/styles')]) {
    try {
      return ['base.css', 'components.css'].map((f) => readFileSync(resolve(dir, f), 'utf8')).join('\n');
    } catch {
      /* next */
    }
  }
  // The packaged desktop app has no sources: the built UI's stylesheet holds the same rules.
  for (const dir of [resolve(here, '../renderer/assets'), resolve(here, '../../renderer/assets')]) {
    try {
      const css = readdirSync(dir).filter((f) => /^index-[\w-]+\.css$/.test(f));
      if (css.length) return css.map((f) => readFileSync(resolve(dir, f), 'utf8')).join('\n');
    } catch {
      /* next */
    }
  }
  return '';
}

export async function startOfficeServer(options: { pgUrl: string; port?: number; host?: string }): Promise<OfficeServer> {
  checkOfficeUrl(options.pgUrl);
  const pool = new pg.Pool({ connectionString: options.pgUrl, max: 4 });
  try {
    const r = await pool.query("SELECT to_regclass('central.facts') IS NOT NULL AS ok, to_regclass('central.office_users') IS NOT NULL AS office");
    if (!r.rows[0].ok || !r.rows[0].office) throw new Error('Database ini bukan database pusat Kasir PLUT yang sudah dimigrasi (npm run central -- migrate).');
  } catch (err) {
    await pool.end();
    throw err;
  }
  const sessions = new Map<string, { user: OfficeUser; expires: number }>();
  const page = officePage(readStyles());

  const handle = async (name: string, body: any, token: string | undefined): Promise<unknown> => {
    if (name === 'auth.login') {
      const user = await verifyOfficeLogin(pool, String(body?.input?.username ?? ''), String(body?.input?.password ?? ''));
      if (!user) throw new OfficeError('UNAUTHENTICATED', 'Nama pengguna atau kata sandi salah');
      for (const [k, v] of sessions) if (v.expires < Date.now()) sessions.delete(k);
      const t = randomBytes(24).toString('base64url');
      sessions.set(t, { user, expires: Date.now() + SESSION_MS });
      return { token: t, user };
    }
    const proc = Object.hasOwn(OFFICE_PROCEDURES, name) ? OFFICE_PROCEDURES[name] : undefined;
    if (!proc) throw new OfficeError('NOT_FOUND', `Prosedur tidak dikenal: ${name}`);
    const session = token ? sessions.get(token) : undefined;
    if (!session || session.expires < Date.now()) throw new OfficeError('UNAUTHENTICATED', 'Silakan masuk dulu');
    session.expires = Date.now() + SESSION_MS;
    if (proc.write && session.user.role !== 'admin') throw new OfficeError('FORBIDDEN', 'Hanya admin kantor yang boleh mengubah data');
    return proc.run(pool, body?.input ?? {}, session.user);
  };

  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, text: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-security-policy': OFFICE_CSP });
      res.end(text);
    };
    const url = new URL(req.url ?? '/', 'http://office');
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) return send(200, 'text/html; charset=utf-8', page);
    if (req.method === 'GET' && url.pathname === '/office.js') return send(200, 'text/javascript; charset=utf-8', OFFICE_SCRIPT);
    const m = /^\/api\/([a-zA-Z.]+)$/.exec(url.pathname);
    if (req.method !== 'POST' || !m) return send(404, 'text/plain', 'Not found');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 1_000_000) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      let body: unknown;
      try {
        body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      } catch {
        return send(400, 'application/json', JSON.stringify({ error: { code: 'VALIDATION', message: 'JSON tidak sah' } }));
      }
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      handle(m[1]!, body, token).then(
        (result) => send(200, 'application/json', JSON.stringify({ ok: true, result: result ?? null })),
        (err: unknown) => {
          const e = err instanceof OfficeError ? err : new OfficeError('INTERNAL', err instanceof Error ? err.message : String(err));
          send(STATUS[e.code], 'application/json', JSON.stringify({ error: { code: e.code, message: e.message } }));
        },
      );
    });
  });
  await new Promise<void>((r) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', r));
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${addr.port}`,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections?.();
      await pool.end();
    },
  };
}
