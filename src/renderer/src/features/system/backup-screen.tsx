import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useLang, useT } from '../../i18n';
import type { BackupStatus } from '../../../../shared/types-system';
import { useSession } from '../../app/session';
import { ErrorNotice } from '../../components/error-notice';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field } from '../../components/field';
import { formatDateTime } from '../../lib/format';
import { useData } from '../../lib/use-data';
import { EmptyRow, TableCard } from '../backoffice/list-parts';
import './backup.css';

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;
const formatSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Backups: where they go, how many are kept, back up now, restore (admin). */
export function BackupScreen() {
  const t = useT();
  const { lang } = useLang();
  const { isAdmin, shop } = useSession();
  const [folder, setFolder] = useState('');
  const [keep, setKeep] = useState('30');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [restorePath, setRestorePath] = useState('');
  const [confirm, setConfirm] = useState<string | null>(null);

  // Every load (also the one after an action) puts the saved settings back in the form.
  const backup = useData(async (): Promise<BackupStatus> => {
    const s = await call('backup.status', {});
    setFolder(s.folder ?? '');
    setKeep(String(s.keep));
    return s;
  }, []);
  const status = backup.data;

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await action());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      await backup.reload();
    }
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await call('backup.configure', { folder: folder.trim() || null, keep: Number(keep) || 30 });
      return t('backup.saved');
    });
  };

  const backupNow = () => void run(async () => t('backup.done', { file: fileName((await call('backup.run', {})).file) }));

  const restore = (file: string) =>
    void run(async () => {
      const r = await call('backup.restore', { file });
      return t('backup.restored', { file: fileName(r.restoredFrom), copy: r.safetyCopy });
    });

  if (!status) return <ErrorNotice error={backup.error} />;
  const when = (ms: number) => formatDateTime(ms, shop.timeZone, lang);

  return (
    <div className="bo-split">
      <form className="card bo-form bo-form-wide" onSubmit={save} noValidate>
        <h2>{t('nav.backup')}</h2>
        <p className="muted">{t('backup.intro')}</p>
        {status.lastError && (
          <div className="notice notice-error" role="alert">
            <strong>{t('backup.failedTitle')}</strong> — {status.lastError}
          </div>
        )}
        {status.pruneError && (
          <div className="notice notice-warn" role="status">
            <strong>{t('backup.pruneFailedTitle')}</strong> — {status.pruneError}
          </div>
        )}
        <p className="muted">
          {t('backup.last')}: <strong>{status.lastBackupAt ? when(status.lastBackupAt) : t('backup.never')}</strong>
        </p>
        <div className="form-grid form-grid-3-1">
          <Field label={t('backup.folder')} hint={t('backup.folderHint')}>
            <input className="input mono" value={folder} disabled={!isAdmin} onChange={(e) => setFolder(e.target.value)} />
          </Field>
          <Field label={t('backup.keep')}>
            <input className="input" inputMode="numeric" value={keep} disabled={!isAdmin} onChange={(e) => setKeep(e.target.value.replace(/\D/g, ''))} />
          </Field>
        </div>
        {!isAdmin && <p className="muted">{t('backup.adminOnly')}</p>}
        {notice && (
          <div className="notice notice-success" role="status">
            {notice}
          </div>
        )}
        <ErrorNotice error={error} />
        <div className="btn-row">
          {isAdmin && (
            <button type="submit" className="btn btn-secondary btn-lg" disabled={busy}>
              {t('common.save')}
            </button>
          )}
          <button type="button" className="btn btn-primary btn-lg" onClick={backupNow} disabled={busy || !status.folder}>
            {busy ? t('backup.running') : t('backup.runNow')}
          </button>
        </div>
        {isAdmin && (
          <div className="form-grid form-grid-3-1 backup-restore">
            <Field label={t('backup.restoreFile')}>
              <input className="input mono" value={restorePath} placeholder={t('backup.restorePath')} onChange={(e) => setRestorePath(e.target.value)} />
            </Field>
            <div className="field backup-restore-action">
              <button type="button" className="btn btn-danger" disabled={busy || !restorePath.trim()} onClick={() => setConfirm(restorePath.trim())}>
                {t('backup.restore')}
              </button>
            </div>
          </div>
        )}
      </form>

      <TableCard title={t('backup.files')}>
            <thead>
              <tr>
                <th>{t('backup.file')}</th>
                <th>{t('backup.size')}</th>
                {isAdmin && <th />}
              </tr>
            </thead>
            <tbody>
              {status.files.length === 0 && <EmptyRow cols={3}>{t('backup.noFiles')}</EmptyRow>}
              {status.files.map((f) => (
                <tr key={f.file}>
                  <td className="mono">{fileName(f.file)}</td>
                  <td>{formatSize(f.bytes)}</td>
                  {isAdmin && (
                    <td>
                      <button type="button" className="btn btn-ghost btn-sm" disabled={busy} onClick={() => setConfirm(f.file)}>
                        {t('backup.restore')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
        </tbody>
      </TableCard>
      {confirm && (
        <ConfirmDialog
          title={t('backup.restoreConfirmTitle')}
          confirmLabel={t('backup.restore')}
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const file = confirm;
            setConfirm(null);
            restore(file);
          }}
        >
          <p>{t('backup.restoreConfirm', { file: fileName(confirm) })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
