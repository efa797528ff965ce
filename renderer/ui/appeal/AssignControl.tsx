import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Appeal } from '../../../shared/domain';
import { canAssign } from '../../../shared/permissions';
import { getDb } from '../../db';
import { errorMessage } from '../../i18n';
import { useCurrent } from '../hooks/use-current';

/** Supervisors hand an appeal to a clerk of its municipality or of the region. */
export function AssignControl({ appeal }: { appeal: Appeal }) {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const id = useId();
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState('');
  const candidates = useLiveQuery(
    async () =>
      (await getDb().users.toArray())
        .filter((u) => u.id !== appeal.assigneeId && (u.municipalityId === appeal.municipalityId || u.municipalityId === null))
        .filter((u) => canAssign(user, appeal, u))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'ru')),
    [appeal.id, appeal.municipalityId, appeal.assigneeId, user.id],
  );

  const submit = async () => {
    if (!chosen) return;
    const target = candidates?.find((u) => u.id === chosen);
    try {
      await client.assign(appeal.id, chosen);
      setMessage(t('assign.done', { name: target?.displayName ?? chosen }));
      setChosen('');
    } catch (error) {
      setMessage(errorMessage((error as { code?: string }).code ?? 'unknown'));
    }
  };

  return (
    <form
      className="field field-inline"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id}>{t('assign.label')}</label>
      <select id={id} value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">{candidates && candidates.length === 0 ? t('assign.noCandidates') : t('assign.choose')}</option>
        {(candidates ?? []).map((u) => (
          <option key={u.id} value={u.id}>
            {u.displayName} ({t(`roles.${u.role}`)})
          </option>
        ))}
      </select>
      <button type="submit" disabled={!chosen}>
        {t('assign.submit')}
      </button>
      <span className="sr-live" aria-live="polite">
        {message}
      </span>
    </form>
  );
}
