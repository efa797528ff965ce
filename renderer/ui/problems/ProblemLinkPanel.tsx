import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/domain';
import { PROBLEM_TITLE_MAX_LENGTH } from '../../../shared/problems';
import { errorMessage } from '../../i18n';
import { formatShort } from '../../i18n/format';
import { createProblemMutations, linkMutation, problemDraftFrom } from '../../problems/actions';
import { findSuggestions, type FoundSuggestion } from '../../problems/suggest';
import { useCurrent } from '../hooks/use-current';
import { getReplicaIndex } from '../queue/index-context';
import { useProblems } from './use-problem';

/**
 * Linking an appeal: the similar appeals of the fortnight around it (same place and sphere, or
 * nearly the same text), each to tick for a new problem or, when it is in a problem already, to
 * join that one. Read when asked for, not when the appeal opens: it compares texts.
 */
export function ProblemLinkPanel({ appeal, onOpen }: { appeal: Appeal; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const { client } = useCurrent();
  const problems = useProblems();
  const [open, setOpen] = useState(false);
  const [found, setFound] = useState<FoundSuggestion[] | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [title, setTitle] = useState(() => problemDraftFrom(appeal).title);
  const [message, setMessage] = useState('');
  const ids = { title: useId(), list: useId() };

  const toggleOpen = () => {
    const next = !open;
    setOpen(next);
    if (next && found === null) void findSuggestions(client.db, getReplicaIndex().items.values(), appeal).then(setFound);
  };

  const run = async (make: () => Promise<Parameters<typeof client.enqueue>[0][]>, done: string) => {
    try {
      for (const m of await make()) await client.enqueue(m);
      setMessage(done);
    } catch (error) {
      setMessage(errorMessage((error as { code?: string }).code ?? 'unknown'));
    }
  };

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    const appealIds = [appeal.id, ...chosen];
    void run(async () => (await createProblemMutations(client.db, { ...problemDraftFrom(appeal), title }, appealIds)).mutations, t('problems.created', { count: appealIds.length }));
  };

  const joinProblem = (problemId: string, problemTitle: string) => void run(async () => [await linkMutation(client.db, problemId, appeal.id)], t('problems.linked', { title: problemTitle }));

  return (
    <div className="problem-link">
      <button type="button" aria-expanded={open} aria-controls={ids.list} onClick={toggleOpen}>
        {t('problems.link')}
      </button>
      {open && (
        <div id={ids.list}>
          <h4>{t('problems.suggestions')}</h4>
          {found === null ? (
            <p className="hint" role="status">
              {t('problems.searching')}
            </p>
          ) : found.length === 0 ? (
            <p className="hint">{t('problems.suggestionsNone')}</p>
          ) : (
            <ul className="related-list">
              {found.map((s) => {
                const inProblem = s.problemId ? problems?.get(s.problemId) : undefined;
                return (
                  <li key={s.appealId}>
                    {inProblem ? (
                      <button type="button" onClick={() => joinProblem(inProblem.id, inProblem.title)}>
                        {t('problems.addTo', { title: inProblem.title })}
                      </button>
                    ) : (
                      <label>
                        <input
                          type="checkbox"
                          checked={chosen.has(s.appealId)}
                          onChange={(e) => {
                            const next = new Set(chosen);
                            if (e.target.checked) next.add(s.appealId);
                            else next.delete(s.appealId);
                            setChosen(next);
                          }}
                        />{' '}
                        {s.appeal.author.name}, {formatShort(s.appeal.receivedAt)}
                      </label>
                    )}{' '}
                    <button type="button" className="link-button" onClick={() => onOpen(s.appealId)}>
                      {inProblem ? `${s.appeal.author.name}, ${formatShort(s.appeal.receivedAt)}` : t('problems.open')}
                    </button>{' '}
                    <span className="hint">
                      {t(`problems.reason_${s.reason}`)}
                      {inProblem ? `, ${t('problems.inProblem', { title: inProblem.title })}` : ''}
                    </span>
                    <div className="row-text">{s.appeal.text.slice(0, 200)}</div>
                  </li>
                );
              })}
            </ul>
          )}
          <form className="composer" onSubmit={create}>
            <label htmlFor={ids.title}>{t('problems.newTitle')}</label>
            <input id={ids.title} type="text" value={title} maxLength={PROBLEM_TITLE_MAX_LENGTH} required onChange={(e) => setTitle(e.target.value)} />
            <div className="composer-footer">
              <button type="submit" className="primary" disabled={!title.trim()}>
                {chosen.size > 0 ? t('problems.createWith', { count: chosen.size }) : t('problems.create')}
              </button>
            </div>
          </form>
        </div>
      )}
      <p className="hint" role="status">
        {message}
      </p>
    </div>
  );
}
