import type { reportsContract } from '../../shared/contract-reports';
import type { ProcedureName } from '../../shared/contract';
import { reportJobs, type ReportName } from '../reports/jobs';
import type { AreaProcedures, Procedure } from './procedure';

/** A report made by the report runner: in its worker thread, never on the tills' main thread when it can help it. */
const viaRunner = <N extends ReportName>(name: N): Procedure<N> => ({
  role: 'manager',
  handler: ({ reports }, input) => reports.run(name, input),
});

/**
 * Handlers of the reports area (see src/shared/contract-reports.ts). Read-only;
 * what each computes is in src/main/reports/jobs.ts.
 */
export const reportsProcedures = Object.fromEntries(
  (Object.keys(reportJobs) as ReportName[]).map((name) => [name, viaRunner(name)]),
) as unknown as AreaProcedures<typeof reportsContract>;

// Every procedure of the reports contract is a report job, and nothing else.
type Missing = Exclude<keyof typeof reportsContract & ProcedureName, ReportName>;
const _allJobs: Missing extends never ? true : never = true;
void _allJobs;
