import type { settlementContract } from '../../shared/contract-settlement';
import type { AreaProcedures } from './procedure';

/** Handlers of the ledger and settlement area (see src/shared/contract-settlement.ts). */
export const settlementProcedures: AreaProcedures<typeof settlementContract> = {};
