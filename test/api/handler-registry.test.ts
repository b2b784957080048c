import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, coreContract } from '../../src/shared/contract';
import { backofficeContract } from '../../src/shared/contract-backoffice';
import { dataContract } from '../../src/shared/contract-data';
import { outletsContract } from '../../src/shared/contract-outlets';
import { reportsContract } from '../../src/shared/contract-reports';
import { settlementContract } from '../../src/shared/contract-settlement';
import { systemContract } from '../../src/shared/contract-system';
import { tillContract } from '../../src/shared/contract-till';
import { tillsContract } from '../../src/shared/contract-tills';
import { afterCommit, audited, duplicateNames, mergeAreas, type Call } from '../../src/main/api/kit';
import { AREAS, procedures } from '../../src/main/api/procedures';
import { openApp } from '../../src/main/app';
import { auditLog } from '../../src/db/schema';
import { setRaw } from '../../src/main/core/settings';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

describe('the handler registry', () => {
  it('refuses a procedure name defined in two areas, where a spread lets the later one win unseen', () => {
    const first = { 'sales.get': { role: 'cashier', handler: () => 'first' } };
    const second = { 'sales.get': { role: 'admin', handler: () => 'second' }, 'sales.other': { role: 'cashier', handler: () => 'x' } };
    // What the registry did before: no error, and the first area's handler is gone.
    expect({ ...first, ...second }['sales.get'].handler()).toBe('second');
    expect(() => mergeAreas({ till: first, backoffice: second })).toThrow(/sales\.get \(till, backoffice\)/);
    expect(mergeAreas({ till: first, backoffice: { 'sales.other': second['sales.other'] } })).toEqual({
      'sales.get': first['sales.get'],
      'sales.other': second['sales.other'],
    });
  });

  it('has every procedure of the contract in exactly one area, and no area handles a name twice', () => {
    expect(duplicateNames(AREAS)).toEqual([]);
    const handled = Object.values(AREAS).flatMap((area) => Object.keys(area));
    expect(handled.length).toBe(new Set(handled).size);
    expect(handled.sort()).toEqual(Object.keys(contract).sort());
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(contract).sort());
  });

  it('has no procedure name in two areas of the contract either', () => {
    const areas = { coreContract, backofficeContract, settlementContract, systemContract, tillContract, reportsContract, dataContract, outletsContract, tillsContract };
    expect(duplicateNames(areas)).toEqual([]);
    const total = Object.values(areas).reduce((n, c) => n + Object.keys(c).length, 0);
    expect(Object.keys(contract).length).toBe(total);
  });
});

describe('handler wrappers', () => {
  let t: TestApi;
  let s: Seeded;
  beforeEach(async () => {
    t = await startTestApi();
    s = await seedShop(t);
  });
  afterEach(async () => t.close());

  const auditRows = (action: string) => t.app.db.select().from(auditLog).all().filter((r) => r.action === action);
  /** A failure of the audit insert, standing in for a crash between the change and its audit line. */
  const failAuditOf = (action: string) =>
    t.app.db.$client.exec(
      `CREATE TRIGGER test_audit_fails BEFORE INSERT ON audit_log WHEN NEW.action = '${action}' BEGIN SELECT RAISE(ABORT, 'audit refused'); END`,
    );

  it('backup.configure: the setting and its audit line commit together', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'kasir-usb-')), 'cadangan');
    failAuditOf('backup.configure');
    const refused = await t.api('backup.configure', { folder, keep: 5 }, s.admin);
    expect(refused.body.error.code).toBe('CONFLICT');
    // Before: the folder was saved in its own transaction and stayed without an audit line.
    expect((await t.api('backup.status', {}, s.manager)).body.folder).toBeNull();
    expect(auditRows('backup.configure')).toHaveLength(0);

    t.app.db.$client.exec('DROP TRIGGER test_audit_fails');
    expect((await t.api('backup.configure', { folder, keep: 5 }, s.admin)).status).toBe(200);
    expect((await t.api('backup.status', {}, s.manager)).body).toMatchObject({ folder, keep: 5 });
    const [line] = auditRows('backup.configure');
    expect(JSON.parse(line!.details!)).toEqual({ folder, keep: 5 });
  });

  it('printers.set: a refused audit line leaves the printer as it was', async () => {
    const before = (await t.api('printers.get', {}, s.admin)).body;
    failAuditOf('printers.set');
    const res = await t.api('printers.set', { transport: { type: 'file', name: 'struk.bin' }, columns: 42 }, s.admin);
    expect(res.body.error.code).toBe('CONFLICT');
    expect((await t.api('printers.get', {}, s.admin)).body).toEqual(before);
  });

  it('audited: the audit line is in the change’s transaction; a failing change leaves no line', () => {
    const call = { ctx: t.app.ctx, actor: { userId: 1 } } as unknown as Call;
    const inTx: boolean[] = [];
    const ok = audited('test.ok', (c: Call, n: number) => (inTx.push(c.ctx.db.$client.inTransaction), n * 2), (r, n) => ({ details: { r, n } }));
    expect(ok(call, 21)).toBe(42);
    expect(inTx).toEqual([true]);
    expect(JSON.parse(auditRows('test.ok')[0]!.details!)).toEqual({ r: 42, n: 21 });
    const bad = audited('test.bad', () => {
      throw new Error('change refused');
    });
    expect(() => bad(call, undefined)).toThrow('change refused');
    expect(auditRows('test.bad')).toHaveLength(0);
  });

  it('afterCommit: runs after the commit and refuses to run inside a transaction', () => {
    const call = { ctx: t.app.ctx, actor: { userId: 1 } } as unknown as Call;
    const seen: boolean[] = [];
    const h = afterCommit(audited('test.after', () => 7), (c, r: number) => (seen.push(c.ctx.db.$client.inTransaction), r + 1));
    expect(h(call, undefined)).toBe(8);
    expect(seen).toEqual([false]);
    expect(auditRows('test.after')).toHaveLength(1);
    expect(() => t.app.ctx.db.transaction(() => h(call, undefined))).toThrow(/inside a transaction/);
    expect(seen).toEqual([false]);
  });

  it('a reprint is audited once per reprint and prints after the audit committed', async () => {
    const sale = await t.api(
      'sales.checkout',
      { clientRequestId: 'registry-sale-1', lines: [{ productId: s.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] },
      s.cashier,
    );
    const job = await t.api('sales.reprint', { id: sale.body.id }, s.cashier);
    expect(job.body).toMatchObject({ kind: 'receipt', refId: sale.body.id, copy: true });
    expect(auditRows('sales.reprint').map((r) => r.entityId)).toEqual([sale.body.id]);
    failAuditOf('sales.reprint');
    expect((await t.api('sales.reprint', { id: sale.body.id }, s.cashier)).body.error.code).toBe('CONFLICT');
    // No audit line, so no copy printed either.
    const copies = (await t.api('printing.jobs', {}, s.cashier)).body.filter((j: { copy: boolean }) => j.copy);
    expect(copies).toHaveLength(1);
  });
});

describe('background services', () => {
  it('are started by the app object and stopped when it closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasir-services-'));
    const app = openApp(join(dir, 'kasir.db'));
    expect(app.running()).toEqual([]);
    const folder = join(dir, 'cadangan');
    setRaw(app.db, 'backupFolder', folder);
    app.start({ printRetryMs: 60_000 });
    expect(app.running()).toEqual(['daily-backup', 'print-retry', 'forwarder', 'checkpoints']);
    // The daily backup checks at start: none today, so it makes one.
    for (let i = 0; i < 200 && !(existsSync(folder) && readdirSync(folder).some((f) => f.endsWith('.db'))); i++) await new Promise((r) => setTimeout(r, 25));
    expect(readdirSync(folder).filter((f) => f.endsWith('.db'))).toHaveLength(1);
    app.start();
    expect(app.running()).toEqual(['daily-backup', 'print-retry', 'forwarder', 'checkpoints']);
    await app.shutdown();
    expect(app.running()).toEqual([]);
    expect(app.db.$client.open).toBe(false);
  });

  it('close stops them at once', () => {
    const app = openApp(join(mkdtempSync(join(tmpdir(), 'kasir-services-')), 'kasir.db'));
    app.start();
    app.close();
    expect(app.running()).toEqual([]);
    expect(app.db.$client.open).toBe(false);
  });
});
