import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../db';
import { formatShort } from '../i18n/format';
import { useCurrent } from './hooks/use-current';
import { useSupervisor } from './supervisor/sections';
import './queue/queue.css';

/** «Уведомления (N)»: the list of what happened to this person's work, newest first. */
export function NotificationBell({ onOpenAppeal }: { onOpenAppeal: (appealId: string) => void }) {
  const { t } = useTranslation();
  const { user } = useCurrent();
  const [open, setOpen] = useState(false);
  const list = useLiveQuery(() => getDb().notifications.where('userId').equals(user.id).reverse().sortBy('at'), [user.id]) ?? [];
  const unread = list.filter((n) => !n.read).length;

  const markRead = () =>
    getDb()
      .notifications.where('userId')
      .equals(user.id)
      .modify({ read: true });

  return (
    <span className="notification-bell">
      <button type="button" aria-expanded={open} aria-controls="notification-panel" className={unread > 0 ? 'has-unread' : undefined} onClick={() => setOpen((v) => !v)}>
        {t('notifications.button', { count: unread })}
      </button>
      {open && (
        <section id="notification-panel" className="notification-panel" aria-labelledby="notification-heading">
          <h2 id="notification-heading">{t('notifications.heading')}</h2>
          {list.length === 0 ? (
            <p className="hint">{t('notifications.none')}</p>
          ) : (
            <ul className="notification-list">
              {list.slice(0, 100).map((n) => (
                <li key={n.id} className={n.read ? 'notification' : 'notification is-unread'}>
                  <div className="notification-title">
                    {n.title} <span className="hint">{formatShort(n.at)}</span>
                  </div>
                  <div>{n.body}</div>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      void getDb().notifications.update(n.id, { read: true });
                      setOpen(false);
                      // A spike is many appeals: it opens on the panel that shows them together.
                      if (n.kind === 'resonance') useSupervisor.getState().setSection('resonance');
                      else onOpenAppeal(n.appealId);
                    }}
                  >
                    {n.kind === 'resonance' ? t('notifications.openResonance') : t('notifications.open')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="button-row">
            {unread > 0 && (
              <button type="button" onClick={() => void markRead()}>
                {t('notifications.markRead')}
              </button>
            )}
            <button type="button" onClick={() => setOpen(false)}>
              {t('notifications.close')}
            </button>
          </div>
        </section>
      )}
    </span>
  );
}
