import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createUserRequestSchema, type AdminUser } from '../../../../shared/admin';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { ScopeFields, type ScopeValue } from './UserFields';
import { fieldProblems } from './validation';
import { AdminMessages } from '../AdminMessages';

const EMPTY = { username: '', displayName: '', password: '' };

/** «Новый сотрудник»: login, name, role, municipality and the first password they sign in with. */
export function CreateUserForm({ onCreated }: { onCreated(user: AdminUser): void }) {
  const { t } = useTranslation();
  const id = useId();
  const call = useAdminApi();
  const [fields, setFields] = useState(EMPTY);
  const [scope, setScope] = useState<ScopeValue>({ role: 'clerk', municipalityId: '' });
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    const parsed = createUserRequestSchema.safeParse({ ...fields, role: scope.role, municipalityId: scope.municipalityId || null });
    if (!parsed.success) {
      setError(fieldProblems(parsed.error).join(' '));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const { user } = await call<{ user: AdminUser }>('POST', '/users', parsed.data);
      // Only the password is cleared: an administrator creating several people keeps role and place.
      setFields(EMPTY);
      setStatus(t('admin.users.created', { name: user.displayName, username: user.username }));
      onCreated(user);
    } catch (e) {
      setError(adminErrorText(e, { conflict: t('admin.users.usernameTaken') }));
    } finally {
      setBusy(false);
    }
  };

  const text = (name: keyof typeof EMPTY, type = 'text', autoComplete = 'off') => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{t(`admin.users.${name}`)}</label>
      <input id={`${id}-${name}`} type={type} autoComplete={autoComplete} value={fields[name]} onChange={(e) => setFields({ ...fields, [name]: e.target.value })} />
    </div>
  );

  return (
    <form className="adm-form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('admin.users.createHeading')}</h3>
      <div className="adm-row">
        {text('username')}
        {text('displayName')}
        {text('password', 'password', 'new-password')}
      </div>
      <div className="adm-row">
        <ScopeFields idBase={id} value={scope} onChange={setScope} />
      </div>
      <AdminMessages error={error} status={status} />
      <div>
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {t('admin.users.create')}
        </button>
      </div>
    </form>
  );
}
