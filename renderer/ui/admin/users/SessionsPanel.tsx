import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminSession } from '../../../../shared/admin-sessions';
import { formatShort } from '../../../i18n/format';
import { AdminMessages } from '../AdminMessages';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { deviceName } from './device-name';

/**
 * «Устройства» on a user's card: each signed-in workstation or browser with when it signed in, when
 * it was last used and from where; the administrator ends one (a lost laptop) or all. An ended
 * device is refused at its next request and asks its person to sign in again; each ending is
 * audited on the server.
 */
export function SessionsPanel({ userId, name, refreshKey }: { userId: string; name: string; refreshKey: number }) {
  const { t } = useTranslation();
  const id = useId();
  const call = useAdminApi();
  const [sessions, setSessions] = useState<AdminSession[] | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');

  const load = useCallback(async () => {
    try {
      setSessions((await call<{ sessions: AdminSession[] }>('GET', `/users/${encodeURIComponent(userId)}/sessions`)).sessions);
    } catch (e) {
      setError(adminErrorText(e));
    }
  }, [call, userId]);
  useEffect(() => void load(), [load, refreshKey]);

  const end = async (session: AdminSession | null) => {
    const what = session ? deviceName(session.userAgent) : null;
    if (!window.confirm(session ? t('admin.sessions.confirmEnd', { device: what, name }) : t('admin.sessions.confirmEndAll', { name }))) return;
    setError('');
    setStatus('');
    try {
      const path = session ? `/users/${encodeURIComponent(userId)}/sessions/${encodeURIComponent(session.id)}/end` : `/users/${encodeURIComponent(userId)}/sessions/end`;
      const { ended } = await call<{ ended: number }>('POST', path);
      setStatus(session ? t('admin.sessions.ended', { device: what }) : t('admin.sessions.endedAll', { count: ended }));
      await load();
    } catch (e) {
      setError(adminErrorText(e));
    }
  };

  return (
    <section aria-labelledby={`${id}-h`} className="adm-sessions">
      <h4 id={`${id}-h`}>{t('admin.sessions.heading', { count: sessions?.length ?? 0 })}</h4>
      {sessions === null ? (
        !error && <p aria-busy="true">{t('app.loading')}</p>
      ) : sessions.length === 0 ? (
        <p className="hint">{t('admin.sessions.none')}</p>
      ) : (
        <>
          <table className="sv-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.sessions.device')}</th>
                <th scope="col">{t('admin.sessions.signedIn')}</th>
                <th scope="col">{t('admin.sessions.lastUsed')}</th>
                <th scope="col">{t('admin.sessions.address')}</th>
                <th scope="col">
                  <span className="sr-live">{t('admin.users.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{deviceName(s.userAgent)}</th>
                  <td>{formatShort(new Date(s.createdAt))}</td>
                  <td>{formatShort(new Date(s.lastUsedAt))}</td>
                  <td>{s.address ?? '—'}</td>
                  <td>
                    <button type="button" onClick={() => void end(s)} aria-label={t('admin.sessions.endLabel', { device: deviceName(s.userAgent), time: formatShort(new Date(s.createdAt)) })}>
                      {t('admin.sessions.end')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => void end(null)}>
            {t('admin.sessions.endAll')}
          </button>
        </>
      )}
      <AdminMessages error={error} status={status} />
    </section>
  );
}
