import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/domain';
import { useDirectory } from '../../supervisor/directory';

export interface ScopeValue {
  role: Role;
  /** '' for the whole region. */
  municipalityId: string;
}

/** Role and municipality pickers, shared by the new-user and edit forms. */
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
          {dir.municipalityList.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
