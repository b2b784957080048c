/**
 * Printer settings as stored and as sent by `printers.set`.
 * - `file`: a plain file NAME; the bytes go to that file inside the
 *   printer-output folder under the app's data folder (never a path).
 * - `serial`: a serial device path only (`/dev/ttyUSB0`, `COM3`, …).
 */
export type PrinterTransportConfig =
  | { type: 'network'; host: string; port: number }
  | { type: 'serial'; path: string; baudRate?: number }
  | { type: 'usb'; vendorId: number; productId: number }
  | { type: 'file'; name: string }
  | { type: 'none' };

/** The folder, next to the database, that a `file` printer writes into. */
export const PRINTER_OUTPUT_FOLDER = 'printer-output';

/** A file printer's name: letters, digits, `.`, `_`, `-`; no path, no leading dot. */
export const PRINTER_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Serial ports by device path only: Linux `/dev/ttyS0`, `/dev/ttyUSB0`,
 * `/dev/ttyACM0`, `/dev/rfcomm0`, `/dev/serial/by-id/…`; macOS
 * `/dev/cu.…`/`/dev/tty.…`; Windows `COM3` or `\\.\COM10`.
 */
export const SERIAL_DEVICE_PATH =
  /^(?:\/dev\/(?:tty[A-Za-z0-9._-]+|cu\.[A-Za-z0-9._-]+|rfcomm\d{1,3}|serial\/by-(?:id|path)\/[A-Za-z0-9._:+-]+)|COM[1-9]\d{0,2}|\\\\\.\\COM[1-9]\d{0,2})$/;

export const isPrinterFileName = (name: string): boolean => PRINTER_FILE_NAME.test(name) && !name.includes('..');
export const isSerialDevicePath = (path: string): boolean => SERIAL_DEVICE_PATH.test(path) && !path.split('/').includes('..');

export type PrinterColumns = 32 | 42 | 48;

/**
 * Where a till's printer is (issue 18): `host` — the host sends the bytes
 * itself over `transport` (today's behaviour, the default when absent);
 * `till` — plugged into the till's own PC (USB, serial, or a network printer
 * only that PC reaches): the host never sends, the till's agent claims the
 * jobs and prints them (src/main/till-agent).
 */
export type PrinterLocation = 'host' | 'till';

export interface PrinterConfig {
  transport: PrinterTransportConfig;
  columns: PrinterColumns;
  /** Absent means `host` (settings stored before issue 18). */
  location?: PrinterLocation;
}

export const printerLocation = (config: PrinterConfig): PrinterLocation => config.location ?? 'host';

/** What a real-time status query (DLE EOT n) told us. null fields = unknown. */
export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  paperOut: boolean;
}

export type PaymentMethod = 'cash' | 'qris' | 'debit' | 'transfer' | 'ewallet';

export const PAYMENT_METHODS: readonly PaymentMethod[] = ['cash', 'qris', 'debit', 'transfer', 'ewallet'];

/**
 * Kinds of print job never sent again after a failed, skipped or interrupted send — neither by the
 * queue nor by hand — and not counted as waiting: a drawer pulse (a manager opens the drawer anew,
 * and the audit log records it) and a test print (it tells about the printer when it was asked for;
 * sent later it would print on whatever printer is set by then). The screens offer no retry for them.
 */
export const NEVER_RETRIED_KINDS: readonly string[] = ['drawer', 'test'];
