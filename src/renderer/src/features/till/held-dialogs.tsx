import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useLang, useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import type { HeldSaleSummary } from '../../../../shared/types-till';
import { useSession } from '../../app/session';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { formatDateTime } from '../../lib/format';

/** F4: put the cart aside with a note (a tourist group still choosing). */
export function HoldDialog({
  lineCount,
  itemCount,
  total,
  onHold,
  onClose,
}: {
  lineCount: number;
  itemCount: number;
  total: number;
  onHold(note: string): Promise<void>;
  onClose(): void;
}) {
  const t = useT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onHold(note.trim());
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('tx.hold.title')} size="sm" onClose={busy ? undefined : onClose}>
      <form onSubmit={submit} data-testid="hold-dialog">
        <p>{t('tx.hold.body', { lines: lineCount, items: itemCount, total: formatRupiah(total) })}</p>
        <div className="field">
          <label htmlFor="hold-note">{t('tx.hold.note')}</label>
          <input
            id="hold-note"
            className="input input-lg"
            value={note}
            maxLength={120}
            placeholder={t('tx.hold.notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
            data-autofocus
          />
        </div>
        <ErrorNotice error={error} />
        <div className="pay-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose} disabled={busy}>
            {t('common.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="submit" className="btn btn-primary btn-lg" disabled={busy}>
            {busy ? t('common.saving') : t('tx.hold.confirm')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The held sales of this till: resume one into the (empty) cart, or discard it. */
export function HeldListDialog({
  cartEmpty,
  onResume,
  onClose,
  onCount,
}: {
  cartEmpty: boolean;
  onResume(id: number): Promise<void>;
  onClose(): void;
  onCount?(n: number): void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { shop } = useSession();
  const [list, setList] = useState<HeldSaleSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [discarding, setDiscarding] = useState<number | null>(null);

  const load = async () => {
    try {
      const l = await call('sales.held', {});
      setList(l);
      onCount?.(l.length);
    } catch (err) {
      setError(err);
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const resume = async (id: number) => {
    setBusy(id);
    setError(null);
    try {
      await onResume(id);
    } catch (err) {
      setError(err);
      setBusy(null);
      void load();
    }
  };
  const discard = async (id: number) => {
    setBusy(id);
    setError(null);
    try {
      await call('sales.discardHeld', { id });
      setDiscarding(null);
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Dialog title={t('tx.held.title')} size="lg" onClose={onClose}>
      <div data-testid="held-dialog">
        {!cartEmpty && <div className="notice notice-info">{t('tx.held.cartNotEmpty')}</div>}
        <ErrorNotice error={error} />
        {list === null ? (
          <div className="spinner" />
        ) : list.length === 0 ? (
          <p className="muted empty-cell">{t('tx.held.none')}</p>
        ) : (
          <div className="table-wrap held-table">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('tx.held.when')}</th>
                  <th>{t('tx.hold.note')}</th>
                  <th>{t('tx.held.by')}</th>
                  <th className="num">{t('tx.held.items')}</th>
                  <th className="num">{t('tx.held.subtotal')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.map((h, i) => (
                  <tr key={h.id} data-testid="held-row">
                    <td>{formatDateTime(h.createdAt, shop.timeZone, lang)}</td>
                    <td className="strong">{h.note || '—'}</td>
                    <td>{h.createdByName}</td>
                    <td className="num">{h.itemCount}</td>
                    <td className="num">{formatRupiah(h.subtotal)}</td>
                    <td className="row-actions">
                      {discarding === h.id ? (
                        <>
                          <button type="button" className="btn btn-danger btn-sm" onClick={() => void discard(h.id)} disabled={busy !== null}>
                            {t('tx.held.discardYes')}
                          </button>
                          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setDiscarding(null)}>
                            {t('common.cancel')}
                          </button>
                        </>
                      ) : (
                        <>
                          <button
                            type="button"
                            className="btn btn-primary btn-sm"
                            onClick={() => void resume(h.id)}
                            disabled={busy !== null || !cartEmpty}
                            data-autofocus={i === 0 ? true : undefined}
                          >
                            {t('tx.held.resume')}
                          </button>
                          <button type="button" className="btn btn-secondary btn-sm" onClick={() => setDiscarding(h.id)} disabled={busy !== null}>
                            {t('tx.held.discard')}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </Dialog>
  );
}
