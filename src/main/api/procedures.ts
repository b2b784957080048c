/**
 * The registry: every area's handler map, merged by `mergeAreas` (a
 * procedure name in two areas stops the app at start-up), and which of
 * them run in the report worker. The handlers live in `handlers/<area>.ts`.
 */
import type { ProcedureName } from '../../shared/contract';
import { mergeAreas, type ApiEnv, type Call, type Procedure } from './kit';
import { backofficeProcedures } from './handlers/backoffice';
import { coreProcedures } from './handlers/core';
import { dataProcedures } from './handlers/data';
import { outletsProcedures } from './handlers/outlets';
import { reportsProcedures } from './handlers/reports';
import { settlementProcedures } from './handlers/settlement';
import { systemProcedures } from './handlers/system';
import { tillProcedures } from './handlers/till';
import { tillsProcedures } from './handlers/tills';

export type Procedures = { [N in ProcedureName]: Procedure<N> };

export type { ApiEnv, Call, Procedure };

/** The handler map of each area, by area name (the names a duplicate is reported with). */
export const AREAS = {
  core: coreProcedures,
  backoffice: backofficeProcedures,
  settlement: settlementProcedures,
  system: systemProcedures,
  till: tillProcedures,
  reports: reportsProcedures,
  data: dataProcedures,
  outlets: outletsProcedures,
  tills: tillsProcedures,
};

const allProcedures: Procedures = mergeAreas<Record<string, Procedure<ProcedureName>>>(AREAS) as unknown as Procedures;

/**
 * Read-only procedures heavy enough on a year of data to hold up every till's
 * scan and checkout (seconds on `bench/data/large.db`): made in the report
 * worker (see `Procedure.offMainThread`). Every report and export, and the
 * long back-office lists.
 */
export const OFF_MAIN_THREAD: readonly ProcedureName[] = [
  ...(Object.keys(reportsProcedures) as ProcedureName[]),
  'stock.nearExpiry',
  'stock.slowMoving',
  'stock.movements',
  'suppliers.overview',
  'suppliers.get',
  'products.list',
  'products.detail',
  'intakes.list',
  'ledger.balances',
  'ledger.entries',
  'settlements.list',
  'settlements.bulkPreview',
];

export const procedures: Procedures = Object.fromEntries(
  Object.entries(allProcedures).map(([name, p]) => [name, OFF_MAIN_THREAD.includes(name as ProcedureName) ? { ...p, offMainThread: true } : p]),
) as Procedures;
