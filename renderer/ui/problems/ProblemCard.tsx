import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/domain';
import { isSupervisorRole } from '../../../shared/permissions';
import { canTransitionProblem, UNLINK_REASON_MAX_LENGTH, type ProblemState } from '../../../shared/problems';
import { errorMessage } from '../../i18n';
import { formatDateTime, formatShort } from '../../i18n/format';
import { stateMutation, unlinkMutation } from '../../problems/actions';
import type { ProblemView } from '../../problems/problem-view';
import { SourceBadge, StatusBadge } from '../badges';
import { useCurrent } from '../hooks/use-current';
import { municipalityName, useDirectory } from '../supervisor/directory';
import { AttachmentList } from '../appeal/Attachments';
import { ProblemAnswerAll } from './ProblemAnswerAll';
import { ProblemPosts } from './ProblemPosts';
import { ProblemPromiseForm } from './ProblemPromiseForm';
import { ProblemSolveForm } from './ProblemSolveForm';
import { useProblemAppeals } from './use-problem';

type Panel = 'promise' | 'solve' | 'unlink' | 'answer' | null;

/** A problem as its appeals' clerks see it: where it stands, who promised what, its appeals, and what may be done next. */
export function ProblemCard({ problem, appeal, onOpen }: { problem: ProblemView; appeal: Appeal; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const dir = useDirectory();
  const appeals = useProblemAppeals(problem.id) ?? [];
  const [panel, setPanel] = useState<Panel>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const reasonId = useId();
  const supervisor = isSupervisorRole(user.role);
  const open = problem.state === 'identified' || problem.state === 'in_work';
  const canPromise = open && (problem.promisedAt === null || supervisor);
  const can = (to: ProblemState) => canTransitionProblem(problem.state, to, user.role);

  const enqueue = async (m: Parameters<typeof client.enqueue>[0], done: string) => {
    try {
      await client.enqueue(m);
      setMessage(done);
      setPanel(null);
      return true;
    } catch (error) {
      setMessage(errorMessage((error as { code?: string }).code ?? 'unknown'));
      return false;
    }
  };
  const toState = (to: ProblemState) => void enqueue(stateMutation(problem, to), t('problems.stateChanged', { state: t(`problems.states.${to}`) }));
  const toggle = (p: Panel) => setPanel(panel === p ? null : p);

  return (
    <div className="problem-card" data-problem-id={problem.id}>
      <p className="problem-title">
        <strong>{problem.title}</strong> <span className={`badge problem-state problem-${problem.state}`}>{t(`problems.states.${problem.state}`)}</span>
      </p>
      {problem.pending && <p className="hint">{t('problems.pending')}</p>}
      <dl className="details">
        <dt>{t('problems.responsible')}</dt>
        <dd>{problem.responsibleBodyId ? municipalityName(dir, problem.responsibleBodyId) : '—'}</dd>
        <dt>{t('problems.promisedAt')}</dt>
        <dd>{problem.promisedAt ? formatDateTime(problem.promisedAt) : t('problems.noPromise')}</dd>
      </dl>
      {problem.evidence && (
        <div className="problem-evidence">
          <h4>{t('problems.evidence')}</h4>
          <p className="plain-text">{problem.evidence.comment}</p>
          <AttachmentList attachments={problem.evidence.photos.map((p) => ({ ...p.attachment, name: `${t(`problems.photoPhase.${p.phase}`)}: ${p.attachment.name}` }))} label={t('problems.evidence')} />
        </div>
      )}
      <ProblemPosts problem={problem} appeals={appeals} />
      <h4>{t('problems.appeals', { count: appeals.length })}</h4>
      <ul className="related-list">
        {appeals.map((a) => (
          <li key={a.id}>
            {a.id === appeal.id ? (
              <span>
                {a.author.name} ({t('problems.thisAppeal')})
              </span>
            ) : (
              <button type="button" className="link-button" onClick={() => onOpen(a.id)}>
                {a.author.name}, {formatShort(a.receivedAt)}
              </button>
            )}{' '}
            <SourceBadge source={a.source} /> <StatusBadge status={a.status} />
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button type="button" aria-expanded={panel === 'answer'} onClick={() => toggle('answer')}>
          {t('problems.answerAll')}
        </button>
        {canPromise && (
          <button type="button" aria-expanded={panel === 'promise'} onClick={() => toggle('promise')}>
            {problem.promisedAt ? t('problems.movePromise') : t('problems.promise')}
          </button>
        )}
        {can('solved') && (
          <button type="button" aria-expanded={panel === 'solve'} onClick={() => toggle('solve')}>
            {t('problems.solve')}
          </button>
        )}
        {can('confirmed') && (
          <button type="button" onClick={() => toState('confirmed')}>
            {t('problems.confirm')}
          </button>
        )}
        {can('in_work') && problem.state !== 'identified' && (
          <button type="button" onClick={() => toState('in_work')}>
            {t('problems.reopen')}
          </button>
        )}
        <button type="button" aria-expanded={panel === 'unlink'} onClick={() => toggle('unlink')}>
          {t('problems.unlink')}
        </button>
      </div>
      {panel === 'answer' && <ProblemAnswerAll appeals={appeals} onDone={(text) => setMessage(text)} />}
      {panel === 'promise' && <ProblemPromiseForm problem={problem} onSubmit={enqueue} />}
      {panel === 'solve' && <ProblemSolveForm problem={problem} appealId={appeal.id} onDone={(text) => { setMessage(text); setPanel(null); }} />}
      {panel === 'unlink' && (
        <form
          className="composer"
          onSubmit={(e) => {
            e.preventDefault();
            void enqueue(unlinkMutation(problem.id, appeal.id, reason), t('problems.unlinked'));
          }}
        >
          <label htmlFor={reasonId}>{t('problems.unlinkReason')}</label>
          <textarea id={reasonId} rows={2} value={reason} maxLength={UNLINK_REASON_MAX_LENGTH} spellCheck lang="ru" onChange={(e) => setReason(e.target.value)} />
          <div className="composer-footer">
            <button type="submit">{t('problems.unlinkSubmit')}</button>
          </div>
        </form>
      )}
      <p className="hint" role="status">
        {message}
      </p>
    </div>
  );
}
