import { contract, type ProcedureName } from '../../shared/contract';
import { AppError, type ApiErrorBody } from '../../shared/errors';
import { invalidTextPath } from '../../shared/unicode';
import { hasRole } from '../core/context';
import { authenticate, logout } from '../core/users';
import { deviceByCredential, hostTillCode, noteDeviceLogin, type DeviceRow } from '../core/devices';
import { procedures, type ApiEnv, type Call, type Procedure } from './procedures';
import { runKeyed } from './idempotency';

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

/**
 * Where a call comes from (issue 17). The desktop window (IPC) is the host's
 * own till; over HTTP with pairing on, only a paired device reaches more than
 * the pairing procedures, and its logins are on its till.
 */
export interface Origin {
  /** Calls must come from a paired device (`X-Kasir-Device`), or be the host's own window. */
  pairing?: boolean;
  /** The `X-Kasir-Device` credential, when sent. */
  device?: string | null;
  /** The host PC itself (Electron IPC; a browser on the host's loopback): logins are on the host's till. */
  host?: boolean;
  address?: string | null;
}

/** What an unpaired device may call. */
export const PAIRING_PROCEDURES: ReadonlySet<string> = new Set(['host.info', 'pairing.request', 'pairing.status']);

export const isProcedureName = (name: string): name is ProcedureName => Object.hasOwn(procedures, name);

/**
 * The one entry point both transports use: find the procedure, check the
 * token and role, validate the input, run the handler, and turn every
 * failure into a stable error value. Unexpected errors are logged here and
 * reach the caller only as INTERNAL.
 */
export async function dispatch(env: ApiEnv, name: string, rawInput: unknown, token: string | null, origin: Origin = {}): Promise<DispatchResult> {
  try {
    if (!isProcedureName(name)) throw new AppError('NOT_FOUND', `Prosedur "${name.slice(0, 64)}" tidak dikenal.`);
    const procedure = procedures[name] as Procedure<ProcedureName>;
    let device: DeviceRow | null = null;
    if (origin.pairing && !origin.host) {
      device = deviceByCredential(env.ctx, origin.device, origin.address ?? null);
      if (device?.status !== 'paired' && !PAIRING_PROCEDURES.has(name)) {
        // A revoked device is logged out at its next call.
        if (token) logout(env.ctx, token);
        const pairing = device?.status ?? 'unpaired';
        const message =
          pairing === 'revoked'
            ? 'Perangkat ini sudah dicabut dari kasir. Pasangkan lagi lewat manajer.'
            : 'Perangkat ini belum dipasangkan sebagai kasir. Minta manajer menyetujui kode di layar ini.';
        throw new AppError('UNAUTHENTICATED', message, { pairing });
      }
    }
    // Logins are on the device's till (or the host's): a typed till code is ignored.
    if (name === 'auth.login' && (device || origin.host) && rawInput && typeof rawInput === 'object' && !Array.isArray(rawInput)) {
      rawInput = { ...(rawInput as Record<string, unknown>), tillCode: device?.tillCode ?? hostTillCode(env.ctx) };
    }
    let actor = null;
    if (procedure.role === 'device') {
      // A paired device by its credential alone (the till agent): no session, its own till only.
      if (device?.status !== 'paired' || !device.tillCode) throw new AppError('UNAUTHENTICATED', 'Hanya perangkat kasir yang sudah dipasangkan yang dapat memanggil ini.', { pairing: device?.status ?? 'unpaired' });
    } else if (procedure.role !== 'public') {
      if (!token) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.');
      actor = authenticate(env.ctx, token);
      if (!actor) throw new AppError('UNAUTHENTICATED', 'Sesi berakhir. Silakan masuk lagi.');
      if (device && actor.tillCode !== device.tillCode) {
        // A session of another till (the code was moved, or a token carried over): not on this device.
        logout(env.ctx, token);
        throw new AppError('UNAUTHENTICATED', 'Sesi ini bukan untuk kasir perangkat ini. Silakan masuk lagi.', { pairing: 'paired' });
      }
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
    const call: Call = { ...env, actor: actor as Call['actor'], token, device, address: origin.address ?? null };
    // Keyed procedures (checkout, refunds, voids, intakes, returns, settlements) answer once per till and key.
    const run = async () => runKeyed(call, name, parsed.data as Record<string, unknown>, (input) => procedure.handler(call, input as never));
    // Heavy reads go to the report worker; the tills' thread only waits for the answer.
    const result = procedure.offMainThread ? await env.reports.run(name, parsed.data, actor, run) : await run();
    if (name === 'auth.login' && device) noteDeviceLogin(env.ctx, device.id, (result as { user: { id: number } }).user.id);
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
