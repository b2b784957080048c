/**
 * What this PC is (src/main/desktop/config.ts): the address a manager types, the central
 * database URL, and desktop.json as kept on disk (owner-only, atomic, an old shop database
 * meaning "main computer" without asking).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeHostUrl, normalizePgUrl, readDesktopConfig, writeDesktopConfig } from '../../src/main/desktop/config';
import { AppError } from '../../src/shared/errors';

const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kasir-desktop-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return { code: (err as AppError).code, message: (err as AppError).message, field: ((err as AppError).details as { field?: string }).field };
  }
  throw new Error('not refused');
};

describe('the host address a manager types', () => {
  it('becomes an http origin with host mode\'s port unless another is given', () => {
    expect(normalizeHostUrl('192.168.1.10')).toBe('http://192.168.1.10:8080/');
    expect(normalizeHostUrl(' 192.168.1.10:8090 ')).toBe('http://192.168.1.10:8090/');
    expect(normalizeHostUrl('http://kasir-utama:8080/')).toBe('http://kasir-utama:8080/');
    expect(normalizeHostUrl('http://192.168.1.10:80')).toBe('http://192.168.1.10/');
    expect(normalizeHostUrl('https://kasir.lan')).toBe('https://kasir.lan/');
    expect(normalizeHostUrl('[fe80::1]:8080')).toBe('http://[fe80::1]:8080/');
  });

  it('is refused in words when it is not an address of a host', () => {
    for (const bad of ['', '   ', 'ftp://192.168.1.10', 'http://admin:x@192.168.1.10', '192.168.1.10/api/health', 'http://h:8080/?q=1', 'http://exa mple']) {
      const r = refusal(() => normalizeHostUrl(bad));
      expect(r, bad).toMatchObject({ code: 'VALIDATION', field: 'hostUrl' });
      expect(r.message).toMatch(/komputer utama/);
    }
  });

  it('office mode takes a PostgreSQL URL only, never a shop database file', () => {
    expect(normalizePgUrl(' postgres://kantor@pusat/kasir_pusat ')).toBe('postgres://kantor@pusat/kasir_pusat');
    for (const bad of ['./kasir.db', 'C:\\kasir\\kasir.db', 'sqlite:///kasir.db', 'postgres://pusat', '']) {
      expect(refusal(() => normalizePgUrl(bad))).toMatchObject({ code: 'VALIDATION', field: 'pgUrl' });
    }
  });
});

describe('desktop.json', () => {
  it('is absent at the first start; a PC that already has a shop database is the main computer', () => {
    const d = dir();
    expect(readDesktopConfig(d, { shopDbPath: join(d, 'kasir.db') })).toBeNull();
    writeFileSync(join(d, 'kasir.db'), '');
    expect(readDesktopConfig(d, { shopDbPath: join(d, 'kasir.db') })).toEqual({ mode: 'host' });
  });

  it('keeps a till\'s address and credential, readable by its owner only', () => {
    const d = dir();
    writeDesktopConfig(d, { mode: 'till', hostUrl: 'http://192.168.1.10:8080/', credential: 'c'.repeat(43), printer: null });
    expect(readDesktopConfig(d)).toEqual({ mode: 'till', hostUrl: 'http://192.168.1.10:8080/', credential: 'c'.repeat(43), printer: null });
    if (process.platform !== 'win32') expect(statSync(join(d, 'desktop.json')).mode & 0o777).toBe(0o600);
    writeDesktopConfig(d, { mode: 'office', pgUrl: 'postgres://kantor@pusat/kasir_pusat' });
    expect(readDesktopConfig(d)).toEqual({ mode: 'office', pgUrl: 'postgres://kantor@pusat/kasir_pusat' });
    expect(JSON.parse(readFileSync(join(d, 'desktop.json'), 'utf8'))).toEqual({ mode: 'office', pgUrl: 'postgres://kantor@pusat/kasir_pusat' });
  });

  it('a damaged or unknown file asks again (it never guesses a mode)', () => {
    const d = dir();
    for (const text of ['{', '[]', '{"mode":"cloud"}', '{"mode":"till"}', '{"mode":"till","hostUrl":"x","credential":""}']) {
      writeFileSync(join(d, 'desktop.json'), text);
      expect(readDesktopConfig(d), text).toBeNull();
    }
  });
});
