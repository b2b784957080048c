import { useT } from '../i18n';
import { describeError } from '../i18n/errors';

/** An API (or any) error: the translated title by code, the server's detail below. */
export function ErrorNotice({ error, compact }: { error: unknown; compact?: boolean }) {
  const t = useT();
  if (!error) return null;
  const { title, detail } = describeError(t, error);
  return (
    <div className={`notice notice-error ${compact ? 'notice-compact' : ''}`} role="alert">
      <strong>{title}</strong>
      {detail && <span className="notice-detail">{detail}</span>}
    </div>
  );
}
