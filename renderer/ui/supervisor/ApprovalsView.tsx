import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { REPLY_MAX_LENGTH } from '../../../shared/domain';
import { RETURN_COMMENT_MAX_LENGTH } from '../../../shared/review';
import { loadReviewQueue, type ReviewItem } from '../../analytics';
import { getDb } from '../../db';
import { errorMessage } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { AppealDetails } from '../appeal/AppealDetails';
import { useCurrent } from '../hooks/use-current';
import { approveMutation, returnMutation } from './actions';
import { municipalityName, useDirectory } from './directory';

/**
 * «Согласование»: replies waiting for approval, oldest first. One opens beside its appeal; the
 * supervisor approves it (after editing it, if need be) or returns it to its author with a
 * comment. Their own replies wait for another supervisor.
 */
export function ApprovalsView() {
  const { t } = useTranslation();
  const { user } = useCurrent();
  const dir = useDirectory();
  const queue = useLiveQuery(() => loadReviewQueue(getDb()), []);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const items = queue ?? [];
  const chosen = items.find((i) => i.reply.id === chosenId) ?? null;

  return (
    <div className="sv-split">
      <div className="sv-main sv-approvals-list">
        <h2 id="sv-approvals-heading">
          {t('supervisor.approvals.heading')} <span className="hint">{t('supervisor.list.count', { count: items.length })}</span>
        </h2>
        <p className="sv-message" aria-live="polite">
          {message}
        </p>
        {queue === undefined ? (
          <p aria-busy="true">{t('supervisor.reading')}</p>
        ) : items.length === 0 ? (
          <p className="hint">{t('supervisor.approvals.empty')}</p>
        ) : (
          <ul className="sv-cards" aria-labelledby="sv-approvals-heading">
            {items.map(({ reply, appeal }) => (
              <li key={reply.id} data-reply-id={reply.id} data-appeal-id={appeal.id} className={reply.id === chosenId ? 'sv-card is-open' : 'sv-card'}>
                <button type="button" className="sv-card-button" aria-pressed={reply.id === chosenId} onClick={() => (setChosenId(reply.id), setMessage(''))}>
                  <span className="sv-card-title">{t('supervisor.approvals.itemTitle', { author: appeal.author.name })}</span>
                  <span className="sv-preview">
                    {t('supervisor.approvals.by', { name: reply.authorName, time: formatDateTime(reply.createdAt) })} · {municipalityName(dir, appeal.municipalityId)}
                    {reply.authorId === user.id ? ` · ${t('supervisor.approvals.own')}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {chosen && (
        <ReviewPane
          key={chosen.reply.id}
          item={chosen}
          own={chosen.reply.authorId === user.id}
          onDone={(text) => {
            setMessage(text);
            setChosenId(null);
          }}
        />
      )}
    </div>
  );
}

function ReviewPane({ item, own, onDone }: { item: ReviewItem; own: boolean; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const { client } = useCurrent();
  const id = useId();
  const { reply, appeal } = item;
  const assignee = useLiveQuery(() => (appeal.assigneeId ? getDb().users.get(appeal.assigneeId) : undefined), [appeal.assigneeId]);
  const [body, setBody] = useState(reply.body);
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  useEffect(() => setBody(reply.body), [reply.body]);

  const edited = body.trim() !== reply.body.trim();
  const act = async (kind: 'approve' | 'return') => {
    setError('');
    try {
      await client.enqueue(kind === 'approve' ? approveMutation(reply, body) : returnMutation(reply, comment));
      onDone(kind === 'approve' ? t(edited ? 'supervisor.approvals.approvedEdited' : 'supervisor.approvals.approved') : t('supervisor.approvals.returned'));
    } catch (e) {
      setError(errorMessage((e as { code?: string }).code ?? 'unknown'));
    }
  };

  return (
    <article className="sv-side sv-review" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('appeal.heading', { author: appeal.author.name })}</h2>
      <AppealDetails appeal={appeal} assignee={assignee} />
      <section className="appeal-text" aria-labelledby={`${id}-text`}>
        <h3 id={`${id}-text`}>{t('appeal.text')}</h3>
        <p className="plain-text">{appeal.text}</p>
      </section>
      <div className="composer">
        <label htmlFor={`${id}-body`}>{t('supervisor.approvals.replyLabel', { name: reply.authorName })}</label>
        <textarea id={`${id}-body`} rows={8} maxLength={REPLY_MAX_LENGTH} value={body} onChange={(e) => setBody(e.target.value)} readOnly={own} />
        {edited && <p className="hint">{t('supervisor.approvals.editedHint')}</p>}
        {own ? (
          <p className="hint">{t('supervisor.approvals.ownHint')}</p>
        ) : (
          <div className="button-row">
            <button type="button" className="primary" disabled={body.trim() === ''} onClick={() => void act('approve')}>
              {edited ? t('supervisor.approvals.approveEdited') : t('supervisor.approvals.approve')}
            </button>
          </div>
        )}
      </div>
      {!own && (
        <div className="composer">
          <label htmlFor={`${id}-comment`}>{t('supervisor.approvals.commentLabel')}</label>
          <textarea id={`${id}-comment`} rows={3} maxLength={RETURN_COMMENT_MAX_LENGTH} value={comment} onChange={(e) => setComment(e.target.value)} />
          <div className="button-row">
            <button type="button" disabled={comment.trim() === ''} onClick={() => void act('return')}>
              {t('supervisor.approvals.return')}
            </button>
          </div>
        </div>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </article>
  );
}
