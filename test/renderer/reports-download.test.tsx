import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadBase64 } from '../../src/renderer/src/features/reports/components';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('downloadBase64 (reports.export → file)', () => {
  it('saves the decoded bytes through a Blob URL and a temporary <a download>, then revokes the URL', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    const create = vi.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:test/1';
    });
    const revoke = vi.fn();
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    const clicked: { href: string; download: string; attached: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, attached: document.body.contains(this) });
    });

    const csv = '\uFEFFKode,Penjualan\r\nS0001,165000\r\n';
    const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(csv)));
    downloadBase64({ filename: 'penjualan-pemasok-2026-11-01_2026-11-29.csv', mimeType: 'text/csv; charset=utf-8', base64 });

    expect(clicked).toEqual([{ href: 'blob:test/1', download: 'penjualan-pemasok-2026-11-01_2026-11-29.csv', attached: true }]);
    expect(document.querySelectorAll('a[download]')).toHaveLength(0);
    expect(blobs[0]!.type).toBe('text/csv; charset=utf-8');
    expect(revoke).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith('blob:test/1');
    vi.useRealTimers();
    const buffer = await new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(blobs[0]!);
    });
    const bytes = new Uint8Array(buffer);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(csv);
    expect(bytes.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});
