import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '../../../../shared/admin';
import { municipalityName, useDirectory } from '../../supervisor/directory';
import { useAdminConsole } from '../sections';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { CreateUserForm } from './CreateUserForm';
import { EditUserPanel } from './EditUserPanel';

/** «Пользователи»: everyone who can sign in, a new one, and one person's card. */
export function UsersView() {
  const { t } = useTranslation();
  const call = useAdminApi();
  const dir = useDirectory();
  const [users, setUsers] = useState<AdminUser[] | null>(null);
  const [error, setError] = useState('');
  // Opened from a body's staff list on «Органы», or by the row's own button. The request is taken
  // in an effect, not while rendering: a render React throws away (a lazy child suspending) would
  // have taken it and the next render would have found nothing.
  const [openId, setOpenId] = useState<string | null>(() => useAdminConsole.getState().userToOpen);
  const userToOpen = useAdminConsole((s) => s.userToOpen);
  useEffect(() => {
    if (userToOpen === null) return;
    setOpenId(userToOpen);
    useAdminConsole.getState().takeUserToOpen();
  }, [userToOpen]);

  const load = useCallback(async () => {
    try {
      const res = await call<{ users: AdminUser[] }>('GET', '/users');
      setUsers(res.users);
      setError('');
    } catch (e) {
      setError(adminErrorText(e));
    }
  }, [call]);

  useEffect(() => void load(), [load]);

  const replace = (u: AdminUser) => setUsers((list) => (list ? list.map((x) => (x.id === u.id ? u : x)) : list));
  const open = users?.find((u) => u.id === openId) ?? null;

  return (
    <>
      <h2>{t('admin.users.heading')}</h2>
      <CreateUserForm onCreated={() => void load()} />
      {open && <EditUserPanel user={open} onChanged={replace} onClose={() => setOpenId(null)} />}
      <p className="adm-error" role="alert">
        {error}
      </p>
      {users === null ? (
        !error && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <div className="sv-table-wrap">
          <table className="sv-table">
            <caption className="adm-muted">{t('admin.users.count', { count: users.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.users.displayName')}</th>
                <th scope="col">{t('admin.users.username')}</th>
                <th scope="col">{t('admin.users.role')}</th>
                <th scope="col">{t('admin.users.municipality')}</th>
                <th scope="col">{t('admin.users.state')}</th>
                <th scope="col">
                  <span className="sr-live">{t('admin.users.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} className={u.id === openId ? 'is-open' : undefined}>
                  <td>{u.displayName}</td>
                  <td>{u.username}</td>
                  <td>{t(`roles.${u.role}`)}</td>
                  <td>{u.municipalityId === null ? t('supervisor.region') : municipalityName(dir, u.municipalityId)}</td>
                  <td>{u.disabled ? t('admin.users.disabled') : t('admin.users.active')}</td>
                  <td>
                    <button type="button" onClick={() => setOpenId(u.id)} aria-label={t('admin.users.openLabel', { name: u.displayName })}>
                      {t('admin.users.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
