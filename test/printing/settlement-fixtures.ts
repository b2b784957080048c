import type { SettlementSlipData } from '../../src/main/printing/documents/settlement-slip';

/** 30 Nov 2026 16:20 WITA (08:20 UTC). */
export const SETTLED_AT_UTC = Date.UTC(2026, 10, 30, 8, 20, 0);

/**
 * A month of one supplier: two products on fixed terms (one at two prices),
 * one on commission, a refund, a shop-borne loss, a display fee and an
 * adjustment; paid by transfer. Every number is consistent by hand:
 * sales 84.000 + 280.000 + 36.000 + 297.500 = 697.500; refund −40.000;
 * loss +28.000; fee −25.000; adjustment +5.000 → 665.500.
 */
export function sampleSettlement(): SettlementSlipData {
  return {
    shop: { name: 'PLUT Sultra', address: 'Jl. Brigjen Z.A. Sugianto No. 9, Kambu, Kendari', phone: '0401-3125678' },
    timeZone: 'Asia/Makassar',
    settlement: {
      id: 3,
      number: 'PB-20261130-002',
      supplierId: 1,
      supplierCode: 'S0001',
      supplierName: 'UD Mete Muna Sejahtera Abadi',
      cutoff: '2026-11-30',
      periodFrom: '2026-11-02',
      amount: 665_500,
      entryCount: 9,
      method: 'transfer',
      reference: 'BRI-TRX-99120034',
      note: null,
      bankName: 'BRI',
      bankAccount: '123401000123501',
      bankHolder: 'La Ode Hasan',
      tillCode: 'K1',
      createdBy: 2,
      createdByName: 'Bu Manajer',
      businessDate: '2026-11-30',
      createdAt: SETTLED_AT_UTC,
      status: 'live',
      voidedAt: null,
      voidedBy: null,
      voidedByName: null,
      voidReason: null,
      supplier: {
        id: 1,
        code: 'S0001',
        name: 'UD Mete Muna Sejahtera Abadi',
        ownerName: 'La Ode Hasan',
        district: 'Kabupaten Muna',
        bankName: 'BRI',
        bankAccount: '123401000123501',
        bankHolder: 'La Ode Hasan',
      },
      breakdown: {
        cutoff: '2026-11-30',
        periodFrom: '2026-11-02',
        entryCount: 9,
        throughEntryId: 41,
        products: [
          { productId: 2, name: 'Abon Ikan Tuna 100 g', unit: 'pcs', termsType: 'fixed', commissionBps: null, price: 28_000, qty: 3, gross: 105_000, supplierShare: 84_000 },
          { productId: 1, name: 'Kacang Mete Goreng Asin Khas Buton 250 gr', unit: 'pcs', termsType: 'fixed', commissionBps: null, price: 36_000, qty: 1, gross: 45_000, supplierShare: 36_000 },
          { productId: 1, name: 'Kacang Mete Goreng Asin Khas Buton 250 gr', unit: 'pcs', termsType: 'fixed', commissionBps: null, price: 40_000, qty: 7, gross: 340_000, supplierShare: 280_000 },
          { productId: 3, name: 'Sarung Tenun Masalili', unit: 'lembar', termsType: 'commission', commissionBps: 1500, price: 350_000, qty: 1, gross: 350_000, supplierShare: 297_500 },
        ],
        refunds: [{ entryId: 30, businessDate: '2026-11-20', productId: 1, name: 'Kacang Mete Goreng Asin Khas Buton 250 gr', qty: -1, amount: -40_000, note: null }],
        losses: [{ entryId: 35, businessDate: '2026-11-25', productId: 2, name: 'Abon Ikan Tuna 100 g', qty: 1, amount: 28_000, note: 'Opname: kemasan rusak' }],
        fees: [{ entryId: 38, businessDate: '2026-11-28', productId: null, name: null, qty: null, amount: -25_000, note: 'Sewa rak November' }],
        adjustments: [{ entryId: 41, businessDate: '2026-11-30', productId: null, name: null, qty: null, amount: 5_000, note: 'Selisih harga titip Oktober' }],
        totals: { sales: 697_500, refunds: -40_000, losses: 28_000, fees: -25_000, adjustments: 5_000 },
        amount: 665_500,
      },
      stock: [
        { productId: 2, name: 'Abon Ikan Tuna 100 g', unit: 'pcs', qty: 4, expiredQty: 4 },
        { productId: 1, name: 'Kacang Mete Goreng Asin Khas Buton 250 gr', unit: 'pcs', qty: 8, expiredQty: 0 },
      ],
    },
  };
}
