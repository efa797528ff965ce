import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { replyLengthLimit } from '../../../shared/channels/limits';
import type { Appeal } from '../../../shared/domain';
import { fillTemplate, unfilledVariables } from '../../../shared/templates';
import { REPLY_MAX_LENGTH } from '../../../shared/domain';
import { templateValues } from '../../clerk/template-values';
import { errorMessage } from '../../i18n';
import { replyMutation } from '../../sync/actions';
import { useCurrent } from '../hooks/use-current';
import { useDirectory } from '../supervisor/directory';

/**
 * One answer to every author of a problem: each appeal gets its own reply, in its own channel, with
 * its variables filled in, and each reply's delivery is tracked under it as any other. A closed
 * appeal gets none. The text stays in the form until every reply is queued.
 */
export function ProblemAnswerAll({ appeals, onDone }: { appeals: readonly Appeal[]; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const { municipalities } = useDirectory();
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const ids = { text: useId(), hint: useId(), error: useId() };
  const targets = appeals.filter((a) => a.status !== 'closed');
  const skipped = appeals.length - targets.length;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const texts = targets.map((a) => fillTemplate(text.trim(), templateValues(a, municipalities.get(a.municipalityId), user)));
    const unfilled = texts.flatMap(unfilledVariables);
    if (!text.trim() || targets.length === 0) return;
    if (unfilled.length > 0) return setError(t('composer.unfilled', { names: [...new Set(unfilled)].join(', ') }));
    const tooLong = targets.find((a, i) => texts[i]!.length > replyLengthLimit(a.source));
    if (tooLong) return setError(t('composer.overLimit', { count: texts[targets.indexOf(tooLong)]!.length, max: replyLengthLimit(tooLong.source), channel: t(`sources.${tooLong.source}`) }));
    setError('');
    let queued = 0;
    try {
      for (const [i, a] of targets.entries()) {
        await client.enqueue(replyMutation(a.id, texts[i]!));
        queued++;
      }
      setText('');
      onDone([t('problems.answered', { count: queued }), skipped > 0 ? t('problems.answerSkipped', { count: skipped }) : ''].filter(Boolean).join(' '));
    } catch (err) {
      setError(`${t('problems.answered', { count: queued })} ${errorMessage((err as { code?: string }).code ?? 'unknown')}`);
    }
  };

  return (
    <form className="composer" onSubmit={(e) => void submit(e)}>
      <label htmlFor={ids.text}>{t('problems.answerText')}</label>
      <p id={ids.hint} className="hint">
        {t('problems.answerAllHint')}
      </p>
      <textarea id={ids.text} rows={5} value={text} maxLength={REPLY_MAX_LENGTH} spellCheck lang="ru" aria-describedby={`${ids.hint} ${ids.error}`} onChange={(e) => setText(e.target.value)} />
      <p id={ids.error} className="error-text" role="alert">
        {error}
      </p>
      <div className="composer-footer">
        <button type="submit" className="primary" disabled={!text.trim() || targets.length === 0}>
          {t('problems.answerSubmit', { count: targets.length })}
        </button>
      </div>
    </form>
  );
}
