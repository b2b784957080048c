import { useRef, useState, type FormEvent } from 'react';
import { ApiError, call } from '../../api';
import { useT } from '../../i18n';
import type { ApprovalGrant, ApprovalRequest } from '../../../../shared/types-till';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { LockIcon } from '../../components/icons';
import { DEFAULT_TIME_ZONE, formatTime } from '../../lib/format';
import { MAX_PIN, PinDots, PinPad } from '../login/pin-pad';
import { CancelButton } from '../../components/dialog-parts';

interface ApprovalDialogProps {
  /** What needs the manager, one sentence each. */
  reasons: string[];
  /** What the manager approves: sent to `approvals.verify` with the username and PIN. */
  request: ApprovalRequest;
  /** Why the manager is asked (again), e.g. an earlier approval that expired. */
  notice?: string | null;
  /** Something else is running (the sale being sent after the approval). */
  busy?: boolean;
  onApproved(grant: ApprovalGrant): void;
  onCancel(): void;
}

type Refusal = { kind: 'wrongPin' } | { kind: 'locked'; until: number | null; message: string } | { kind: 'other'; error: unknown };

/**
 * A manager approves on the spot: username and PIN (keyboard or PIN pad).
 * The PIN is checked at once (`approvals.verify`): "PIN salah" right here,
 * the reasons stay in view, and only a checked approval (a short-lived
 * token, never the PIN) goes on to the sale, refund or void.
 */
export function ApprovalDialog({ reasons, request, notice, busy: outerBusy, onApproved, onCancel }: ApprovalDialogProps) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [checking, setChecking] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);
  const busy = checking || Boolean(outerBusy);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    if (username.trim().length < 2) return setLocal(t('tx.approval.needUser'));
    if (!/^\d{4,8}$/.test(pin)) return setLocal(t('tx.approval.needPin'));
    setLocal(null);
    setRefusal(null);
    setChecking(true);
    try {
      const grant = await call('approvals.verify', { ...request, username: username.trim(), pin });
      onApproved(grant);
    } catch (err) {
      const d = err instanceof ApiError ? (err.details as { wrongPin?: boolean; locked?: boolean; lockedUntil?: number } | undefined) : undefined;
      if (d?.locked) setRefusal({ kind: 'locked', until: typeof d.lockedUntil === 'number' ? d.lockedUntil : null, message: (err as ApiError).message });
      else if (d?.wrongPin) setRefusal({ kind: 'wrongPin' });
      else setRefusal({ kind: 'other', error: err });
      setPin('');
      requestAnimationFrame(() => pinRef.current?.focus());
    } finally {
      setChecking(false);
    }
  };

  const wrong = refusal?.kind === 'wrongPin' || refusal?.kind === 'locked';
  return (
    <Dialog title={t('tx.approval.title')} size="md" className="approval-dialog" onClose={busy ? undefined : onCancel}>
      <form onSubmit={(e) => void submit(e)} data-testid="approval-dialog" noValidate>
        <div className="approval-head">
          <span className="approval-icon" aria-hidden="true">
            <LockIcon size={22} />
          </span>
          <div>
            <p className="strong">{t('tx.approval.intro')}</p>
            <ul className="approval-reasons" data-testid="approval-reasons">
              {reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </div>
        </div>
        {notice && (
          <div className="notice notice-info notice-compact" role="status" data-testid="approval-notice">
            {notice}
          </div>
        )}
        <div className="approval-grid">
          <div>
            <div className="field">
              <label htmlFor="approval-user">{t('tx.approval.username')}</label>
              <input
                id="approval-user"
                className="input input-lg"
                value={username}
                autoCapitalize="off"
                autoComplete="off"
                spellCheck={false}
                maxLength={32}
                data-autofocus
                onChange={(e) => {
                  setUsername(e.target.value);
                  setRefusal(null);
                }}
              />
            </div>
            <div className="field">
              <label htmlFor="approval-pin">{t('tx.approval.pin')}</label>
              <input
                id="approval-pin"
                ref={pinRef}
                className="input input-lg"
                type="password"
                inputMode="numeric"
                autoComplete="off"
                value={pin}
                maxLength={MAX_PIN}
                onChange={(e) => {
                  setPin(e.target.value.replace(/\D/g, '').slice(0, MAX_PIN));
                  setRefusal(null);
                }}
              />
            </div>
            <PinDots length={pin.length} error={wrong} />
          </div>
          <PinPad
            length={pin.length}
            disabled={busy}
            onDigit={(d) => {
              setPin((p) => (p + d).slice(0, MAX_PIN));
              setRefusal(null);
            }}
            onBackspace={() => setPin((p) => p.slice(0, -1))}
            onClear={() => setPin('')}
          />
        </div>
        {local && (
          <div className="notice notice-error" role="alert">
            {local}
          </div>
        )}
        {refusal?.kind === 'wrongPin' && (
          <div className="notice notice-error" role="alert" data-testid="approval-wrong">
            <strong>{t('tx.approval.wrongPin')}</strong>
            <span className="notice-detail">{t('tx.approval.wrongPinDetail')}</span>
          </div>
        )}
        {refusal?.kind === 'locked' && (
          <div className="notice notice-error notice-lock" role="alert" data-testid="approval-wrong">
            <strong className="notice-title">
              <LockIcon size={18} /> {t('tx.approval.lockedTitle')}
            </strong>
            <span className="notice-detail">{refusal.until ? t('login.lockedUntil', { time: formatTime(refusal.until, DEFAULT_TIME_ZONE) }) : refusal.message}</span>
          </div>
        )}
        {refusal?.kind === 'other' && <ErrorNotice error={refusal.error} />}
        <div className="pay-actions">
          <CancelButton onClick={onCancel} disabled={busy} large />
          <button type="submit" className="btn btn-primary btn-lg" disabled={busy} data-testid="approval-submit">
            {checking ? t('tx.approval.checking') : outerBusy ? t('pay.processing') : t('tx.approval.approve')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export interface ReasonLike {
  kind: 'line_discount' | 'sale_discount' | 'total_discount' | 'price_override' | 'refund' | 'void';
  line?: number;
  bps?: number;
}

/** The server's `details.reasons` (or the till's own guess), as sentences. */
export function reasonTexts(t: ReturnType<typeof useT>, reasons: readonly ReasonLike[], lineNames: readonly string[] = [], limit?: string): string[] {
  const pct = (bps?: number) => (bps === undefined ? '' : ` (${(bps / 100).toLocaleString('id-ID', { maximumFractionDigits: 2 })}%)`);
  return reasons.map((r) => {
    const name = r.line !== undefined ? (lineNames[r.line] ?? `#${r.line + 1}`) : '';
    switch (r.kind) {
      case 'line_discount':
        return t('tx.reason.line', { name, limit: limit ?? '' }) + pct(r.bps);
      case 'sale_discount':
        return t('tx.reason.sale', { limit: limit ?? '' }) + pct(r.bps);
      case 'total_discount':
        return t('tx.reason.total', { limit: limit ?? '' }) + pct(r.bps);
      case 'price_override':
        return t('tx.reason.override', { name });
      case 'refund':
        return t('tx.reason.refund');
      case 'void':
        return t('tx.reason.void');
    }
  });
}

/** The reasons of a FORBIDDEN answer that asks for a manager, or null for any other error. */
export function approvalAsked(err: unknown): ReasonLike[] | null {
  if (!(err instanceof ApiError) || err.code !== 'FORBIDDEN') return null;
  const d = err.details as { approvalRequired?: boolean; reasons?: ReasonLike[] } | undefined;
  if (!d?.approvalRequired) return null;
  return Array.isArray(d.reasons) ? d.reasons : [];
}

/** The server asks for a manager again because the approval sent is used, expired or does not cover the sale. */
export const approvalGrantRefused = (err: unknown): boolean =>
  err instanceof ApiError && err.code === 'FORBIDDEN' && typeof (err.details as { grantRefused?: unknown } | undefined)?.grantRefused === 'string';
