import type { backofficeContract } from '../../shared/contract-backoffice';
import type { AreaProcedures } from './procedure';

/** Handlers of the back office area (see src/shared/contract-backoffice.ts). */
export const backofficeProcedures: AreaProcedures<typeof backofficeContract> = {};
