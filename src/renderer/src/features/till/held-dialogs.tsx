import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useLang, useT } from '../../i18n';
import { formatRupiah } from '../../../../shared/money';
import type { HeldSaleSummary } from '../../../../shared/types-till';
import { useSession } from '../../app/session';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { formatDateTime } from '../../lib/format';
import { CancelButton } from '../../components/dialog-parts';
import { useData } from '../../lib/use-data';

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
          <CancelButton onClick={onClose} disabled={busy} />
          <button type="submit" className="btn btn-primary btn-lg" disabled={busy}>
            {busy ? t('common.saving') : t('tx.hold.confirm')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * The held sales of this till: resume one into the (empty) cart, or discard
 * it. Keyboard: the list has the focus, ↑/↓ move, Enter resumes, Delete
 * asks to discard, Esc closes.
 */
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
  const [active, setActive] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [discarding, setDiscarding] = useState<number | null>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const held = useData(async () => {
    const l = await call('sales.held', {});
    setActive((a) => Math.max(0, Math.min(a, l.length - 1)));
    onCount?.(l.length);
    return l;
  }, []);
  const list: HeldSaleSummary[] | null = held.data;
  const load = held.reload;
  // The list takes the focus once it is there (the dialog opened before it loaded).
  useEffect(() => {
    if (list && list.length > 0 && !listRef.current?.contains(document.activeElement)) listRef.current?.focus();
  }, [list]);
  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

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
      listRef.current?.focus();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const onListKey = (e: React.KeyboardEvent) => {
    if (!list || list.length === 0 || busy !== null) return;
    const current = list[active];
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(list.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Home') {
      e.preventDefault();
      setActive(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      setActive(list.length - 1);
    } else if (e.key === 'Enter' && current) {
      e.preventDefault();
      if (discarding === current.id) void discard(current.id);
      else if (cartEmpty) void resume(current.id);
    } else if (e.key === 'Delete' && current) {
      e.preventDefault();
      setDiscarding(current.id);
    }
  };

  return (
    <Dialog title={t('tx.held.title')} size="lg" onClose={discarding !== null ? () => setDiscarding(null) : onClose}>
      <div data-testid="held-dialog">
        {!cartEmpty && <div className="notice notice-info">{t('tx.held.cartNotEmpty')}</div>}
        <ErrorNotice error={error ?? held.error} />
        {list === null ? (
          <div className="spinner" />
        ) : list.length === 0 ? (
          <p className="muted empty-cell">{t('tx.held.none')}</p>
        ) : (
          <>
            <div className="held-head" aria-hidden="true">
              <span>{t('tx.held.when')}</span>
              <span>{t('tx.hold.note')}</span>
              <span>{t('tx.held.by')}</span>
              <span className="num">{t('tx.held.items')}</span>
              <span className="num">{t('tx.held.subtotal')}</span>
              <span />
            </div>
            <div
              ref={listRef}
              className="held-list"
              role="listbox"
              tabIndex={0}
              aria-label={t('tx.held.title')}
              aria-activedescendant={list[active] ? `held-${list[active].id}` : undefined}
              onKeyDown={onListKey}
              data-testid="held-list"
            >
              {list.map((h, i) => (
                <div
                  key={h.id}
                  id={`held-${h.id}`}
                  role="option"
                  aria-selected={i === active}
                  className={`held-row ${i === active ? 'active' : ''}`}
                  data-index={i}
                  data-testid="held-row"
                  onMouseDown={(e) => {
                    if (!(e.target as HTMLElement).closest('button')) e.preventDefault();
                    setActive(i);
                    listRef.current?.focus();
                  }}
                  onDoubleClick={() => cartEmpty && busy === null && void resume(h.id)}
                >
                  <span>{formatDateTime(h.createdAt, shop.timeZone, lang)}</span>
                  <span className="strong">{h.note || '—'}</span>
                  <span>{h.createdByName}</span>
                  <span className="num">{h.itemCount}</span>
                  <span className="num">{formatRupiah(h.subtotal)}</span>
                  <span className="row-actions">
                    {discarding === h.id ? (
                      <>
                        <button type="button" tabIndex={-1} className="btn btn-danger btn-sm" onClick={() => void discard(h.id)} disabled={busy !== null}>
                          {t('tx.held.discardYes')} <kbd>Enter</kbd>
                        </button>
                        <button type="button" tabIndex={-1} className="btn btn-ghost btn-sm" onClick={() => setDiscarding(null)}>
                          {t('common.cancel')} <kbd>Esc</kbd>
                        </button>
                      </>
                    ) : (
                      <>
                        <button
                          type="button"
                          tabIndex={-1}
                          className="btn btn-primary btn-sm"
                          onClick={() => void resume(h.id)}
                          disabled={busy !== null || !cartEmpty}
                        >
                          {t('tx.held.resume')}
                          {i === active && cartEmpty && <kbd>Enter</kbd>}
                        </button>
                        <button type="button" tabIndex={-1} className="btn btn-secondary btn-sm" onClick={() => setDiscarding(h.id)} disabled={busy !== null}>
                          {t('tx.held.discard')}
                          {i === active && <kbd>Del</kbd>}
                        </button>
                      </>
                    )}
                  </span>
                </div>
              ))}
            </div>
            <p className="field-hint held-keys">{t('tx.held.keys')}</p>
          </>
        )}
        <div className="pay-actions">
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            {t('common.close')} <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </Dialog>
  );
}
