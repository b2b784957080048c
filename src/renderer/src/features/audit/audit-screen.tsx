import { useMemo, useState, type FormEvent } from 'react';
import '../till/till-operations.css';
import { call } from '../../api';
import { useLang, useT, type MessageKey, type Translate } from '../../i18n';
import type { AuditEntryView } from '../../../../shared/types-till';
import { useSession } from '../../app/session';
import { AppBar } from '../../components/app-bar';
import { ErrorNotice } from '../../components/error-notice';
import { formatDateTime, todayIn } from '../../lib/format';
import { auditDetails, AUDIT_AREAS } from './audit-logic';
import { DateField } from '../../components/date-field';
import { useData } from '../../lib/use-data';

const PAGE = 200;

interface Filters {
  from: string;
  to: string;
  action: string;
  userId: string;
}

/** The audit log (manager): who did what and when, newest first, filterable. */
const ENTITY_KEY: Record<string, MessageKey> = {
  held_sale: 'audit.entity.held_sale',
  intake: 'audit.entity.intake',
  ledger_entry: 'audit.entity.ledger_entry',
  lot: 'audit.entity.lot',
  product: 'audit.entity.product',
  refund: 'audit.entity.refund',
  return: 'audit.entity.return',
  sale: 'audit.entity.sale',
  settlement: 'audit.entity.settlement',
  shift: 'audit.entity.shift',
  stock_count: 'audit.entity.stock_count',
  supplier: 'audit.entity.supplier',
  user: 'audit.entity.user',
  settings: 'audit.entity.settings',
  print_job: 'audit.entity.print_job',
};

/** `Barang 297`: what the entry is about, in the user's words. */
function entityLabel(t: Translate, entity: string, id: number | null): string {
  const name = t(ENTITY_KEY[entity] ?? 'audit.entity.other');
  return id === null ? name : t('audit.entityRef', { entity: name, id });
}

export function AuditScreen() {
  const t = useT();
  const { lang } = useLang();
  const { shop } = useSession();
  const [draft, setDraft] = useState<Filters>({ from: '', to: '', action: '', userId: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [users, setUsers] = useState<Map<number, string>>(new Map());

  /** One page of the log under `f`, older than `beforeId`; remembers the users it names for the filter. */
  const page = async (f: Filters, beforeId?: number): Promise<AuditEntryView[]> => {
    const list = await call('audit.list', {
      ...(f.from ? { from: f.from } : {}),
      ...(f.to ? { to: f.to } : {}),
      ...(f.action.trim() ? { action: f.action.trim() } : {}),
      ...(f.userId ? { userId: Number(f.userId) } : {}),
      ...(beforeId ? { beforeId } : {}),
      limit: PAGE,
    });
    setUsers((m) => {
      const next = new Map(m);
      for (const e of list) if (e.userId !== null && e.userName) next.set(e.userId, e.userName);
      return next;
    });
    return list;
  };
  const log = useData(async () => {
    const list = await page(filters);
    return { entries: list, more: list.length === PAGE };
  }, [filters]);
  const entries = log.data?.entries ?? [];
  const more = log.data?.more ?? false;
  const loading = log.loading;
  const loadMore = () =>
    void log.extend(async (cur) => {
      const list = await page(filters, cur?.entries.at(-1)?.id);
      return { entries: [...(cur?.entries ?? []), ...list], more: list.length === PAGE };
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
  };
  const set = (k: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const userOptions = useMemo(() => [...users.entries()].sort((a, b) => a[1].localeCompare(b[1])), [users]);
  const today = todayIn(shop.timeZone);

  return (
    <div className="page">
      <AppBar title={t('tx.audit.title')}>
        <a className="btn btn-secondary btn-sm" href="#/till">
          ← {t('nav.backToTill')}
        </a>
      </AppBar>
      <main className="page-body audit-page">
        <form className="card audit-filters" onSubmit={submit}>
          <div className="field">
            <label htmlFor="audit-from">{t('tx.audit.from')}</label>
            <DateField id="audit-from" value={draft.from} max={today} onChange={(iso) => setDraft((d) => ({ ...d, from: iso }))} />
          </div>
          <div className="field">
            <label htmlFor="audit-to">{t('tx.audit.to')}</label>
            <DateField id="audit-to" value={draft.to} max={today} onChange={(iso) => setDraft((d) => ({ ...d, to: iso }))} />
          </div>
          <div className="field">
            <label htmlFor="audit-action">{t('tx.audit.action')}</label>
            <input id="audit-action" className="input mono" list="audit-areas" value={draft.action} placeholder={t('tx.audit.actionPlaceholder')} onChange={set('action')} />
            <datalist id="audit-areas">
              {AUDIT_AREAS.map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </div>
          <div className="field">
            <label htmlFor="audit-user">{t('tx.audit.user')}</label>
            <select id="audit-user" className="input" value={draft.userId} onChange={set('userId')}>
              <option value="">{t('tx.audit.allUsers')}</option>
              {userOptions.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="audit-filter-actions">
            <button type="submit" className="btn btn-primary">
              {t('tx.audit.apply')}
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                const empty = { from: '', to: '', action: '', userId: '' };
                setDraft(empty);
                setFilters(empty);
              }}
            >
              {t('tx.audit.reset')}
            </button>
          </div>
        </form>
        <ErrorNotice error={log.error} />
        <section className="card audit-list">
          <div className="table-wrap">
            <table className="table audit-table" data-testid="audit-table">
              <thead>
                <tr>
                  <th>{t('tx.audit.when')}</th>
                  <th>{t('tx.audit.user')}</th>
                  <th>{t('tx.audit.action')}</th>
                  <th>{t('tx.audit.entity')}</th>
                  <th>{t('tx.audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">{formatDateTime(e.at, shop.timeZone, lang)}</td>
                    <td>{e.userName ?? '—'}</td>
                    <td>
                      <code className={`badge audit-badge audit-${e.action.split('.')[0]}`}>{e.action}</code>
                    </td>
                    <td>{e.entity ? entityLabel(t, e.entity, e.entityId) : '—'}</td>
                    <td className="audit-details" title={JSON.stringify(e.details)}>
                      {/* The record as it was written: field codes and values. */}
                      <code>{auditDetails(e.details)}</code>
                    </td>
                  </tr>
                ))}
                {!loading && entries.length === 0 && (
                  <tr>
                    <td colSpan={5} className="empty-cell">
                      {t('tx.audit.none')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <div className="audit-foot">
            <span className="muted">{t('common.count', { n: entries.length })}</span>
            {loading && <span className="spinner spinner-sm" />}
            {more && !loading && (
              <button type="button" className="btn btn-secondary btn-sm" onClick={loadMore}>
                {t('tx.audit.more')}
              </button>
            )}
          </div>
        </section>
      </main>
    </div>
  );
}
