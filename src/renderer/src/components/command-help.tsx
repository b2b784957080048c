import { useT } from '../i18n';
import { helpRows, type Command } from '../lib/commands';
import { Dialog } from './dialog';

/** F1: every command of the screen, its keys, what it does, and whether it can run now. */
export function CommandHelp<S>({ table, state, onClose }: { table: readonly Command<S>[]; state: S; onClose(): void }) {
  const t = useT();
  const rows = helpRows(t, table, state);
  return (
    <Dialog
      title={t('cmd.helpTitle')}
      size="lg"
      className="command-help"
      onClose={onClose}
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose} data-autofocus>
          {t('common.close')} <kbd>Esc</kbd>
        </button>
      }
    >
      <table className="table help-table" data-testid="command-help">
        <thead>
          <tr>
            <th>{t('cmd.key')}</th>
            <th>{t('cmd.action')}</th>
            <th>{t('cmd.now')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.enabled ? '' : 'help-off'} data-testid="help-row" data-command={r.id}>
              <td className="help-keys">
                {r.keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </td>
              <td>
                <span className="strong">{r.label}</span>
                <span className="help-desc"> — {r.help}</span>
              </td>
              <td className="help-state">{r.enabled ? t('cmd.available') : (r.why ?? t('cmd.unavailable'))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
