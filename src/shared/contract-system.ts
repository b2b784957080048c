/** System procedures: backups and the state of the machine the shop runs on. */
import { z } from 'zod';
import { def, empty } from './contract-kit';
import type { BackupInfo, BackupStatus, PrinterStateView } from './types-system';

export const systemContract = {
  'printers.status': def<PrinterStateView>()(empty),
  'backup.status': def<BackupStatus>()(empty),
  'backup.configure': def<BackupStatus>()(
    z.strictObject({
      folder: z.string().trim().min(1, 'Wajib diisi').max(500).nullable(),
      keep: z.number().int().min(1, 'Minimal 1').max(365, 'Maksimal 365'),
    }),
  ),
  'backup.run': def<BackupInfo>()(empty),
  'backup.restore': def<{ restoredFrom: string; safetyCopy: string }>()(
    z.strictObject({ file: z.string().trim().min(1, 'Wajib diisi').max(500) }),
  ),
} as const;
