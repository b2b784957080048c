/** System procedures: backups and the state of the machine the shop runs on. */
import { z } from 'zod';
import { def, empty } from './contract-kit';
import { normalizeHostName } from './host-names';
import type { BackupInfo, BackupStatus, LanStatus, PrinterStateView } from './types-system';

/** A host name the admin adds for the LAN: a DNS name or an IP address, stored normalized. */
const lanHostName = z
  .string()
  .max(260)
  .transform((text, ctx) => {
    const name = normalizeHostName(text);
    if (!name) {
      ctx.addIssue({ code: 'custom', message: 'Bukan nama host atau alamat IP yang sah (tanpa http:// dan tanpa port)' });
      return z.NEVER;
    }
    return name;
  });

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
  'lan.status': def<LanStatus>()(empty),
  'lan.configure': def<LanStatus>()(
    z.strictObject({ names: z.array(lanHostName).max(20, 'Maksimal 20 nama') }),
  ),
} as const;
