import { ApiError } from '../api';
import type { MessageKey, Translate } from './index';
import { ERROR_CODES, type ErrorCode } from '../../../shared/errors';

export interface ErrorText {
  /** What went wrong, in the user's language (from the error code). */
  title: string;
  /** The server's own, specific message (Indonesian), when it adds something. */
  detail?: string;
  code: ErrorCode;
}

const isCode = (code: unknown): code is ErrorCode => typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);

/** Turn anything thrown by `call()` into a title by code plus the server's detail. */
export function describeError(t: Translate, err: unknown): ErrorText {
  if (err instanceof ApiError && isCode(err.code)) {
    const title = t(`error.${err.code}` as MessageKey);
    const detail = err.message && err.message !== title ? err.message : undefined;
    return { title, detail, code: err.code };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { title: t('error.INTERNAL'), detail: message || undefined, code: 'INTERNAL' };
}

/** For errors with a field: the server message without the `field: ` prefix zod adds. */
export function fieldMessage(err: ApiError): string {
  const field = err.field;
  if (field && err.message.startsWith(`${field}: `)) return err.message.slice(field.length + 2);
  return err.message;
}
