import type { FormEvent, ReactNode } from 'react';
import { useT } from '../../i18n';
import { Dialog } from '../../components/dialog';

interface FormDialogProps {
  title: string;
  /** The form's id, for the footer's submit button. */
  formId: string;
  formClassName: string;
  saveLabel: string;
  busy: boolean;
  onSubmit(e: FormEvent): void;
  onClose(): void;
  children: ReactNode;
}

/** A large dialog holding one form, with Cancel and Save in its footer. */
export function FormDialog({ title, formId, formClassName, saveLabel, busy, onSubmit, onClose, children }: FormDialogProps) {
  const t = useT();
  return (
    <Dialog
      title={title}
      onClose={onClose}
      size="lg"
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={formId} className="btn btn-primary" disabled={busy}>
            {busy ? t('common.saving') : saveLabel}
          </button>
        </>
      }
    >
      <form id={formId} className={formClassName} onSubmit={onSubmit} noValidate>
        {children}
      </form>
    </Dialog>
  );
}
