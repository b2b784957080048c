import { useLang, useT } from '../i18n';

/** ID | EN */
export function LanguageSwitch({ onSwitched }: { onSwitched?: () => void }) {
  const { lang, setLang } = useLang();
  const t = useT();
  return (
    <div className="lang-switch" role="group" aria-label={t('common.language')}>
      {(['id', 'en'] as const).map((l) => (
        <button
          key={l}
          type="button"
          className={lang === l ? 'active' : ''}
          aria-pressed={lang === l}
          onClick={() => {
            setLang(l);
            onSwitched?.();
          }}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
