/**
 * A supplier's phone and bank details through HTTP on a real SQLite file (audit: Telepon
 * "abc-telepon" and No. rekening "ABC-rek 12" without bank or holder were saved, and the shop pays
 * suppliers by transfer from these fields). The contract refuses a bad phone, a bad account and an
 * account without its bank or holder with VALIDATION naming the field in Indonesian, and nothing is
 * written; good numbers are taken, the account as digits only; details written before the rule
 * still load, and saving other fields of such a supplier still works.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

let t: TestApi;
let s: Seeded;

afterEach(async () => {
  await t?.close();
});

beforeEach(async () => {
  t = await startTestApi();
  s = await seedShop(t);
});

interface Refusal {
  code: string;
  message: string;
  details?: { field?: string; issues?: { field: string; message: string }[] };
}

const auditCount = () => (t.app.db.$client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
const row = (id: number) =>
  t.app.db.$client.prepare('SELECT phone, bank_name, bank_account, bank_holder FROM suppliers WHERE id = ?').get(id) as {
    phone: string | null;
    bank_name: string | null;
    bank_account: string | null;
    bank_holder: string | null;
  };

async function ok<T = any>(name: string, input: unknown): Promise<T> {
  const r = await t.api<T>(name, input, s.manager);
  if (r.status !== 200) throw new Error(`${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A call refused with VALIDATION that changed nothing at all. */
async function refused(name: string, input: unknown): Promise<Refusal> {
  const before = snapshot(t.app);
  const audits = auditCount();
  const r = await t.api(name, input, s.manager);
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expect(r.body.error?.code).toBe('VALIDATION');
  expect(snapshot(t.app)).toEqual(before);
  expect(auditCount()).toBe(audits);
  return r.body.error as Refusal;
}

/** The message of the issue about `field`, without the `field: ` prefix of the first one. */
const issue = (e: Refusal, field: string) => e.details?.issues?.find((i) => i.field === field)?.message;

describe('supplier phone and bank details on the server', () => {
  it('refuses the audit’s edit (phone "abc-telepon", account "ABC-rek 12" without bank or holder), naming each field in Indonesian', async () => {
    const e = await refused('suppliers.update', { id: s.supplierId, phone: 'abc-telepon', bankName: null, bankAccount: 'ABC-rek 12', bankHolder: null });
    expect(e.details?.field).toBe('phone');
    expect(e.message).toMatch(/^phone: Nomor telepon hanya boleh berisi angka, spasi, \+, - dan tanda kurung, 8–15 angka/);
    expect(issue(e, 'bankAccount')).toBe('Nomor rekening harus 5–20 angka (spasi dan tanda - boleh)');
    expect(row(s.supplierId)).toEqual({ phone: null, bank_name: 'BRI', bank_account: '123401000123501', bank_holder: 'La Ode Hasan' });
  });

  it('refuses a bad phone on create and on edit', async () => {
    for (const phone of ['abc-telepon', '0813', '0813 7828 7889 1234 5', '0813.7828.7889', '0813/7828789']) {
      const created = await refused('suppliers.create', { name: 'UD Baru', phone });
      expect(created.details?.field, phone).toBe('phone');
      expect(issue(created, 'phone'), phone).toMatch(/^Nomor telepon hanya boleh/);
      const edited = await refused('suppliers.update', { id: s.supplierId, phone });
      expect(edited.details?.field, phone).toBe('phone');
    }
  });

  it('refuses a bad account number on create and on edit', async () => {
    for (const bankAccount of ['ABC-rek 12', '1234', '123456789012345678901', '1234.5678', '12345678x']) {
      const created = await refused('suppliers.create', { name: 'UD Baru', bankName: 'BRI', bankAccount, bankHolder: 'Wa Ode' });
      expect(created.details?.field, bankAccount).toBe('bankAccount');
      expect(issue(created, 'bankAccount'), bankAccount).toBe('Nomor rekening harus 5–20 angka (spasi dan tanda - boleh)');
      const edited = await refused('suppliers.update', { id: s.supplierId, bankAccount });
      expect(edited.details?.field, bankAccount).toBe('bankAccount');
    }
  });

  it('refuses an account without its bank or holder, and a bank or holder without an account', async () => {
    const created = await refused('suppliers.create', { name: 'UD Baru', bankAccount: '1234567890' });
    expect(created.details?.field).toBe('bankName');
    expect(created.message).toBe('bankName: Nama bank wajib diisi bila ada nomor rekening');
    expect(issue(created, 'bankHolder')).toBe('Atas nama rekening wajib diisi bila ada nomor rekening');

    const noHolder = await refused('suppliers.create', { name: 'UD Baru', bankName: 'BRI', bankAccount: '1234567890' });
    expect(noHolder.details?.issues).toEqual([{ field: 'bankHolder', message: 'Atas nama rekening wajib diisi bila ada nomor rekening' }]);

    const noAccount = await refused('suppliers.create', { name: 'UD Baru', bankName: 'BRI', bankHolder: 'Wa Ode' });
    expect(noAccount.details?.field).toBe('bankAccount');
    expect(noAccount.message).toBe('bankAccount: Nomor rekening wajib diisi bila bank atau atas nama diisi');

    // An edit is checked on the details it leaves: emptying the bank and holder of an account…
    const emptied = await refused('suppliers.update', { id: s.supplierId, bankName: null, bankHolder: '' });
    expect(emptied.details?.field).toBe('bankName');
    expect(emptied.message).toBe('Nama bank wajib diisi bila ada nomor rekening');
    expect(emptied.details?.issues?.map((i) => i.field)).toEqual(['bankName', 'bankHolder']);
    // …or giving a supplier without bank details an account alone.
    const alone = await refused('suppliers.update', { id: s.supplier2Id, bankAccount: '1234567890' });
    expect(alone.details?.issues?.map((i) => i.field)).toEqual(['bankName', 'bankHolder']);
    expect(row(s.supplier2Id)).toEqual({ phone: null, bank_name: null, bank_account: null, bank_holder: null });
  });

  it('takes Indonesian phone numbers as typed, the account as digits only, and no bank details at all (paid in cash)', async () => {
    for (const phone of ['0813 7828 7889', '+62 813-7828-7889', '(0401) 3121234', '081378287889']) {
      const created = await ok('suppliers.create', { name: `UD ${phone}`, phone });
      expect(created.phone).toBe(phone);
    }
    const cash = await ok('suppliers.create', { name: 'UD Tunai' });
    expect(cash).toMatchObject({ bankName: null, bankAccount: null, bankHolder: null });

    const bank = await ok('suppliers.create', { name: 'UD Transfer', bankName: 'Bank Sultra', bankAccount: ' 1234-5678 90 ', bankHolder: 'Wa Ode' });
    expect(bank.bankAccount).toBe('1234567890');
    const edited = await ok('suppliers.update', { id: bank.id, bankAccount: '0099-8877-66' });
    expect(edited.bankAccount).toBe('0099887766');
    expect(row(bank.id).bank_account).toBe('0099887766');

    // All three cleared together: a supplier paid in cash.
    const cleared = await ok('suppliers.update', { id: s.supplierId, bankName: null, bankAccount: null, bankHolder: '' });
    expect(cleared).toMatchObject({ bankName: null, bankAccount: null, bankHolder: null });
  });

  it('still loads and edits a supplier whose details were written before the rule', async () => {
    t.app.db.$client
      .prepare("UPDATE suppliers SET phone = 'abc-telepon', bank_name = NULL, bank_account = 'ABC-rek 12', bank_holder = NULL WHERE id = ?")
      .run(s.supplierId);
    const listed = (await ok<any[]>('suppliers.list', {})).find((x) => x.id === s.supplierId);
    expect(listed).toMatchObject({ phone: 'abc-telepon', bankAccount: 'ABC-rek 12', bankName: null, bankHolder: null });
    expect((await ok('suppliers.get', { id: s.supplierId })).supplier).toMatchObject({ phone: 'abc-telepon', bankAccount: 'ABC-rek 12' });

    // Other fields save; the old values stay as they were.
    const renamed = await ok('suppliers.update', { id: s.supplierId, ownerName: 'La Ode Hasan', address: 'Raha' });
    expect(renamed).toMatchObject({ ownerName: 'La Ode Hasan', phone: 'abc-telepon', bankAccount: 'ABC-rek 12' });

    // Touching the bank details asks for all of them to be right.
    const e = await refused('suppliers.update', { id: s.supplierId, bankName: 'BRI' });
    expect(e.details?.issues).toEqual([
      { field: 'bankAccount', message: 'Nomor rekening harus 5–20 angka (spasi dan tanda - boleh)' },
      { field: 'bankHolder', message: 'Atas nama rekening wajib diisi bila ada nomor rekening' },
    ]);
    const fixed = await ok('suppliers.update', { id: s.supplierId, phone: '0813 7828 7889', bankName: 'BRI', bankAccount: '1234 0100 0123 501', bankHolder: 'La Ode Hasan' });
    expect(fixed).toMatchObject({ phone: '0813 7828 7889', bankName: 'BRI', bankAccount: '123401000123501', bankHolder: 'La Ode Hasan' });
  });
});
