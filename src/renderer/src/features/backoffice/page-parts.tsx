/** Pieces of the back-office detail pages (supplier, product). */
import { useState, type ReactNode } from 'react';
import { useT } from '../../i18n';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { BackButton } from './ui';

interface DetailPageProps {
  testId?: string;
  backLabel: string;
  onBack(): void;
  error: unknown;
  loading: boolean;
  children: ReactNode;
}

/** A detail page's frame: back to the list, errors, a spinner while it loads. */
export function DetailPage({ testId, backLabel, onBack, error, loading, children }: DetailPageProps) {
  const t = useT();
  return (
    <div className="bo-stack" data-testid={testId}>
      <div className="bo-page-top">
        <BackButton onClick={onBack}>{backLabel}</BackButton>
      </div>
      <ErrorNotice error={error} />
      {loading && <div className="spinner" aria-label={t('common.loading')} />}
      {children}
    </div>
  );
}

/** A panel's header: its title and what stands beside it. */
export function PanelHead({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="bo-panel-head">
      <h3>{title}</h3>
      {children}
    </header>
  );
}

/** Deactivate / reactivate after a confirm: `toggle` calls the API, `onDone` reloads. */
export function useActiveToggle(toggle: () => Promise<unknown>, onDone: () => void) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setConfirming(false);
    setError(null);
    try {
      await toggle();
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return { confirming, ask: () => setConfirming(true), cancel: () => setConfirming(false), run, error };
}

export function ActiveToggleButton({ active, onClick }: { active: boolean; onClick(): void }) {
  const t = useT();
  return (
    <button type="button" className={`btn btn-sm ${active ? 'btn-ghost danger' : 'btn-secondary'}`} onClick={onClick}>
      {active ? t('bo.deactivate') : t('bo.reactivate')}
    </button>
  );
}

interface ActiveConfirmProps {
  /** Whose texts: `bo.product.deactivateTitle` and so on. */
  scope: 'bo.product' | 'bo.supplier';
  name: string;
  active: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ActiveConfirmDialog({ scope, name, active, onConfirm, onCancel }: ActiveConfirmProps) {
  const t = useT();
  return (
    <ConfirmDialog
      title={active ? t(`${scope}.deactivateTitle`, { name }) : t(`${scope}.reactivateTitle`, { name })}
      confirmLabel={active ? t('bo.deactivate') : t('bo.reactivate')}
      danger={active}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>{active ? t(`${scope}.deactivateBody`) : t(`${scope}.reactivateBody`)}</p>
    </ConfirmDialog>
  );
}
