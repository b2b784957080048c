import type { dataContract } from '../../../shared/contract-data';
import { listCorrections } from '../../core/corrections';
import type { AreaProcedures } from '../kit';

/** Handlers of the data-rules area (see src/shared/contract-data.ts). Read-only. */
export const dataProcedures: AreaProcedures<typeof dataContract> = {
  'data.corrections': { role: 'manager', handler: ({ ctx }) => listCorrections(ctx) },
};
