import type { ReactNode } from 'react';
import { Dialog } from './dialog';
import { useT } from '../i18n';
import { CancelButton } from './dialog-parts';

interface ConfirmProps {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** Yes / no. Enter confirms, Esc cancels. */
export function ConfirmDialog({ title, children, confirmLabel, danger, onConfirm, onCancel }: ConfirmProps) {
  const t = useT();
  return (
    <Dialog
      title={title}
      size="sm"
      onClose={onCancel}
      footer={
        <>
          <CancelButton onClick={onCancel} />
          <button type="button" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} data-autofocus onClick={onConfirm}>
            {confirmLabel} <kbd>Enter</kbd>
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
