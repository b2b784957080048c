import { useT } from '../i18n';
import { ErrorNotice } from './error-notice';

/** A dialog's way out: Esc, or this button (disabled while the dialog is sending). */
export function CancelButton({ onClick, disabled, large }: { onClick(): void; disabled?: boolean; large?: boolean }) {
  const t = useT();
  return (
    <button type="button" className={large ? 'btn btn-ghost btn-lg' : 'btn btn-ghost'} onClick={onClick} disabled={disabled}>
      {t('common.cancel')} <kbd>Esc</kbd>
    </button>
  );
}

/** A form dialog's foot: what the last send threw, Cancel (Esc) and Save (Enter, the default). */
export function SaveFoot({ error, busy, onClose }: { error: unknown; busy: boolean; onClose(): void }) {
  const t = useT();
  return (
    <>
      <ErrorNotice error={error} />
      <div className="pay-actions">
        <CancelButton onClick={onClose} disabled={busy} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')} <kbd>Enter</kbd>
        </button>
      </div>
    </>
  );
}
