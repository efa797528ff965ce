import { useTranslation } from 'react-i18next';
import type { AppealEvent } from '../../../shared/domain';
import type { Delivery } from '../../../shared/channels/delivery';
import { citizenRatingSchema, describeRating } from '../../../shared/ratings';
import type { LocalNote, LocalReply } from '../../db';
import { formatDateTime } from '../../i18n/format';
import { describeSupervisionEvent } from '../supervisor/history-text';
import { AttachmentList } from './Attachments';
import { DeliveryStatus } from './DeliveryStatus';
import { ExternalLink } from './ExternalLink';

type ThreadItem =
  | { kind: 'reply'; at: string; reply: LocalReply }
  | { kind: 'citizen'; at: string; event: AppealEvent }
  | { kind: 'question' | 'post' | 'rating' | 'notice'; at: string; delivery: Delivery };

/** What the citizen was sent besides the replies, as the thread names it. */
const SENT_LABEL = { question: 'thread.question', post: 'thread.postNotice', rating: 'thread.ratingQuestion', notice: 'thread.ratingThanks' } as const;

/**
 * The conversation with the citizen, oldest first: our replies, each with its state and its
 * delivery to the platform; the citizen's own later messages in the same dialog or thread and
 * their ratings; clarification questions on their way to the citizen, the rating question and its
 * thanks; and the notice of the resolution post.
 */
export function Replies({ replies, deliveries, events, citizenName }: { replies: LocalReply[]; deliveries: Delivery[]; events: AppealEvent[]; citizenName: string }) {
  const { t } = useTranslation();
  const byReply = new Map<string, Delivery[]>();
  for (const d of deliveries) if (d.replyId) byReply.set(d.replyId, [...(byReply.get(d.replyId) ?? []), d]);
  const items: ThreadItem[] = [
    ...replies.map((reply) => ({ kind: 'reply' as const, at: reply.createdAt, reply })),
    ...events.filter((e) => e.kind === 'citizen_message' || e.kind === 'citizen_rating').map((event) => ({ kind: 'citizen' as const, at: event.at, event })),
    // Clarification questions, the notice that the problem's resolution post is out
    // (server/publishing/notice.ts), the rating question and its thanks (server/ratings/).
    ...deliveries.flatMap((delivery) => (delivery.kind === 'reply' ? [] : [{ kind: delivery.kind, at: delivery.createdAt, delivery }])),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return (
    <section className="thread" aria-labelledby="replies-heading">
      <h3 id="replies-heading">{t('reply.heading')}</h3>
      {items.length === 0 ? (
        <p className="hint">{t('reply.none')}</p>
      ) : (
        <ul className="thread-list">
          {items.map((item) => {
            if (item.kind === 'citizen') {
              const e = item.event;
              const rating = e.kind === 'citizen_rating' ? citizenRatingSchema.safeParse(e.data) : null;
              return (
                <li key={e.id} className="thread-item citizen-message" data-event-id={e.id}>
                  <div className="thread-meta">
                    <span>{t('reply.by', { name: citizenName, time: formatDateTime(e.at) })}</span>
                    <span className="badge citizen-badge">{t(rating ? 'thread.rating' : 'thread.citizen')}</span>
                  </div>
                  {/* Untrusted text from a social network: rendered as text, never as HTML. */}
                  <p className="plain-text">{rating ? (rating.success ? describeRating(rating.data) : '') : typeof e.data.text === 'string' ? e.data.text : ''}</p>
                  {rating?.success && rating.data.reopened && <p className="hint">{t('thread.reopenedByRating')}</p>}
                  {typeof e.data.link === 'string' && <ExternalLink url={e.data.link} label={t('thread.openOnPlatform')} />}
                </li>
              );
            }
            if (item.kind !== 'reply') {
              return (
                <li key={item.delivery.id} className="thread-item">
                  <div className="thread-meta">
                    <span>{t(SENT_LABEL[item.kind], { time: formatDateTime(item.at) })}</span>
                  </div>
                  <DeliveryStatus delivery={item.delivery} />
                </li>
              );
            }
            const r = item.reply;
            return (
              <li key={r.id} className={r.pending ? 'thread-item is-pending' : 'thread-item'} data-reply-id={r.id}>
                <div className="thread-meta">
                  <span>{t('reply.by', { name: r.authorName, time: formatDateTime(r.createdAt) })}</span>
                  <span className={`badge reply-state reply-${r.pending ? 'pending' : r.state}`}>
                    {r.pending ? t('reply.pending') : t(`reply.states.${r.state}`)}
                  </span>
                </div>
                <p className="plain-text">{r.body}</p>
                <AttachmentList attachments={r.attachments} label={t('appealMore.attachments')} />
                {(byReply.get(r.id) ?? []).map((d) => (
                  <DeliveryStatus key={d.id} delivery={d} />
                ))}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function Notes({ notes }: { notes: LocalNote[] }) {
  const { t } = useTranslation();
  return (
    <section className="thread" aria-labelledby="notes-heading">
      <h3 id="notes-heading">{t('note.heading')}</h3>
      {notes.length === 0 ? (
        <p className="hint">{t('note.none')}</p>
      ) : (
        <ul className="thread-list">
          {notes.map((n) => (
            <li key={n.id} className={n.pending ? 'thread-item is-pending' : 'thread-item'}>
              <div className="thread-meta">
                <span>{t('reply.by', { name: n.authorName, time: formatDateTime(n.createdAt) })}</span>
                {n.pending && <span className="badge reply-pending">{t('reply.pending')}</span>}
              </div>
              <p className="plain-text">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function History({ events }: { events: AppealEvent[] }) {
  const { t } = useTranslation();
  return (
    <section className="thread" aria-labelledby="history-heading">
      <h3 id="history-heading">{t('history.heading')}</h3>
      {events.length === 0 ? (
        <p className="hint">{t('history.none')}</p>
      ) : (
        <ol className="history-list">
          {events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time> — {t(`history.kinds.${e.kind}`)}
              {describeEvent(e, t)} · {e.actorName ?? t('history.system')}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The status an event moved to, when it says so: «Изменён статус: В работе». */
function describeEvent(e: AppealEvent, t: (key: string) => string): string {
  const supervision = describeSupervisionEvent(e, t);
  if (supervision !== null) return supervision;
  const to = e.data.to ?? e.data.status;
  if (e.kind === 'status_changed' && typeof to === 'string') return `: ${t(`statuses.${to}`)}`;
  const name = e.data.assigneeName;
  if (e.kind === 'assigned' && typeof name === 'string') return `: ${name}`;
  if (e.kind === 'category_changed' && typeof e.data.to === 'string') return `: ${t(`categories.${e.data.to}`)}`;
  if (e.kind === 'forwarded' && typeof e.data.body === 'string') return `: ${e.data.body} — ${String(e.data.reason ?? '')}`;
  if (e.kind === 'clarification_requested' && typeof e.data.question === 'string') return `: «${e.data.question}»`;
  if (e.kind === 'citizen_message' && typeof e.data.text === 'string') return `: «${e.data.text}»`;
  if (e.kind === 'citizen_rating') {
    const rating = citizenRatingSchema.safeParse(e.data);
    return rating.success ? `: ${describeRating(rating.data).replace(/^Оценка жителя: /, '')}` : '';
  }
  return '';
}
