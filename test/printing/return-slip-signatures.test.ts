/**
 * The return slip (bukti retur barang titipan) is signed like the
 * settlement slip: the same block for both sides (a line to sign on, the
 * name under it), the supplier's name (its owner's, when known) under the
 * supplier's line and the shop person's under the shop's; never wider than
 * the paper. Decoded from the ESC/POS bytes at 32 columns.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderReturnSlip, type ReturnSlipData } from '../../src/main/printing/documents/return-slip';
import { renderSettlementSlip } from '../../src/main/printing/documents/settlement-slip';
import { decodeEscPos } from '../support/escpos-decode';
import { seedShop, startTestApi, type Seeded, type TestApi } from '../support/api-harness';
import { sampleSettlement } from './settlement-fixtures';

const AT = Date.UTC(2026, 10, 29, 2, 15, 0);

function returned(supplier: ReturnSlipData['supplier'], createdByName = 'Wa Ode Nurhayati'): ReturnSlipData {
  return {
    shop: { name: 'PLUT Sultra', address: 'Jl. Abdullah Silondae No. 5, Kendari', phone: '0401-3121234' },
    timeZone: 'Asia/Makassar',
    number: 'RT-20261129-001',
    createdAt: AT,
    supplier,
    createdByName,
    reason: 'expired',
    note: null,
    lines: [{ name: 'Abon Ikan Tuna Pedas 100 g', qty: 4, unit: 'pak', expiryDate: '2026-11-30', terms: { type: 'fixed', supplierPrice: 28_000 }, sellPrice: 35_000, value: 112_000 }],
    totalQty: 4,
    totalValue: 112_000,
  };
}

/** The decoded lines of a 32-column document, each checked to fit the paper. */
function printed(bytes: Uint8Array): string[] {
  const decoded = decodeEscPos(bytes, { columns: 32 });
  for (const line of decoded.styled) expect(line.width, line.text).toBeLessThanOrEqual(32);
  expect(decoded.unknown).toEqual([]);
  return decoded.lines;
}

/** From the row with both titles (side by side) to the names under the lines. */
function sideBySide(lines: string[], left: string, right: string): string[] {
  const at = lines.findIndex((l) => l.includes(left) && l.includes(right));
  expect(at, lines.join('\n')).toBeGreaterThan(0);
  return lines.slice(at, at + 6);
}

describe('the return slip signature block', () => {
  it('is the settlement slip\'s: a line for each side, the supplier\'s name under the supplier\'s line', () => {
    const lines = printed(renderReturnSlip(returned({ code: 'S0007', name: 'UD Mete Muna' }), { columns: 32 }));
    expect(sideBySide(lines, 'Pemasok', 'Petugas Toko')).toEqual([
      '    Pemasok       Petugas Toko',
      '',
      '',
      '',
      '_______________ ________________',
      ' UD Mete Muna   Wa Ode Nurhayati',
    ]);
    expect(lines.join('\n')).not.toContain('(...');

    // The settlement slip with the same people draws the very same block.
    const data = sampleSettlement();
    data.settlement.supplier = { ...data.settlement.supplier, name: 'UD Mete Muna', ownerName: null };
    data.settlement.createdByName = 'Wa Ode Nurhayati';
    const settlement = sideBySide(printed(renderSettlementSlip(data, { columns: 32 })), 'Pemasok', 'Manajer');
    expect(settlement.slice(1)).toEqual(sideBySide(lines, 'Pemasok', 'Petugas Toko').slice(1));
  });

  it('signs with the supplier\'s owner when the supplier has one, as the settlement slip does', () => {
    const lines = printed(renderReturnSlip(returned({ code: 'S0007', name: 'UD Mete Muna', ownerName: 'La Ode Hasan' }), { columns: 32 }));
    expect(sideBySide(lines, 'Pemasok', 'Petugas Toko').slice(4)).toEqual(['_______________ ________________', ' La Ode Hasan   Wa Ode Nurhayati']);
  });

  it('a name too long for half the paper: one block under the other, both with a line, each name whole under its line', () => {
    const lines = printed(renderReturnSlip(returned({ code: 'S0007', name: 'UD Mete Muna Sejahtera' }), { columns: 32 }));
    const at = lines.findIndex((l) => l.trim() === 'Pemasok');
    expect(at, lines.join('\n')).toBeGreaterThan(0);
    expect(lines.slice(at, at + 11)).toEqual([
      '            Pemasok',
      '',
      '',
      '',
      '    ________________________',
      '     UD Mete Muna Sejahtera',
      '',
      '          Petugas Toko',
      '',
      '',
      '',
    ]);
    expect(lines.slice(at + 11, at + 13)).toEqual(['    ________________________', '        Wa Ode Nurhayati']);
  });
});

describe('the return slip the app prints', () => {
  let t: TestApi;
  let s: Seeded;
  beforeEach(async () => {
    t = await startTestApi();
    s = await seedShop(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const slipOf = (jobId: number) => printed((t.app.db.$client.prepare('SELECT bytes FROM print_jobs WHERE id = ?').get(jobId) as { bytes: Buffer }).bytes);

  it('names the supplier under its line, and its owner once the supplier has one', async () => {
    const lots = (await t.api('products.detail', { id: s.abonId }, s.manager)).body.lots as { id: number }[];
    const ret = await t.api('returns.create', { supplierId: s.supplierId, lines: [{ lotId: lots[0]!.id, qty: 1 }], reason: 'expired' }, s.manager);
    expect(ret.status, JSON.stringify(ret.body)).toBe(200);
    expect(sideBySide(slipOf(ret.body.printJob.id), 'Pemasok', 'Petugas Toko').slice(4)).toEqual(['_______________ ________________', ' UD Mete Muna      Bu Manajer']);

    expect((await t.api('suppliers.update', { id: s.supplierId, ownerName: 'La Ode Hasan' }, s.manager)).status).toBe(200);
    const copy = await t.api('returns.reprint', { id: ret.body.id }, s.manager);
    expect(copy.status, JSON.stringify(copy.body)).toBe(200);
    expect(sideBySide(slipOf(copy.body.id), 'Pemasok', 'Petugas Toko').slice(4)).toEqual(['_______________ ________________', ' La Ode Hasan      Bu Manajer']);
  });
});
