/** "The main computer has a new address": typed on a till whose host stopped answering (issue 17). */
import { useState } from 'react';
import { Dialog } from '../../components/dialog';
import { CancelButton } from '../../components/dialog-parts';
import { Field } from '../../components/field';
import { useT } from '../../i18n';
import { MoveError, prepareMove } from '../../lib/host-move';

/**
 * The button that opens the dialog. On the till the till opens it as one of its overlays
 * (`onOpen`: the scan field's focus keeper then knows a dialog is open); on the offline boot
 * screen the button holds the dialog itself.
 */
export function HostMovedButton({ onOpen }: { onOpen?: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn btn-ghost"
        data-testid="host-moved"
        onClick={(e) => {
          e.stopPropagation();
          if (onOpen) onOpen();
          else setOpen(true);
        }}
      >
        {t('hostMove.open')}
      </button>
      {open && <HostMoveDialog onClose={() => setOpen(false)} />}
    </>
  );
}

export function HostMoveDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      location.assign(await prepareMove(address));
    } catch (err) {
      setProblem(t(`hostMove.problem.${err instanceof MoveError ? err.problem : 'unreachable'}`));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('hostMove.title')} onClose={busy ? undefined : onClose} size="sm">
      <form onSubmit={(e) => void submit(e)} data-testid="host-move-form">
        <p className="muted">{t('hostMove.body')}</p>
        <Field label={t('hostMove.address')} error={problem} hint={t('hostMove.hint')}>
          <input
            className="input"
            data-autofocus
            data-testid="host-move-address"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="192.168.1.20:8080"
            value={address}
            onChange={(e) => {
              setAddress(e.target.value);
              setProblem(null);
            }}
          />
        </Field>
        <div className="pay-actions">
          <CancelButton onClick={onClose} disabled={busy} />
          <button type="submit" className="btn btn-primary" disabled={busy || address.trim() === ''}>
            {busy ? t('hostMove.checking') : t('hostMove.go')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}
