/**
 * PLACEHOLDER: the till-of-host print agent is built on another branch; the lead replaces this file
 * with the real one at merge. Only the signature the desktop app calls is fixed here.
 */
import type { PrinterTransportConfig } from '../../shared/printer';

export interface TillAgentOptions {
  hostUrl: string;
  credential: string;
  transport: PrinterTransportConfig;
  pollMs?: number;
}

export function startTillAgent(_opts: TillAgentOptions): { stop(): Promise<void> } {
  throw new Error('not built yet');
}
