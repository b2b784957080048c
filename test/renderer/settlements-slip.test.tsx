import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { SlipView } from '../../src/renderer/src/features/settlements/slip-view';
import type { SettlementBreakdown, SettlementSupplier } from '../../src/shared/types-settlement';

afterEach(cleanup);

const supplier: SettlementSupplier = {
  id: 1,
  code: 'S0001',
  name: 'UD Mete Muna',
  ownerName: 'La Ode Hasan',
  district: 'Kabupaten Muna',
  bankName: 'BRI',
  bankAccount: '123401000123501',
  bankHolder: 'La Ode Hasan',
};

const empty = { refunds: [], losses: [], fees: [], adjustments: [] };

const breakdown = (over: Partial<SettlementBreakdown>): SettlementBreakdown => ({
  cutoff: '2026-11-30',
  periodFrom: '2026-11-02',
  entryCount: 0,
  throughEntryId: null,
  products: [],
  ...empty,
  totals: { sales: 0, refunds: 0, losses: 0, fees: 0, adjustments: 0 },
  amount: 0,
  ...over,
});

describe('SlipView', () => {
  it('shows sold goods with both terms, fees, adjustments and the total paid', () => {
    render(
      <SlipView
        supplier={supplier}
        payable
        stock={[{ productId: 1, name: 'Kacang Mete 250 g', unit: 'pcs', qty: 8, expiredQty: 2 }]}
        breakdown={breakdown({
          entryCount: 4,
          products: [
            { productId: 1, name: 'Kacang Mete 250 g', unit: 'pcs', termsType: 'fixed', commissionBps: null, price: 40_000, qty: 7, gross: 350_000, supplierShare: 280_000 },
            { productId: 2, name: 'Sarung Tenun', unit: 'lembar', termsType: 'commission', commissionBps: 1500, price: 350_000, qty: 1, gross: 350_000, supplierShare: 297_500 },
          ],
          fees: [{ entryId: 9, businessDate: '2026-11-28', productId: null, name: null, qty: null, amount: -25_000, note: 'Sewa rak November' }],
          adjustments: [{ entryId: 10, businessDate: '2026-11-30', productId: null, name: null, qty: null, amount: 5_000, note: 'Selisih harga' }],
          totals: { sales: 577_500, refunds: 0, losses: 0, fees: -25_000, adjustments: 5_000 },
          amount: 557_500,
        })}
      />,
    );
    const rows = screen.getAllByTestId('slip-product');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('Harga titip Rp 40.000')).toBeTruthy();
    expect(within(rows[1]).getByText('Rp 350.000 · Komisi toko 15%')).toBeTruthy();
    expect(within(rows[1]).getByText('Rp 297.500')).toBeTruthy();
    expect(screen.getByTestId('slip-fee').textContent).toContain('-Rp 25.000');
    expect(screen.getByTestId('slip-adjustment').textContent).toContain('+Rp 5.000');
    expect(screen.getByTestId('slip-total').textContent).toBe('Rp 557.500');
    expect(screen.queryByTestId('slip-carried')).toBeNull();
    expect(screen.getByText('kedaluwarsa 2', { exact: false })).toBeTruthy();
    expect(screen.getByText('2 Nov – 30 Nov 2026')).toBeTruthy();
  });

  it('a negative sum is not paid: Rp 0 and the carried-forward notice', () => {
    render(
      <SlipView
        supplier={{ ...supplier, bankName: null, bankAccount: null, bankHolder: null }}
        payable={false}
        stock={[]}
        breakdown={breakdown({
          entryCount: 1,
          refunds: [{ entryId: 3, businessDate: '2026-11-29', productId: 1, name: 'Kacang Mete 250 g', qty: -1, amount: -52_000, note: null }],
          totals: { sales: 0, refunds: -52_000, losses: 0, fees: 0, adjustments: 0 },
          amount: -52_000,
        })}
      />,
    );
    expect(screen.getByTestId('slip-refund').textContent).toContain('-Rp 52.000');
    expect(screen.getByTestId('slip-total').textContent).toBe('Rp 0');
    expect(screen.getByTestId('slip-carried').textContent).toContain('Tidak ada yang dibayar — saldo dibawa ke periode berikut');
    expect(screen.getByText('Rekening bank belum diisi')).toBeTruthy();
  });
});
