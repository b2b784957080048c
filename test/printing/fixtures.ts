import type { ReceiptData, ReceiptRefund } from '../../src/main/printing/types';

/** 29 Nov 2026 14:05 WITA (06:05 UTC). */
export const SALE_TIME_UTC = Date.UTC(2026, 10, 29, 6, 5, 0);

/** Three lines (one long name that wraps, one discounted), QRIS + cash with change. */
export function sampleReceipt(): ReceiptData {
  return {
    shop: {
      name: 'PLUT Sultra',
      address: 'Jl. Brigjen Z.A. Sugianto No. 9, Kambu, Kendari',
      phone: '0401-3125678',
      footer: null,
    },
    number: 'K1-20261129-0007',
    tillCode: 'K1',
    cashierName: 'Wa Ode Sitti',
    createdAt: SALE_TIME_UTC,
    timeZone: 'Asia/Makassar',
    lines: [
      { name: 'Kacang Mete Goreng Asin Khas Buton 250 gr', qty: 2, unitPrice: 45_000, discount: 5_000, lineTotal: 85_000 },
      { name: 'Abon Ikan Tuna Pedas', qty: 1, unitPrice: 38_000, discount: 0, lineTotal: 38_000 },
      { name: 'Kopi Kolaka Bubuk 200 g', qty: 3, unitPrice: 27_500, discount: 0, lineTotal: 82_500 },
    ],
    subtotal: 210_500,
    discountTotal: 5_000,
    total: 205_500,
    payments: [
      { method: 'qris', amount: 100_000, reference: 'QR-7781234' },
      { method: 'cash', amount: 110_000 },
    ],
    change: 4_500,
  };
}

/** The sample sale's coffee, refunded in cash 55 minutes later (a receipt printed after it shows it). */
export const coffeeRefund = (): ReceiptRefund => ({
  number: 'RF-K1-20261129-001',
  kind: 'refund',
  createdAt: SALE_TIME_UTC + 55 * 60_000,
  lines: [{ name: 'Kopi Kolaka Bubuk 200 g', qty: 1, amount: 27_500 }],
  payable: 27_500,
  payments: [{ method: 'cash', amount: 27_500 }],
});
