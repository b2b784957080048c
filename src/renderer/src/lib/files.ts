/**
 * Files and documents the browser hands to the person: downloads and the A4
 * pages (statements, office report). Blob URLs only: no inline scripts, no
 * server round trip.
 */

/** Save a blob as a file through a temporary `<a download>`. */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** An HTML document in a new browser window (browser mode; the desktop shell opens no windows). */
export function openHtmlWindow(html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Print the document shown in a (sandboxed) frame. Throws when the browser refuses. */
export function printFrame(frame: HTMLIFrameElement | null): void {
  frame?.contentWindow?.print();
}
