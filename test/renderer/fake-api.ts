/**
 * Fakes of the API for renderer tests, typed by the contract (src/shared/contract.ts): each fake
 * procedure takes that procedure's input and must return its output, so a fake that drifts from
 * the contract (a `settings.get` missing a field, a wrong name) fails to compile instead of
 * letting a screen pass against data the server never sends.
 *
 * The test file still mocks the module itself (vi.mock is hoisted per file):
 *   vi.mock('../../src/renderer/src/api', async (importOriginal) => ({ ...(await importOriginal()), call: vi.fn() }));
 */
import type { Mock } from 'vitest';
import { ApiError, call } from '../../src/renderer/src/api';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../src/shared/contract';

/** One fake handler per procedure, each typed by the contract. */
export type FakeProcedures = {
  [N in ProcedureName]?: (input: ProcedureInput<N>) => ProcedureOutput<N> | Promise<ProcedureOutput<N>>;
};

/** The mocked `call` of src/renderer/src/api. */
export const callMock = call as unknown as Mock;

/** A `call` that answers from `procedures`; any other procedure rejects with NOT_FOUND. */
export function fakeApi(procedures: FakeProcedures): (name: string, input?: unknown) => Promise<unknown> {
  return async (name, input) => {
    const handler = (procedures as Record<string, ((input: unknown) => unknown) | undefined>)[name];
    if (!handler) throw new ApiError('NOT_FOUND', `no fake for ${name}`);
    return handler(input ?? {});
  };
}

/** One answer of `name`, checked against the contract (for mockResolvedValueOnce and friends). */
export const answer = <N extends ProcedureName>(_name: N, value: ProcedureOutput<N>): ProcedureOutput<N> => value;
