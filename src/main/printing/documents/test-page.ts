import type { PrinterConfig } from '../../../shared/printer';
import { encodeBlocks } from '../encode';
import { Doc } from '../layout';
import { formatReceiptDateTime } from './receipt';

function describeTransport(config: PrinterConfig): string {
  const t = config.transport;
  switch (t.type) {
    case 'network':
      return `Jaringan ${t.host}:${t.port}`;
    case 'serial':
      return `Serial ${t.path} ${t.baudRate ?? 9600} bps`;
    case 'usb':
      return `USB ${t.vendorId.toString(16).padStart(4, '0')}:${t.productId.toString(16).padStart(4, '0')}`;
    case 'file':
      return `File ${t.name}`;
    case 'none':
      return 'Tanpa printer';
  }
}

/** A short page to check that the printer, its width and the cutter work. */
export function buildTestPage(input: { shopName: string; tillCode: string; config: PrinterConfig; at: number; timeZone?: string }): Doc {
  const doc = new Doc(input.config.columns);
  doc.center(input.shopName, { bold: true, size: 'tall' });
  doc.center('TES CETAK', { bold: true });
  doc.separator();
  doc.pairOrStack('Kasir', input.tillCode);
  doc.pairOrStack('Printer', describeTransport(input.config));
  doc.pairOrStack('Lebar', `${input.config.columns} kolom`);
  doc.pairOrStack('Waktu', formatReceiptDateTime(input.at, input.timeZone ?? 'Asia/Makassar'));
  doc.separator();
  doc.line('1234567890'.repeat(Math.ceil(input.config.columns / 10)));
  doc.center('Printer siap dipakai.');
  doc.cut(4);
  return doc;
}

export function renderTestPage(input: Parameters<typeof buildTestPage>[0]): Uint8Array {
  return encodeBlocks(buildTestPage(input).blocks, { columns: input.config.columns });
}
