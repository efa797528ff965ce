import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { resetPasswordRequestSchema, updateUserRequestSchema, type AdminUser } from '../../../../shared/admin';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { ScopeFields, type ScopeValue } from './UserFields';
import { fieldProblems } from './validation';
import { AdminMessages } from '../AdminMessages';
import { SessionsPanel } from './SessionsPanel';

/**
 * One user's card: name, role and municipality; a new password; disabling (which ends their
 * sessions at once) or enabling again; their signed-in devices. Each button is one audited change on the server.
 */
export function EditUserPanel({ user, onChanged, onClose }: { user: AdminUser; onChanged(u: AdminUser): void; onClose(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const call = useAdminApi();
  const heading = useRef<HTMLHeadingElement>(null);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [scope, setScope] = useState<ScopeValue>({ role: user.role, municipalityId: user.municipalityId ?? '' });
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');

  useEffect(() => {
    setDisplayName(user.displayName);
    setScope({ role: user.role, municipalityId: user.municipalityId ?? '' });
    setPassword('');
    setError('');
    heading.current?.focus();
  }, [user.id]);

  const run = async (fn: () => Promise<string>) => {
    setError('');
    setStatus('');
    try {
      setStatus(await fn());
    } catch (e) {
      setError(adminErrorText(e));
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const parsed = updateUserRequestSchema.safeParse({ displayName, role: scope.role, municipalityId: scope.municipalityId || null });
    if (!parsed.success) return setError(fieldProblems(parsed.error).join(' '));
    if (parsed.data.role === 'clerk' && parsed.data.municipalityId === null) return setError(t('admin.users.invalid.municipalityId'));
    void run(async () => {
      const res = await call<{ user: AdminUser }>('POST', `/users/${encodeURIComponent(user.id)}`, parsed.data);
      onChanged(res.user);
      return t('admin.users.saved');
    });
  };

  const resetPassword = (event: FormEvent) => {
    event.preventDefault();
    const parsed = resetPasswordRequestSchema.safeParse({ password });
    if (!parsed.success) return setError(t('admin.users.invalid.password'));
    void run(async () => {
      await call('POST', `/users/${encodeURIComponent(user.id)}/password`, parsed.data);
      setPassword('');
      return t('admin.users.passwordReset');
    });
  };

  const setDisabled = (disabled: boolean) =>
    void run(async () => {
      const res = await call<{ user: AdminUser }>('POST', `/users/${encodeURIComponent(user.id)}/disabled`, { disabled });
      onChanged(res.user);
      return t(disabled ? 'admin.users.disabledDone' : 'admin.users.enabledDone');
    });

  return (
    <section className="adm-form" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('admin.users.editHeading', { name: user.displayName, username: user.username })}
      </h3>
      <form onSubmit={save} noValidate className="adm-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('admin.users.displayName')}</label>
          <input id={`${id}-name`} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <ScopeFields idBase={id} value={scope} onChange={setScope} />
        <button type="submit">{t('admin.users.save')}</button>
      </form>
      <form onSubmit={resetPassword} noValidate className="adm-row">
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('admin.users.newPassword')}</label>
          <input id={`${id}-password`} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <button type="submit">{t('admin.users.resetPassword')}</button>
      </form>
      <div className="adm-actions">
        {user.disabled ? (
          <button type="button" onClick={() => setDisabled(false)}>
            {t('admin.users.enable')}
          </button>
        ) : (
          <button type="button" onClick={() => setDisabled(true)}>
            {t('admin.users.disable')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('admin.users.close')}
        </button>
      </div>
      <AdminMessages error={error} status={status} />
      {/* Disabling ends every session: the list is read again after each change of the card. */}
      <SessionsPanel userId={user.id} name={user.displayName} refreshKey={user.disabled ? 1 : 0} />
    </section>
  );
}
