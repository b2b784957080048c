/**
 * What a printer's real-time status (DLE EOT) means for the till banner and
 * for sending: shared by the host's print queue and the till agent
 * (src/main/till-agent), which prints on a till's own PC (issue 18).
 */
import type { PrinterStatus } from './printer';
import type { PrinterState } from './types-system';

/** What the till banner says about the printer, from a real-time status reply. */
export function describeStatus(status: PrinterStatus | null): { state: PrinterState; message: string } {
  if (status === null) return { state: 'unknown', message: 'Status printer tidak diketahui.' };
  if (status.paperOut) return { state: 'paperOut', message: 'Kertas printer habis. Ganti gulungan kertas.' };
  if (status.coverOpen) return { state: 'coverOpen', message: 'Tutup printer terbuka.' };
  if (!status.online) return { state: 'offline', message: 'Printer offline.' };
  if (status.paperNearEnd) return { state: 'paperNearEnd', message: 'Kertas printer hampir habis.' };
  return { state: 'ok', message: 'Printer siap.' };
}

/** States in which sending a job would not print it. */
export const BLOCKING_STATES: readonly PrinterState[] = ['paperOut', 'coverOpen', 'offline'];
