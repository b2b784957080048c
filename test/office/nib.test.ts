/**
 * The supplier's NIB (issue 20): optional, exactly 13 digits, one supplier per
 * NIB in a shop; a bad or taken NIB is refused in words and changes nothing;
 * the supplier fact (version 2) carries it to the central database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { enableOutbox, newInstallationId } from '../../src/main/outbox/outbox';

describe('supplier NIB', () => {
  let t: TestApi;
  let s: Seeded;
  beforeEach(async () => {
    t = await startTestApi();
    s = await seedShop(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('is optional, 13 digits, saved on create and update, cleared with an empty value, and audit-logged', async () => {
    const created = await t.api<any>('suppliers.create', { name: 'Madu Hutan Konawe', nib: ' 9120301234567 ' }, s.manager);
    expect(created.status).toBe(200);
    expect(created.body.nib).toBe('9120301234567');
    const none = await t.api<any>('suppliers.create', { name: 'Tanpa NIB' }, s.manager);
    expect(none.body.nib).toBeNull();
    const set = await t.api<any>('suppliers.update', { id: none.body.id, nib: '8120001112223' }, s.manager);
    expect(set.body.nib).toBe('8120001112223');
    const audit = t.app.db.$client.prepare("SELECT details FROM audit_log WHERE action = 'suppliers.update' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audit).changes).toEqual({ nib: { old: null, new: '8120001112223' } });
    const cleared = await t.api<any>('suppliers.update', { id: none.body.id, nib: '' }, s.manager);
    expect(cleared.body.nib).toBeNull();
  });

  it('refuses a NIB that is not 13 digits, or that another supplier has, in words, changing nothing', async () => {
    await t.api('suppliers.update', { id: s.supplierId, nib: '9120301234567' }, s.manager);
    const before = snapshot(t.app);
    for (const nib of ['912030123456', '91203012345678', '91203O1234567', '9120-301234567', 'NIB9120301234']) {
      const r1 = await t.api<any>('suppliers.create', { name: 'Salah', nib }, s.manager);
      expect(r1.status, nib).toBe(400);
      expect(r1.body.error.code).toBe('VALIDATION');
      expect(r1.body.error.details.field).toBe('nib');
      expect(r1.body.error.message).toContain('NIB harus 13 angka');
      const r2 = await t.api<any>('suppliers.update', { id: s.supplier2Id, nib }, s.manager);
      expect(r2.status, nib).toBe(400);
      expect(r2.body.error.message).toBe('nib: NIB harus 13 angka');
    }
    const taken = await t.api<any>('suppliers.update', { id: s.supplier2Id, nib: '9120301234567' }, s.manager);
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'CONFLICT', details: { field: 'nib' } });
    expect(taken.body.error.message).toMatch(/NIB 9120301234567 sudah dipakai pemasok S\d+ — UD Mete Muna/);
    const takenNew = await t.api<any>('suppliers.create', { name: 'Kembar', nib: '9120301234567' }, s.manager);
    expect(takenNew.status).toBe(409);
    expect(snapshot(t.app)).toEqual(before);
    // The same supplier keeping its own NIB is no conflict.
    expect((await t.api<any>('suppliers.update', { id: s.supplierId, nib: '9120301234567', phone: '0811 4000 1111' }, s.manager)).status).toBe(200);
  });

  it('travels in the supplier fact, version 2, live and in the history', async () => {
    await t.api('suppliers.update', { id: s.supplierId, nib: '9120301234567' }, s.manager);
    enableOutbox(t.app.db, { outletCode: 'KDI', installationId: newInstallationId(), now: Date.now() });
    // A supplier created while forwarding is on: its fact is written live, in the same transaction.
    await t.api('suppliers.create', { name: 'Madu Hutan Konawe', nib: '8120001112223' }, s.manager);
    const live = t.app.db.$client.prepare("SELECT schema_version, payload FROM outbox WHERE kind = 'supplier' ORDER BY seq").all() as { schema_version: number; payload: string }[];
    expect(live.map((f) => [f.schema_version, JSON.parse(f.payload).nib])).toEqual([[2, '8120001112223']]);
    // The history (backfill) describes the first supplier with its NIB, in the same version.
    const { backfillStep } = await import('../../src/main/outbox/outbox');
    for (let i = 0; i < 1000 && !backfillStep(t.app.db, Date.now()).done; i++);
    const all = (t.app.db.$client.prepare("SELECT schema_version, payload FROM outbox WHERE kind = 'supplier'").all() as { schema_version: number; payload: string }[]).map((f) => ({
      v: f.schema_version,
      ...JSON.parse(f.payload),
    }));
    expect(all.find((f) => f.supplierId === s.supplierId)).toMatchObject({ v: 2, nib: '9120301234567' });
    expect(all.every((f) => f.v === 2)).toBe(true);
  });
});
