export interface BackupInfo {
  file: string;
  bytes: number;
  createdAt: number;
}

export interface BackupStatus {
  /** Folder backups go to (e.g. a USB drive); null = not configured. */
  folder: string | null;
  keep: number;
  lastBackupAt: number | null;
  /** The last automatic or manual backup failed with this message; null when it worked. */
  lastError: string | null;
  /** The last backup worked but some older backups beyond `keep` could not be deleted; null when pruning worked. */
  pruneError: string | null;
  files: BackupInfo[];
}

export type PrinterState = 'ok' | 'paperNearEnd' | 'paperOut' | 'coverOpen' | 'offline' | 'unknown';

export interface PrinterStateView {
  /** `none` when the till has no printer configured. */
  state: PrinterState | 'none';
  /** Bahasa Indonesia, for the banner. */
  message: string;
  /** Jobs of this till that failed and wait for (automatic) retry. */
  failedJobs: number;
  /**
   * The printer is at the till's own PC and this is what its agent last reported (issue 18):
   * asking again costs the host nothing, so the till asks every 1.5 s instead of every 15 s.
   */
  atTill?: true;
}

/** What browser mode answers to in the `Host` header (`lan.status`). */
export interface LanStatus {
  /** Names the admin added (`lan.configure`). */
  names: string[];
  /** Always served: loopback names and this machine's own addresses right now. */
  loopback: string[];
  addresses: string[];
}
