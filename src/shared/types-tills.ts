import type { PrinterConfig } from './printer';

/** Several tills on one host (issue 17). */
export type PairingStatus =
  | { status: 'unpaired' }
  | { status: 'pending'; code: string; deviceName: string }
  | { status: 'paired'; tillCode: string; deviceName: string }
  | { status: 'revoked'; deviceName: string };

export interface DeviceView {
  id: number;
  name: string;
  status: 'pending' | 'paired' | 'revoked';
  tillCode: string | null;
  pairingCode: string | null;
  createdAt: number;
  pairedAt: number | null;
  lastSeenAt: number | null;
  lastAddress: string | null;
  lastUserName: string | null;
  openShift: { id: number; openedAt: number } | null;
}

export interface PairingRequestResult {
  /** Keep it (localStorage); send it as the `X-Kasir-Device` header on every request. */
  credential: string;
  code: string;
}

export interface HostModeStatus {
  /** False in browser mode (`npm run serve`): there `--host` decides where it listens. */
  available: boolean;
  enabled: boolean;
  port: number;
  listening: boolean;
  /** What the other tills open (and the QR code shows). */
  urls: string[];
  /** Why it could not listen (e.g. the port is taken). */
  error: string | null;
}

/** A job a till agent claimed (issue 18): the bytes to put on paper, rendered by the host for this till. */
export interface TillPrintJob {
  id: number;
  kind: string;
  /** A copy: a reprint, or a resend of a job tried before (the bytes carry the SALINAN mark and no drawer pulse). */
  copy: boolean;
  /** ESC/POS bytes, base64. */
  bytes: string;
}

/** The answer to `tillPrint.claim`. */
export interface TillPrintClaim {
  /** Where the host has this till's printer: `host` means the host prints and `jobs` is always empty. */
  location: 'host' | 'till';
  jobs: TillPrintJob[];
}

/** The answer to `tillPrint.status`. */
export interface TillPrintStatusAnswer {
  location: 'host' | 'till';
  /** Jobs of this till waiting to be claimed now. */
  waiting: number;
  /** This till's printer setting on the host (Sistem → Printer): an agent started with `transport: 'host-setting'` prints through it. */
  printer: PrinterConfig;
}
