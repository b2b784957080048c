import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { LanguageSwitch } from './language-switch';

/** The brand panel on the left, the form card on the right (setup and login). */
export function AuthLayout({ children, wide }: { children: ReactNode; wide?: boolean }) {
  const t = useT();
  return (
    <div className="auth">
      <aside className="auth-brand">
        <div className="brand-mark" aria-hidden="true">
          P
        </div>
        <h1>{t('app.name')}</h1>
        <p>{t('app.tagline')}</p>
        <ul className="auth-points">
          <li>{t('app.point1')}</li>
          <li>{t('app.point2')}</li>
          <li>{t('app.point3')}</li>
        </ul>
        <div className="auth-weave" aria-hidden="true" />
      </aside>
      <main className="auth-main">
        <div className="auth-lang">
          <LanguageSwitch />
        </div>
        <div className={`card auth-card ${wide ? 'auth-card-wide' : ''}`}>{children}</div>
      </main>
    </div>
  );
}
