import { useT } from '../../i18n';

/**
 * What this computer is (issue 20): the main computer, an additional till of a host, or the
 * province office. Only in the desktop app (the preload offers `chooseRole`); the app's own
 * chooser opens and asks for an admin's PIN before anything changes (src/main/desktop).
 */
export function DesktopRolePanel() {
  const t = useT();
  const chooseRole = window.pos?.chooseRole;
  if (!chooseRole) return null;
  return (
    <section className="card bo-form" data-testid="desktop-role">
      <h2>{t('desktopRole.title')}</h2>
      <p className="muted">{t('desktopRole.body')}</p>
      <div className="pay-actions">
        <button type="button" className="btn btn-ghost" onClick={() => void chooseRole()}>
          {t('desktopRole.open')}
        </button>
      </div>
    </section>
  );
}
