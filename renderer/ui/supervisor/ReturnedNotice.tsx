import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db';
import { formatDateTime } from '../../i18n/format';
import { useSession } from '../../state/session';
import { useCurrent } from '../hooks/use-current';
import { loadReturned, restoreReturnedDrafts } from './returned';
import { useSupervisor } from './sections';
import './supervisor.css';

/**
 * What a supervisor sent back for rework, shown to its author as soon as it is pulled: the
 * comment, who returned it, and a way to the appeal, whose reply field already holds the text.
 */
export function ReturnedNotice() {
  const { t } = useTranslation();
  const { user } = useCurrent();
  const openAppeal = useSession((s) => s.openAppeal);
  const returned = useLiveQuery(() => loadReturned(getDb(), user.id), [user.id]);

  useEffect(() => {
    if (returned && returned.length > 0) void restoreReturnedDrafts(getDb(), user.id, returned).catch(() => undefined);
  }, [returned, user.id]);

  if (!returned || returned.length === 0) return null;

  const open = (appealId: string) => {
    useSupervisor.getState().setSection('queue');
    // Opened again from scratch, so its reply field reads the restored draft.
    openAppeal(null);
    setTimeout(() => openAppeal(appealId), 0);
  };

  return (
    <section className="returned-notice" aria-labelledby="returned-notice-heading">
      <h2 id="returned-notice-heading">{t('returned.heading', { count: returned.length })}</h2>
      <ul>
        {returned.map((r) => (
          <li key={r.reply.id} data-appeal-id={r.appeal.id}>
            <div>
              {t('returned.item', { author: r.appeal.author.name, by: r.returnedBy ?? t('history.system'), time: formatDateTime(r.returnedAt) })}
            </div>
            {r.comment && <blockquote className="plain-text">{r.comment}</blockquote>}
            <button type="button" onClick={() => open(r.appeal.id)}>
              {t('returned.open')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
