import { useTranslation } from 'react-i18next';
import type { BodyKind } from '../../../../shared/bodies';
import { ROLES, type Role } from '../../../../shared/domain';
import { useDirectory } from '../../supervisor/directory';

const GROUPS: ReadonlyArray<{ key: string; kinds: readonly BodyKind[] }> = [
  { key: 'ministries', kinds: ['ministry', 'agency'] },
  { key: 'municipalities', kinds: ['municipality'] },
  { key: 'settlements', kinds: ['settlement'] },
];

export interface ScopeValue {
  role: Role;
  /** A body's id; '' for the ЦУР (the whole region). */
  municipalityId: string;
}

/** Role and body pickers, shared by the new-user and edit forms: a person may belong to any enabled body. */
export function ScopeFields({ idBase, value, onChange }: { idBase: string; value: ScopeValue; onChange(v: ScopeValue): void }) {
  const { t } = useTranslation();
  const dir = useDirectory();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idBase}-role`}>{t('admin.users.role')}</label>
        <select id={`${idBase}-role`} value={value.role} onChange={(e) => onChange({ ...value, role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idBase}-municipality`}>{t('admin.users.municipality')}</label>
        <select id={`${idBase}-municipality`} value={value.municipalityId} onChange={(e) => onChange({ ...value, municipalityId: e.target.value })}>
          <option value="">{t('supervisor.region')}</option>
          {GROUPS.map((g) => {
            const bodies = [...dir.bodies.values()].filter((b) => g.kinds.includes(b.kind) && (b.disabled !== true || b.id === value.municipalityId));
            return (
              bodies.length > 0 && (
                <optgroup key={g.key} label={t(`admin.routing.groups.${g.key}`)}>
                  {bodies.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.name}
                    </option>
                  ))}
                </optgroup>
              )
            );
          })}
        </select>
      </div>
    </>
  );
}
