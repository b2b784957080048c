import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { useSession } from '../app/session';
import { LanguageSwitch } from './language-switch';
import { UserChip } from './user-chip';

/** The header of the screens other than the till. */
export function AppBar({ title, children }: { title: string; children?: ReactNode }) {
  const t = useT();
  const { session, shop, logout } = useSession();
  return (
    <header className="app-bar">
      <a className="brand" href="#/till" title={t('nav.till')}>
        <span className="brand-mark brand-mark-sm" aria-hidden="true">
          P
        </span>
        <span className="brand-text">
          <span className="brand-name">{shop.shopName}</span>
          <span className="brand-sub">{t('topbar.till', { code: session.tillCode })}</span>
        </span>
      </a>
      <h1 className="app-bar-title">{title}</h1>
      <div className="app-bar-actions">
        {children}
        <LanguageSwitch />
        <UserChip name={session.user.name} role={session.user.role} />
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => void logout()}>
          {t('nav.logout')}
        </button>
      </div>
    </header>
  );
}
