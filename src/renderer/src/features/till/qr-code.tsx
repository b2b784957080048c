import { useMemo } from 'react';
import qrcode from 'qrcode-generator';

/** The dark modules of a QR code as one SVG path (1 unit per module, no inline script or style). */
export function qrPath(text: string): { size: number; d: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  let d = '';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c} ${r}h1v1h-1z`;
  }
  return { size: n, d };
}

/** A QR code drawn as SVG, with a quiet zone of four modules. */
export function QrCode({ text, size = 300, label }: { text: string; size?: number; label: string }) {
  const { size: n, d } = useMemo(() => qrPath(text), [text]);
  const q = 4;
  return (
    <svg
      className="qr-code"
      width={size}
      height={size}
      viewBox={`${-q} ${-q} ${n + 2 * q} ${n + 2 * q}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid="qris-svg"
    >
      <rect x={-q} y={-q} width={n + 2 * q} height={n + 2 * q} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
