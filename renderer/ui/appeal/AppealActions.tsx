import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CLARIFICATION_MAX_LENGTH, FORWARD_REASON_MAX_LENGTH, STATUS_AFTER_CLARIFICATION, STATUS_AFTER_FORWARD } from '../../../shared/clerk-actions';
import { CATEGORIES, type Appeal, type Category } from '../../../shared/domain';
import { canTransition } from '../../../shared/status-machine';
import { categoryMutation, clarificationMutation, forwardMutation } from '../../clerk/actions';
import { errorMessage } from '../../i18n';
import { useCurrent } from '../hooks/use-current';
import { useDirectory } from '../supervisor/directory';
import { ForwardTargetField } from './ForwardTargetField';

type Panel = 'forward' | 'clarify' | null;

/** Sphere, forwarding to another body and a clarification request: actions of their own, each with its text. */
export function AppealActions({ appeal }: { appeal: Appeal }) {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const [panel, setPanel] = useState<Panel>(null);
  const [to, setTo] = useState({ value: '', name: '' });
  const { bodies } = useDirectory();
  const here = useMemo(() => new Set([appeal.municipalityId]), [appeal.municipalityId]);
  const [reason, setReason] = useState('');
  const [question, setQuestion] = useState('');
  const [message, setMessage] = useState('');
  const ids = { category: useId(), to: useId(), reason: useId(), question: useId() };
  const canForward = canTransition(appeal.status, STATUS_AFTER_FORWARD, user.role);
  const canClarify = canTransition(appeal.status, STATUS_AFTER_CLARIFICATION, user.role);
  const status = t(`statuses.${appeal.status}`);

  const run = async (e: FormEvent | null, make: () => Promise<Parameters<typeof client.enqueue>[0]>, done: string) => {
    e?.preventDefault();
    try {
      await client.enqueue(await make());
      setMessage(done);
      setPanel(null);
      setTo({ value: '', name: '' });
      setReason('');
      setQuestion('');
    } catch (error) {
      setMessage(errorMessage((error as { code?: string }).code ?? 'unknown'));
    }
  };

  return (
    <section className="appeal-actions" aria-labelledby="actions-heading">
      <h3 id="actions-heading">{t('actions.heading')}</h3>
      <div className="field field-inline">
        <label htmlFor={ids.category}>{t('actions.category')}</label>
        <select
          id={ids.category}
          value={appeal.category}
          disabled={appeal.status === 'closed'}
          onChange={(e) =>
            void run(null, () => categoryMutation(client.db, appeal.id, e.target.value as Category), t('actions.categoryChanged', { category: t(`categories.${e.target.value}`) }))
          }
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`categories.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="button-row">
        <button type="button" aria-expanded={panel === 'forward'} aria-controls="forward-form" disabled={!canForward} onClick={() => setPanel(panel === 'forward' ? null : 'forward')}>
          {t('actions.forward')}
        </button>
        <button type="button" aria-expanded={panel === 'clarify'} aria-controls="clarify-form" disabled={!canClarify} onClick={() => setPanel(panel === 'clarify' ? null : 'clarify')}>
          {t('actions.clarify')}
        </button>
      </div>
      {(!canForward || !canClarify) && <p className="hint">{t('actions.notAllowed', { status })}</p>}
      {panel === 'forward' && (
        <form id="forward-form" className="composer" onSubmit={(e) => void run(e, () => forwardMutation(client.db, appeal.id, to.value, reason), t('actions.forwarded', { to: to.name }))}>
          <ForwardTargetField id={ids.to} label={t('actions.forwardTo')} bodies={bodies} exclude={here} onChange={setTo} />
          <label htmlFor={ids.reason}>{t('actions.forwardReason')}</label>
          <textarea id={ids.reason} value={reason} rows={3} maxLength={FORWARD_REASON_MAX_LENGTH} required spellCheck lang="ru" onChange={(e) => setReason(e.target.value)} />
          <div className="composer-footer">
            <button type="submit" className="primary" disabled={!to.value || !reason.trim()}>
              {t('actions.forwardSubmit')}
            </button>
          </div>
        </form>
      )}
      {panel === 'clarify' && (
        <form id="clarify-form" className="composer" onSubmit={(e) => void run(e, () => clarificationMutation(client.db, appeal.id, question), t('actions.clarified'))}>
          <label htmlFor={ids.question}>{t('actions.clarifyQuestion')}</label>
          <textarea id={ids.question} value={question} rows={3} maxLength={CLARIFICATION_MAX_LENGTH} required autoFocus spellCheck lang="ru" onChange={(e) => setQuestion(e.target.value)} />
          <div className="composer-footer">
            <button type="submit" className="primary" disabled={!question.trim()}>
              {t('actions.clarifySubmit')}
            </button>
          </div>
        </form>
      )}
      <p className="composer-message" aria-live="polite">
        {message}
      </p>
    </section>
  );
}
