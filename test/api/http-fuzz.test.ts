/**
 * Raw bytes from the shop's network: generated and mutated request lines,
 * targets, percent-encodings, headers and bodies, written over TCP to a real
 * browser-mode server (a child process). No request may end or hang the
 * process, none may get a 500, and none may change the database. Most of
 * the generated requests must get past Node's HTTP parser and reach the
 * project's own handler (its responses carry `X-Frame-Options: DENY`;
 * Node's parser errors do not), so the fuzzing exercises our code and not
 * only Node's. Seeded: `KASIR_FUZZ_SEED=<n>` repeats a run.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../src/shared/contract';
import { apiClient, startServer, type RunningServer } from '../support/server';
import { dbContentHash } from '../support/db-hash';
import { rawRequest, type RawResponse } from '../support/raw-http';

const SEED = Number(process.env.KASIR_FUZZ_SEED ?? 20261207);
const BATCHES = 4;
const PER_BATCH = 150;
const PARALLEL = 12;

let server: RunningServer;
let hash: string;

beforeAll(async () => {
  server = await startServer();
  const api = apiClient(server.url);
  const ok = async (name: string, input: unknown, token?: string) => {
    const r = await api(name, input, token);
    if (r.status !== 200) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  // A shop with data worth protecting: users, a supplier, a product with stock.
  await ok('setup.init', { shopName: 'PLUT Sultra', admin: { name: 'Admin', username: 'admin', pin: '123456' } });
  const admin = (await ok('auth.login', { username: 'admin', pin: '123456' })).token;
  await ok('users.create', { name: 'Kasir', username: 'kasir', role: 'cashier', pin: '1111' }, admin);
  const supplier = await ok('suppliers.create', { name: 'UD Mete Muna' }, admin);
  const product = await ok('products.create', { name: 'Kacang Mete', supplierId: supplier.id, sellPrice: 50_000, terms: { type: 'fixed', supplierPrice: 40_000 }, barcode: '8991234500011' }, admin);
  await ok('intakes.create', { supplierId: supplier.id, lines: [{ productId: product.id, qty: 10 }] }, admin);
  hash = dbContentHash(server.dbPath);
});

afterAll(async () => {
  await server?.stop();
});

const reachedHandler = (r: RawResponse) => r.headers['x-frame-options'] === 'DENY';

/** The server is alive, answers, and the database is exactly as it was. */
async function expectServerWhole(context: string): Promise<void> {
  expect(server.process.exitCode, `${context}: the server process exited\n${server.output()}`).toBeNull();
  expect(server.process.signalCode, `${context}: the server process was killed`).toBeNull();
  const health = await rawRequest(server.port, `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`, { timeoutMs: 15_000 });
  expect(health.status, `${context}: /api/health\n${server.output().slice(-2000)}`).toBe(200);
  expect(JSON.parse(health.body)).toEqual({ ok: true });
  expect(dbContentHash(server.dbPath), `${context}: the database changed`).toBe(hash);
}

async function sendAll(requests: { bytes: Buffer; head: boolean }[]): Promise<RawResponse[]> {
  const out: RawResponse[] = new Array(requests.length);
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const i = next++;
      out[i] = await rawRequest(server.port, requests[i]!.bytes, { head: requests[i]!.head, timeoutMs: 4_000 });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  return out;
}

// --- generators ---

const METHODS = ['GET', 'GET', 'GET', 'POST', 'POST', 'POST', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'PROPFIND', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'SEARCH', 'PURGE', 'REPORT', 'NOTIFY', 'SUBSCRIBE', 'LINK', 'SOURCE', 'QUERY'];

const PREFIXES = [
  '/', '//', '///', '/api', '/api/', '/api//', '/api/health', '/api/health/', '/api/auth.login', '/api/setup.init', '/api/setup.status',
  '/api/sales.checkout', '/api/reports.export', '/api/lan.configure', '/api/backup.restore', '/api/__proto__', '/api/constructor',
  '/api/toString', '/api/hasOwnProperty', '/assets/', '/index.html', '/favicon.ico', '/.', '/..', '/./', '/../', '/%2e%2e/', '/static/',
];

const SEGMENT_PARTS = [
  '..', '.', '%2e%2e', '%2E%2e', '%2f', '%2F', '%5c', '%5C', '%00', '%', '%%', '%g', '%zz', '%1', '%c0%ae', '%c0%af', '%ff', '%fe%ff',
  '%e2%82', '%ed%a0%80', '%f4%90%80%80', '%e2%82%ac', '%20', '+', ';', ',', '@', ':', '=', '&', '$', '!', '~', "'", '(', ')', '*',
  'index.html', 'assets', 'etc', 'passwd', 'kasir.db', 'C:', '..;', '.%00', 'api', 'health', 'a', 'Z', '0', '-', '_',
  '{', '}', '|', '^', '`', '"', '<', '>', '[', ']',
];

const word = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/);
const segment = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SEGMENT_PARTS) }, { weight: 2, arbitrary: word }, {
  weight: 1,
  arbitrary: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }).map((bytes) => bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
});
const pathTail = fc.array(fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('')), { maxLength: 5 }).map((segs) => segs.join('/'));
const query = fc.option(fc.tuple(fc.constantFrom('?', '??', '?a=', '?%', '?x=%zz&y=', '#', '?#'), fc.array(segment, { maxLength: 3 })).map(([q, s]) => q + s.join('&')), { nil: '' });

const OTHER_FORMS = ['*', 'http://[', 'http://[::1', 'https://', 'http://127.0.0.1/', 'http://localhost/api/health', 'http://evil.example/', 'localhost:80', '127.0.0.1:8080', 'x', '%', '%2f', '?', '#', 'api/health', '.', '..', '\\', '/\\..\\..\\'];

const procedure = fc.constantFrom(...Object.keys(contract));
const target = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...PREFIXES), fc.oneof(fc.constant(''), pathTail), query).map(([p, t, q]) => p + t + q) },
  { weight: 5, arbitrary: fc.tuple(procedure, query).map(([name, q]) => `/api/${name}${q}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...OTHER_FORMS), pathTail).map(([f, t]) => f + t) },
);

function hosts(port: number) {
  return fc.oneof(
    { weight: 14, arbitrary: fc.constantFrom(`127.0.0.1:${port}`, `localhost:${port}`, '127.0.0.1', `[::1]:${port}`, `LOCALHOST:${port}`, 'localhost.') },
    { weight: 2, arbitrary: fc.constantFrom('evil.example', `evil.example:${port}`, '127.0.0.1.evil.example', `127.0.0.1:${port}@evil`, '[::1', '[zz]', '127.0.0.1:99999', '', ' ', 'localhost:-1', '0x7f.1', '2130706433') },
    { weight: 1, arbitrary: fc.stringMatching(/^[ -~]{0,40}$/) },
  );
}

const headerName = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/);
const headerValue = fc.stringMatching(/^[ -~]{0,60}$/).map((v) => v.trim());
const extraHeaders = fc.array(
  fc.oneof(
    fc.tuple(headerName, headerValue),
    fc.tuple(fc.constantFrom('Origin', 'Referer', 'Authorization', 'Content-Type', 'Cookie', 'X-Forwarded-For', 'X-Forwarded-Host', 'Accept', 'Accept-Encoding', 'Range', 'If-None-Match', 'Upgrade'), fc.oneof(
      headerValue,
      fc.constantFrom('null', 'http://evil.example', 'Bearer x', 'Bearer ' + 'a'.repeat(300), 'application/json', 'text/plain', 'bytes=0-1', 'bytes=-1,0-', 'websocket', '100-continue', '*/*', 'gzip, br', '"x"'),
    )),
    // Node itself answers any other expectation with 417; 100-continue reaches the handler.
    fc.constant(['Expect', '100-continue'] as [string, string]),
  ),
  { maxLength: 5 },
);

const body = fc.oneof(
  { weight: 3, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom('{"username":"kasir","pin":"1111","tillCode":"k1","x":1}', '{"__proto__":{"role":"admin"}}', '{"a":', '[]', 'null', '"x"', '1e999', '{"names":["evil.example"]}') },
  { weight: 1, arbitrary: fc.stringMatching(/^[\s\S]{0,80}$/) },
  { weight: 1, arbitrary: fc.constant('') },
);

interface GeneratedRequest {
  method: string;
  target: string;
  host: string | null;
  headers: [string, string][];
  body: string | null;
  chunked: boolean;
  mutations: readonly { at: number; byte: number }[];
}

function generatedRequest(port: number): fc.Arbitrary<GeneratedRequest> {
  return fc.record({
    method: fc.constantFrom(...METHODS),
    target,
    host: fc.option(hosts(port), { nil: null, freq: 20 }),
    headers: extraHeaders,
    body: fc.option(body, { nil: null, freq: 3 }),
    chunked: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    mutations: fc.oneof(
      { weight: 4, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.array(fc.record({ at: fc.nat(), byte: fc.constantFrom(0x00, 0x09, 0x20, 0x25, 0x3a, 0x2f, 0x3f, 0x23, 0x5c, 0x7f, 0x80, 0xff, 0x41) }), { minLength: 1, maxLength: 2 }) },
    ),
  });
}

/** Serialize; mutations replace bytes of the request line and headers (never the framing of the body). */
function serialize(r: GeneratedRequest): Buffer {
  const lines = [`${r.method} ${r.target} HTTP/1.1`];
  if (r.host !== null) lines.push(`Host: ${r.host}`);
  for (const [k, v] of r.headers) {
    if (/^(content-length|transfer-encoding|connection|host)$/i.test(k)) continue;
    lines.push(`${k}: ${v}`);
  }
  lines.push('Connection: close');
  let payload = Buffer.alloc(0);
  if (r.body !== null) {
    const bytes = Buffer.from(r.body, 'utf8');
    if (r.chunked) {
      lines.push('Transfer-Encoding: chunked');
      payload = bytes.length ? Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n0\r\n\r\n')]) : Buffer.from('0\r\n\r\n');
    } else {
      lines.push(`Content-Length: ${bytes.length}`);
      payload = bytes;
    }
  }
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8');
  // Keep the final CRLF CRLF: a mutation there would turn the request into one the server waits on forever.
  const mutable = head.length - 4;
  for (const m of r.mutations) head[m.at % mutable] = m.byte;
  return Buffer.concat([head, payload]);
}

describe('raw requests from the LAN (fuzz)', () => {
  it('answers generated and mutated requests without dying, 500s or changes, mostly from its own handler', async () => {
    const arb = generatedRequest(server.port);
    let reached = 0;
    let total = 0;
    const statuses = new Map<string, number>();
    for (let batch = 0; batch < BATCHES; batch++) {
      const generated = fc.sample(arb, { seed: SEED + batch, numRuns: PER_BATCH });
      const responses = await sendAll(generated.map((g) => ({ bytes: serialize(g), head: g.method === 'HEAD' })));
      responses.forEach((r, i) => {
        total++;
        const key = r.status === null ? (r.timedOut ? 'timeout' : 'closed') : String(r.status);
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        const shown = JSON.stringify(serialize(generated[i]!).toString('latin1').slice(0, 300));
        expect(r.status, `seed ${SEED + batch} #${i} answered 500: ${shown}\n${r.body}`).not.toBe(500);
        if (reachedHandler(r)) reached++;
        else if (process.env.KASIR_FUZZ_VERBOSE) console.log('not reached', key, shown);
      });
      await expectServerWhole(`after batch ${batch + 1} (seed ${SEED + batch})`);
    }
    console.log(`fuzz: ${reached}/${total} requests reached the handler; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(reached / total, `only ${reached} of ${total} requests got past Node's parser`).toBeGreaterThan(0.6);
    expect(server.output()).not.toContain('http request failed');
  });

  it('answers the known-bad request lines with 4xx (or a closed connection), and keeps serving', async () => {
    const port = server.port;
    const host = `Host: 127.0.0.1:${port}\r\n`;
    const get = (t: string, extra = host) => `GET ${t} HTTP/1.1\r\n${extra}Connection: close\r\n\r\n`;
    /** [request bytes, expected status; null = Node's parser refuses or closes] */
    const cases: [string, number | null][] = [
      [get('//'), 200], // origin form, path "//": the app shell
      [get('///api/health'), 200],
      [get('http://['), 400],
      [get('http://[::1'), 400],
      [get('http://127.0.0.1/api/health'), 400], // absolute form: we are not a proxy
      [get('https://evil.example/'), 400],
      [get('%'), null], // Node's parser refuses targets that are neither a path, `*` nor a URL
      [get('%2f'), null],
      [get('x'), null],
      [get('/caf\u00e9'), null], // raw UTF-8 in the target
      [`OPTIONS * HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, 400],
      [get('*'), 400],
      [get('/%'), 400],
      [get('/%zz'), 400],
      [get('/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd'), 400], // overlong UTF-8
      [get('/%ed%a0%80'), 400], // a lone surrogate
      [get('/a%00b'), 400],
      [get('/%0d%0aSet-Cookie:x=1'), 400],
      [get('/..%2f..%2f..%2fetc%2fpasswd'), 404],
      [get('/%2e%2e/%2e%2e/etc/passwd'), 404],
      [get('/..%5c..%5ckasir.db'), 404],
      [get('/assets/..%2f..%2f..%2fpackage.json'), 404],
      [get('/nope.js'), 404],
      [get('/api/%'), 404],
      [get('/api/%zz'), 404],
      [get('/api/__proto__'), 404],
      [get('/api'), 404],
      [get('/api/health?%'), 200],
      [get('/?%'), 200],
      [`POST /api/constructor HTTP/1.1\r\n${host}Content-Length: 2\r\nConnection: close\r\n\r\n{}`, 404],
      [`POST /api/toString HTTP/1.1\r\n${host}Content-Length: 2\r\nConnection: close\r\n\r\n{}`, 404],
      [`POST /api/auth.login HTTP/1.1\r\n${host}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\n{"a\r\n0\r\n\r\n`, 400],
      [`POST /api/setup.status HTTP/1.1\r\n${host}Content-Length: 5\r\nConnection: close\r\n\r\n1e999`, 400],
      [`DELETE / HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, 405],
      [`GET / HTTP/1.0\r\n\r\n`, 403], // no Host at all
      [get('/', 'Host: evil.example\r\n'), 403],
      [get('/api/health', `Host: evil.example:${port}\r\n`), 403],
      [get('/', 'Host: 127.0.0.1:99999\r\n'), 403],
      [get('/', `Host: 127.0.0.1:${port}@evil.example\r\n`), 403],
      [`CONNECT 127.0.0.1:${port} HTTP/1.1\r\n${host}\r\n`, null],
      [`GET / HTTP/1.1\r\n${host}Content-Length: 1\r\nContent-Length: 2\r\n\r\nab`, null],
      [`GET / HTTP/1.1\r\n${host}Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n`, null],
      [`GET /\x00 HTTP/1.1\r\n${host}\r\n`, null],
      [`GET / HTTP/9.9\r\n${host}\r\n`, null],
      [`G\x7fT / HTTP/1.1\r\n${host}\r\n`, null],
      [`GET / HTTP/1.1\r\n${host}X: a\x00b\r\n\r\n`, null],
      [`GET / HTTP/1.1\r\n${host}${'X-Long: ' + 'a'.repeat(20_000)}\r\n\r\n`, null],
    ];
    for (const [bytes, expected] of cases) {
      const r = await rawRequest(port, bytes, { timeoutMs: 15_000 });
      const label = JSON.stringify(bytes.slice(0, 120));
      expect(r.timedOut, `${label} hung`).toBe(false);
      if (expected === null) expect(r.status === null || (r.status >= 400 && r.status < 500 && !reachedHandler(r)), `${label}: ${r.status}`).toBe(true);
      else {
        expect(r.status, `${label}: ${r.body}`).toBe(expected);
        expect(reachedHandler(r), `${label}: not our handler's answer`).toBe(true);
      }
    }
    await expectServerWhole('after the known-bad list');
    expect(server.output()).not.toContain('http request failed');
  });

  it('survives clients that send half a request and vanish', async () => {
    const { connect } = await import('node:net');
    const port = server.port;
    const partials = [
      'GET /',
      `POST /api/auth.login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 100\r\n\r\n{"user`,
      `POST /api/sales.checkout HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nTransfer-Encoding: chunked\r\n\r\nff\r\n{`,
      `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`,
    ];
    await Promise.all(
      partials.map(
        (bytes) =>
          new Promise<void>((done) => {
            const s = connect(port, '127.0.0.1', () => {
              s.write(bytes);
              setImmediate(() => {
                s.resetAndDestroy();
                done();
              });
            });
            s.on('error', () => done());
          }),
      ),
    );
    await expectServerWhole('after abandoned requests');
  });
});

describe('a bug while handling one request', () => {
  it('answers that request 500 INTERNAL, logs it, and serves the next one', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openApp } = await import('../../src/main/app');
    const { createHttpServer } = await import('../../src/main/api/http');
    const dir = mkdtempSync(join(tmpdir(), 'kasir-bug-'));
    const app = openApp(join(dir, 'kasir.db'));
    let broken = false;
    // A fault outside any procedure's own error handling: the settings read of the Host check throws.
    const env = {
      get ctx() {
        if (broken) throw new Error('simulated fault reading the database');
        return app.ctx;
      },
      print: app.print,
      documents: app.documents,
      reports: app.reports,
      central: app.central,
    };
    const http = createHttpServer(env);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const port = (http.address() as import('node:net').AddressInfo).port;
    const logged: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      broken = true;
      const r = await rawRequest(port, `GET /api/health HTTP/1.1\r\nHost: kasir.lan:${port}\r\nConnection: close\r\n\r\n`);
      expect(r.status).toBe(500);
      expect(JSON.parse(r.body)).toEqual({ error: { code: 'INTERNAL', message: 'Terjadi kesalahan internal.' } });
      expect(r.body).not.toContain('simulated');
      expect(logged.some((args) => String(args[0]).startsWith('http request failed: GET "/api/health"') && String(args[1]).includes('simulated fault'))).toBe(true);
      broken = false;
      const next = await rawRequest(port, `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      expect(next.status).toBe(200);
    } finally {
      console.error = original;
      await new Promise<void>((r) => http.close(() => r()));
      app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
