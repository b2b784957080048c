import { contract, type ProcedureName } from '../../shared/contract';
import { AppError, type ApiErrorBody } from '../../shared/errors';
import { invalidTextPath } from '../../shared/unicode';
import { hasRole } from '../core/context';
import { authenticate } from '../core/users';
import { procedures, type ApiEnv, type Call, type Procedure } from './procedures';

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

export const isProcedureName = (name: string): name is ProcedureName => Object.hasOwn(procedures, name);

/**
 * The one entry point both transports use: find the procedure, check the
 * token and role, validate the input, run the handler, and turn every
 * failure into a stable error value. Unexpected errors are logged here and
 * reach the caller only as INTERNAL.
 */
export async function dispatch(env: ApiEnv, name: string, rawInput: unknown, token: string | null): Promise<DispatchResult> {
  try {
    if (!isProcedureName(name)) throw new AppError('NOT_FOUND', `Prosedur "${name.slice(0, 64)}" tidak dikenal.`);
    const procedure = procedures[name] as Procedure<ProcedureName>;
    let actor = null;
    if (procedure.role !== 'public') {
      if (!token) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.');
      actor = authenticate(env.ctx, token);
      if (!actor) throw new AppError('UNAUTHENTICATED', 'Sesi berakhir. Silakan masuk lagi.');
      if (!hasRole(actor.role, procedure.role)) {
        throw new AppError('FORBIDDEN', 'Anda tidak berhak melakukan ini.', { required: procedure.role });
      }
    }
    const badText = invalidTextPath(rawInput);
    if (badText !== null) {
      const message = 'Teks berisi karakter yang tidak sah (bukan Unicode yang benar).';
      throw new AppError('VALIDATION', badText ? `${badText}: ${message}` : message, { field: badText, issues: [{ field: badText, message }] });
    }
    const parsed = contract[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
      const first = issues[0];
      throw new AppError('VALIDATION', first.field ? `${first.field}: ${first.message}` : first.message, {
        field: first.field,
        issues,
      });
    }
    const call: Call = { ...env, actor: actor as Call['actor'], token };
    const run = async () => procedure.handler(call, parsed.data as never);
    // Heavy reads go to the report worker; the tills' thread only waits for the answer.
    const result = procedure.offMainThread ? await env.reports.run(name, parsed.data, actor, run) : await run();
    return { ok: true, result: result ?? null };
  } catch (err) {
    return { ok: false, error: toErrorBody(err) };
  }
}

export function toErrorBody(err: unknown): ApiErrorBody {
  if (err instanceof AppError) return err.toBody();
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    // A race lost to a unique index or a trigger: nothing was written.
    console.error('constraint refused a write', err);
    return { code: 'CONFLICT', message: 'Data bentrok dengan perubahan lain. Coba lagi.' };
  }
  console.error('internal error', err);
  return { code: 'INTERNAL', message: 'Terjadi kesalahan internal.' };
}
