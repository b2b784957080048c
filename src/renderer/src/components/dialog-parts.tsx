import { useT } from '../i18n';

/** A dialog's way out: Esc, or this button (disabled while the dialog is sending). */
export function CancelButton({ onClick, disabled, large }: { onClick(): void; disabled?: boolean; large?: boolean }) {
  const t = useT();
  return (
    <button type="button" className={large ? 'btn btn-ghost btn-lg' : 'btn btn-ghost'} onClick={onClick} disabled={disabled}>
      {t('common.cancel')} <kbd>Esc</kbd>
    </button>
  );
}
