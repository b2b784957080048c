import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api';
import { useT } from '../../i18n';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { LockIcon } from '../../components/icons';
import { MAX_PIN, PinDots, PinPad } from '../login/pin-pad';
import type { ApprovalGrant } from './use-cart';

interface ApprovalDialogProps {
  /** What needs the manager, one sentence each. */
  reasons: string[];
  /** The last refusal (a wrong PIN, a locked manager). */
  error?: unknown;
  busy?: boolean;
  onApprove(grant: ApprovalGrant): void;
  onCancel(): void;
}

/** A manager approves on the spot: username and PIN (keyboard or PIN pad), sent with the request. */
export function ApprovalDialog({ reasons, error, busy, onApprove, onCancel }: ApprovalDialogProps) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const [local, setLocal] = useState<string | null>(null);

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    if (username.trim().length < 2) return setLocal(t('tx.approval.needUser'));
    if (!/^\d{4,8}$/.test(pin)) return setLocal(t('tx.approval.needPin'));
    setLocal(null);
    onApprove({ username: username.trim(), pin });
    setPin('');
  };

  const wrong = error instanceof ApiError && error.code === 'FORBIDDEN';
  return (
    <Dialog title={t('tx.approval.title')} size="md" className="approval-dialog" onClose={busy ? undefined : onCancel}>
      <form onSubmit={submit} data-testid="approval-dialog" noValidate>
        <div className="approval-head">
          <span className="approval-icon" aria-hidden="true">
            <LockIcon size={22} />
          </span>
          <div>
            <p className="strong">{t('tx.approval.intro')}</p>
            <ul className="approval-reasons">
              {reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </div>
        </div>
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
                onChange={(e) => setUsername(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="approval-pin">{t('tx.approval.pin')}</label>
              <input
                id="approval-pin"
                className="input input-lg"
                type="password"
                inputMode="numeric"
                autoComplete="off"
                value={pin}
                maxLength={MAX_PIN}
                onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, MAX_PIN))}
              />
            </div>
            <PinDots length={pin.length} error={wrong} />
          </div>
          <PinPad
            length={pin.length}
            disabled={busy}
            onDigit={(d) => setPin((p) => (p + d).slice(0, MAX_PIN))}
            onBackspace={() => setPin((p) => p.slice(0, -1))}
            onClear={() => setPin('')}
          />
        </div>
        {local && (
          <div className="notice notice-error" role="alert">
            {local}
          </div>
        )}
        <ErrorNotice error={error} />
        <div className="pay-actions">
          <button type="button" className="btn btn-ghost btn-lg" onClick={onCancel} disabled={busy}>
            {t('common.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" className="btn btn-primary btn-lg" disabled={busy} data-testid="approval-submit">
            {busy ? t('pay.processing') : t('tx.approval.approve')} <kbd>Enter</kbd>
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

/** A manager's username or PIN was refused (so ask again, showing the error). */
export const approvalRefused = (err: unknown): boolean =>
  err instanceof ApiError && err.code === 'FORBIDDEN' && Boolean((err.details as { approval?: boolean } | undefined)?.approval);
