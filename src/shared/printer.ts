/** Printer settings as stored and as sent by `printers.set`. */
export type PrinterTransportConfig =
  | { type: 'network'; host: string; port: number }
  | { type: 'serial'; path: string; baudRate?: number }
  | { type: 'usb'; vendorId: number; productId: number }
  | { type: 'file'; path: string }
  | { type: 'none' };

export type PrinterColumns = 32 | 42 | 48;

export interface PrinterConfig {
  transport: PrinterTransportConfig;
  columns: PrinterColumns;
}

/** What a real-time status query (DLE EOT n) told us. null fields = unknown. */
export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
}

export type PaymentMethod = 'cash' | 'qris' | 'debit' | 'transfer' | 'ewallet';

export const PAYMENT_METHODS: readonly PaymentMethod[] = ['cash', 'qris', 'debit', 'transfer', 'ewallet'];
