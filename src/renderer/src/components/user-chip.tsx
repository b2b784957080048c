import { useT, type MessageKey } from '../i18n';
import type { Role } from '../../../shared/types';

export const roleKey = (role: Role): MessageKey => `role.${role}` as MessageKey;

/** Initials, name and role of who is logged in. */
export function UserChip({ name, role }: { name: string; role: Role }) {
  const t = useT();
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  return (
    <div className="user-chip">
      <span className={`avatar avatar-${role}`} aria-hidden="true">
        {initials || '?'}
      </span>
      <span className="user-chip-text">
        <span className="user-chip-name">{name}</span>
        <span className="user-chip-role">{t(roleKey(role))}</span>
      </span>
    </div>
  );
}
