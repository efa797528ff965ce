import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mutation } from '../../../shared/protocol';
import { formatShort } from '../../i18n/format';
import { promiseMutation } from '../../problems/actions';
import type { ProblemView } from '../../problems/problem-view';
import { useDirectory } from '../supervisor/directory';

/** The end of the chosen day's working hours in Moscow: a promise «к 20 декабря» holds all that day. */
export function promiseInstant(day: string): string {
  return new Date(`${day}T18:00:00+03:00`).toISOString();
}

/** «Принять в работу»: the body that is to fix it and the day it promised. */
export function ProblemPromiseForm({ problem, onSubmit }: { problem: ProblemView; onSubmit: (m: Mutation, done: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const { bodies } = useDirectory();
  const list = useMemo(() => [...bodies.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru')), [bodies]);
  const [bodyId, setBodyId] = useState(problem.responsibleBodyId ?? problem.municipalityId);
  const [day, setDay] = useState(problem.promisedAt ? new Date(Date.parse(problem.promisedAt) + 3 * 3_600_000).toISOString().slice(0, 10) : '');
  const [error, setError] = useState('');
  const ids = { body: useId(), day: useId(), error: useId() };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!bodyId) return setError(t('problems.promiseBodyMissing'));
    if (!day) return setError(t('problems.promiseDateMissing'));
    setError('');
    const at = promiseInstant(day);
    void onSubmit(promiseMutation(problem, bodyId, at), t('problems.promised', { body: bodies.get(bodyId)?.name ?? bodyId, date: formatShort(at).split(',')[0] }));
  };

  return (
    <form className="composer" onSubmit={submit} noValidate>
      <label htmlFor={ids.body}>{t('problems.responsible')}</label>
      <select id={ids.body} value={bodyId} onChange={(e) => setBodyId(e.target.value)}>
        {list.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
          </option>
        ))}
      </select>
      <label htmlFor={ids.day}>{t('problems.promisedAt')}</label>
      <input id={ids.day} type="date" value={day} aria-invalid={error !== '' && !day} aria-describedby={ids.error} onChange={(e) => setDay(e.target.value)} />
      <p id={ids.error} className="error-text" role="alert">
        {error}
      </p>
      <div className="composer-footer">
        <button type="submit" className="primary">
          {t('problems.promiseSubmit')}
        </button>
      </div>
    </form>
  );
}
