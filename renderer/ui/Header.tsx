import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db';
import { useSession } from '../state/session';
import type { SyncStatus } from '../sync';
import { ConnectionDetail, ConnectionStatus } from './ConnectionStatus';
import { useCurrent } from './hooks/use-current';
import { RejectedList } from './RejectedList';
import { AboutControl } from './about/AboutControl';
import { DiagnosticsControl } from './diagnostics/DiagnosticsControl';
import { NotificationBell } from './NotificationBell';
import { UpdateNotice } from './UpdateNotice';

/** Who is working, whether the server is reachable, and what has not reached it yet. */
export function Header({ status, onOpenAppeal }: { status: SyncStatus; onOpenAppeal: (appealId: string) => void }) {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const logout = useSession((s) => s.logout);
  const [showRejected, setShowRejected] = useState(false);
  const rejected = useLiveQuery(
    () => getDb().outbox.where('state').equals('rejected').filter((e) => e.userId === user.id).toArray(),
    [user.id],
  );

  const onLogout = () => {
    if (status.pending > 0 && !window.confirm(t('header.logoutPending', { count: status.pending }))) return;
    void logout();
  };

  return (
    <header className="app-header">
      <div className="header-main">
        <h1 className="app-title">{t('app.title')}</h1>
        <span className="user">{t('header.user', { name: user.displayName, role: t(`roles.${user.role}`) })}</span>
        <ConnectionStatus status={status} />
        <span className={status.pending > 0 ? 'counter-pending has-pending' : 'counter-pending'}>
          {t('header.pending', { count: status.pending })}
        </span>
        {status.rejected > 0 && (
          <button
            type="button"
            className="counter-rejected"
            aria-expanded={showRejected}
            aria-controls="rejected-panel"
            title={showRejected ? t('header.hideRejected') : t('header.showRejected')}
            onClick={() => setShowRejected((v) => !v)}
          >
            {t('header.rejected', { count: status.rejected })}
          </button>
        )}
        <NotificationBell onOpenAppeal={onOpenAppeal} />
        <button type="button" onClick={() => void client.sync()}>
          {t('header.syncNow')}
        </button>
        <DiagnosticsControl />
        <AboutControl />
        <button type="button" onClick={onLogout}>
          {t('header.logout')}
        </button>
      </div>
      <ConnectionDetail status={status} />
      <UpdateNotice pending={status.pending} />
      {showRejected && status.rejected > 0 && (
        <section id="rejected-panel" className="rejected-panel" aria-labelledby="rejected-heading">
          <h2 id="rejected-heading">{t('rejected.heading')}</h2>
          <p>{t('rejected.intro')}</p>
          <RejectedList
            entries={rejected ?? []}
            onOpenAppeal={(id) => {
              setShowRejected(false);
              onOpenAppeal(id);
            }}
          />
          <button type="button" onClick={() => setShowRejected(false)}>
            {t('rejected.close')}
          </button>
        </section>
      )}
    </header>
  );
}
