import type { ParsedInput } from '../../../shared/contract';
import type { systemContract } from '../../../shared/contract-system';
import { migrateDb } from '../../../db';
import { backupStatus, configureBackup, restoreBackup, runBackup } from '../../core/backup';
import type { Ctx } from '../../core/context';
import { getLanHostNames, setLanHostNames } from '../../core/lan-hosts';
import type { LanStatus } from '../../../shared/types-system';
import { LOOPBACK_NAMES, interfaceAddresses } from '../hosts';
import { audited, auditedWhenDone, type AreaProcedures } from '../kit';

function lanStatus(ctx: Ctx): LanStatus {
  const loopback: string[] = [...LOOPBACK_NAMES];
  return { names: getLanHostNames(ctx), loopback, addresses: interfaceAddresses().filter((a) => !loopback.includes(a)) };
}

/** Handlers of the system area (see src/shared/contract-system.ts). */
export const systemProcedures: AreaProcedures<typeof systemContract> = {
  'printers.status': { role: 'cashier', handler: ({ print, actor }) => print.printerState(actor.tillCode) },
  'backup.status': { role: 'manager', handler: ({ ctx }) => backupStatus(ctx) },
  // The setting and its audit line commit together: a crash cannot keep one without the other.
  'backup.configure': {
    role: 'admin',
    handler: audited('backup.configure', ({ ctx }, input: ParsedInput<'backup.configure'>) => configureBackup(ctx, input), (_, input) => ({ details: input })),
  },
  'backup.run': {
    role: 'manager',
    handler: auditedWhenDone('backup.run', ({ ctx }) => runBackup(ctx), (info) => ({ details: { file: info.file } })),
  },
  'backup.restore': {
    role: 'admin',
    handler: auditedWhenDone(
      'backup.restore',
      ({ ctx, central }, input: ParsedInput<'backup.restore'>) =>
        // No batch to the central database may be in flight while the data is replaced.
        central.whileStopped(async () => {
          const restored = await restoreBackup({ dbPath: ctx.db.$client.name, live: ctx.db }, input.file, ctx.clock.now());
          // A backup from an older version gets the newer migrations now.
          migrateDb(ctx.db);
          return restored;
        }),
      (result) => ({ details: result }),
    ),
  },
  'lan.status': { role: 'admin', handler: ({ ctx }) => lanStatus(ctx) },
  'lan.configure': {
    role: 'admin',
    handler: ({ ctx, actor }, input) => {
      setLanHostNames(ctx, actor, input.names);
      return lanStatus(ctx);
    },
  },
};
