import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { isSupervisorRole } from '../../../shared/permissions';
import { getDb } from '../../db';
import { useCurrent } from '../hooks/use-current';
import { RejectedList } from '../RejectedList';
import { AppealDetails } from './AppealDetails';
import { AssignControl } from './AssignControl';
import { NoteComposer } from './NoteComposer';
import { Composer } from './Composer';
import { AppealActions } from './AppealActions';
import { AttachmentList } from './Attachments';
import { Related } from './Related';
import { useSession } from '../../state/session';
import './appeal.css';
import { StatusControl } from './StatusControl';
import { History, Notes, Replies } from './Thread';

const byTime = <T,>(key: keyof T) => (a: T, b: T) => String(a[key]).localeCompare(String(b[key]));

/**
 * Everything about one appeal, read live from the replica. `focusRequest` changes when the
 * person opened the appeal from the keyboard: the heading takes focus once it has rendered.
 */
export function AppealView({ appealId, focusRequest }: { appealId: string | null; focusRequest: number }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const handled = useRef(focusRequest);
  const { user } = useCurrent();
  const openRelated = useSession((s) => s.openAppeal);
  const data = useLiveQuery(async () => {
    if (!appealId) return null;
    const db = getDb();
    const [appeal, replies, notes, history, rejected] = await Promise.all([
      db.appeals.get(appealId),
      db.replies.where('appealId').equals(appealId).toArray(),
      db.notes.where('appealId').equals(appealId).toArray(),
      db.histories.get(appealId),
      db.outbox.where('appealId').equals(appealId).filter((e) => e.state === 'rejected' && e.userId === user.id).toArray(),
    ]);
    return {
      forId: appealId,
      appeal,
      replies: replies.sort(byTime('createdAt')),
      notes: notes.sort(byTime('createdAt')),
      events: history?.events ?? [],
      rejected,
    };
  }, [appealId, user.id]);

  // The live query may still hold the previous appeal for a render: wait for this one's.
  const loadedFor = data === undefined ? undefined : (data?.forId ?? null);
  useEffect(() => {
    if (focusRequest === handled.current || loadedFor !== appealId) return;
    handled.current = focusRequest;
    headingRef.current?.focus();
  }, [focusRequest, loadedFor, appealId]);

  if (!appealId) {
    return (
      <div className="appeal-empty">
        <h2 ref={headingRef} tabIndex={-1}>
          {t('appeal.none')}
        </h2>
      </div>
    );
  }
  if (data === undefined) return <p>{t('app.loading')}</p>;
  if (!data?.appeal) {
    return (
      <div className="appeal-empty">
        <h2 ref={headingRef} tabIndex={-1}>
          {t('appeal.gone')}
        </h2>
      </div>
    );
  }
  const { appeal } = data;
  return (
    <article className="appeal" data-appeal-id={appeal.id} aria-labelledby="appeal-heading">
      <h2 id="appeal-heading" ref={headingRef} tabIndex={-1}>
        {t('appeal.heading', { author: appeal.author.name })}
      </h2>
      <AppealDetails appeal={appeal} />
      <section className="appeal-text" aria-labelledby="appeal-text-heading">
        <h3 id="appeal-text-heading">{t('appeal.text')}</h3>
        {/* Untrusted text from a social network: rendered as text, never as HTML. */}
        <p className="plain-text">{appeal.text}</p>
        <AttachmentList attachments={appeal.attachments} label={t('appealMore.attachments')} />
      </section>
      <div className="controls">
        <StatusControl appeal={appeal} />
        {isSupervisorRole(user.role) && <AssignControl appeal={appeal} />}
      </div>
      {data.rejected.length > 0 && (
        <section className="rejected-inline" aria-labelledby="appeal-rejected-heading">
          <h3 id="appeal-rejected-heading">{t('rejected.heading')}</h3>
          <p>{t('rejected.intro')}</p>
          <RejectedList entries={data.rejected} />
        </section>
      )}
      <Replies replies={data.replies} />
      <Composer key={`reply-${appeal.id}`} appeal={appeal} />
      <AppealActions key={`actions-${appeal.id}`} appeal={appeal} />
      <Notes notes={data.notes} />
      <NoteComposer key={`note-${appeal.id}`} appealId={appeal.id} />
      <History events={data.events} />
      <Related appeal={appeal} onOpen={openRelated} />
    </article>
  );
}
