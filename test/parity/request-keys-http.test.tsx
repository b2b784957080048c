/**
 * A screen's request key over real HTTP (issue 17): the settlement void dialog sends the void, the
 * host does it but the answer is lost on the way back; the admin clicks again and the same key
 * makes the host answer the first void again: voided once, nothing else changed, and the dialog
 * shows the result.
 */
import { afterAll, beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError, call } from '../../src/renderer/src/api';
import { I18nProvider } from '../../src/renderer/src/i18n';
import { VoidDialog } from '../../src/renderer/src/features/settlements/settlement-dialogs';
import type { SettlementView } from '../../src/shared/types-settlement';
import { seedShop, snapshot, startTestApi, type Seeded, type TestApi } from '../support/api-harness';

vi.mock('../../src/renderer/src/api', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/renderer/src/api')>();
  return { ...actual, call: vi.fn() };
});

let t: TestApi;
let seed: Seeded;
let settlement: SettlementView;

beforeAll(async () => {
  t = await startTestApi();
  seed = await seedShop(t);
  const sold = await t.api('sales.checkout', { clientRequestId: 'parity-sale-0001', lines: [{ productId: seed.meteId, qty: 1 }], payments: [{ method: 'cash', amount: 50_000 }] }, seed.cashier);
  expect(sold.status).toBe(200);
  const s = await t.api('settlements.create', { supplierId: seed.supplierId, cutoff: '2026-11-29', method: 'cash' }, seed.manager);
  expect(s.status).toBe(200);
  settlement = s.body;
}, 120_000);

afterAll(async () => {
  cleanup();
  await t?.close();
});

describe('settlement void over HTTP', () => {
  it('a retry after a lost answer gets the first void back; the settlement is voided once', async () => {
    const sent: { key: string; status: number; body: unknown }[] = [];
    (call as unknown as Mock).mockImplementation(async (name: string, input: { idempotencyKey: string }) => {
      const r = await t.api(name, input, seed.admin);
      sent.push({ key: input.idempotencyKey, status: r.status, body: r.body });
      // The first answer never reaches the screen (the network dropped on the way back).
      if (sent.length === 1) throw new ApiError('INTERNAL', 'Tidak dapat terhubung ke server kasir.');
      if (r.status !== 200) throw new ApiError(r.body.error.code, r.body.error.message, r.body.error.details);
      return r.body;
    });
    const onVoided = vi.fn();
    render(
      <I18nProvider initial="id">
        <VoidDialog settlement={settlement} onCancel={() => undefined} onVoided={onVoided} />
      </I18nProvider>,
    );
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'Salah hitung' } });
    fireEvent.click(screen.getByTestId('void-confirm'));
    await waitFor(() => expect(sent).toHaveLength(1), { timeout: 30_000 });
    // The button is usable again once the lost answer was reported.
    await waitFor(() => expect((screen.getByTestId('void-confirm') as HTMLButtonElement).disabled).toBe(false));
    expect(sent[0]!.status).toBe(200);
    expect(onVoided).not.toHaveBeenCalled();
    const afterFirst = snapshot(t.app);

    fireEvent.click(screen.getByTestId('void-confirm'));
    await waitFor(() => expect(onVoided).toHaveBeenCalled(), { timeout: 30_000 });
    expect(sent).toHaveLength(2);
    expect(sent[1]!.key).toBe(sent[0]!.key);
    expect(sent[1]!.status).toBe(200);
    expect(sent[1]!.body).toEqual(sent[0]!.body);
    expect(onVoided).toHaveBeenCalledTimes(1);
    expect(onVoided.mock.calls[0]![0]).toMatchObject({ id: settlement.id, status: 'voided', voidReason: 'Salah hitung' });
    // The replay changed nothing: one void, one set of reversing entries.
    expect(snapshot(t.app)).toEqual(afterFirst);
    const rows = t.app.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'settlements.void'").get() as { n: number };
    expect(rows.n).toBe(1);
  });
});
