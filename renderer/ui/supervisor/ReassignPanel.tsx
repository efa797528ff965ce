import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/domain';
import { canAssign, canReassignToMunicipality } from '../../../shared/permissions';
import { canTransition } from '../../../shared/status-machine';
import { STATUS_AFTER_FORWARD } from '../../../shared/clerk-actions';
import { REASON_MAX_LENGTH } from '../../../shared/review';
import { forwardMutation } from '../../clerk/actions';
import { getDb } from '../../db';
import { errorMessage } from '../../i18n';
import { ForwardTargetField } from '../appeal/ForwardTargetField';
import { useCurrent } from '../hooks/use-current';
import { reassignMutations, type ReassignTarget } from './actions';
import { municipalityName, type Directory } from './directory';

/**
 * Hands the chosen appeals to a clerk, to another municipality (its routing picks the clerk), or
 * on to another body outside this one's competence (a body of the region's directory, such as a
 * ministry: its queue receives them; an organisation outside it: they leave as «Перенаправлено»), with a reason that goes into each appeal's history. Only the people and municipalities the
 * rules in shared/permissions.ts allow for every chosen appeal are offered.
 */
export function ReassignPanel({ appeals, dir, onDone }: { appeals: readonly Appeal[]; dir: Directory; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const id = useId();
  const [kind, setKind] = useState<ReassignTarget['kind'] | 'body'>('clerk');
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const clerks = useMemo(
    () =>
      [...dir.users.values()]
        .filter((u) => u.role === 'clerk' && appeals.every((a) => a.assigneeId !== u.id && canAssign(user, a, u)))
        .sort((a, b) => municipalityName(dir, a.municipalityId ?? '').localeCompare(municipalityName(dir, b.municipalityId ?? ''), 'ru') || a.displayName.localeCompare(b.displayName, 'ru')),
    [appeals, dir, user],
  );
  const current = useMemo(() => new Set(appeals.map((a) => a.municipalityId)), [appeals]);
  const municipalities = useMemo(
    () => dir.municipalityList.filter((m) => appeals.every((a) => canReassignToMunicipality(user, a, m.id))),
    [appeals, dir, user],
  );

  // The server would refuse a forward from a status the machine does not allow: say so before sending.
  const notForwardable = kind === 'body' ? appeals.filter((a) => !canTransition(a.status, STATUS_AFTER_FORWARD, user.role)).length : 0;
  const needsReason = kind !== 'clerk';
  const canSubmit = appeals.length > 0 && notForwardable === 0 && target.trim() !== '' && (!needsReason || reason.trim() !== '') && !busy;

  const submit = async () => {
    if (!canSubmit) return;
    setBusy(true);
    try {
      const db = getDb();
      const mutations =
        kind === 'body'
          ? await Promise.all(appeals.map((a) => forwardMutation(db, a.id, target, reason)))
          : await reassignMutations(db, appeals.map((a) => a.id), kind === 'clerk' ? { kind, userId: target } : { kind, municipalityId: target }, reason);
      for (const m of mutations) await client.enqueue(m);
      setTarget('');
      setReason('');
      onDone(t('supervisor.reassign.done', { count: mutations.length }));
    } catch (error) {
      setMessage(errorMessage((error as { code?: string }).code ?? 'unknown'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="sv-reassign"
      aria-labelledby={`${id}-heading`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id={`${id}-heading`}>{t('supervisor.reassign.heading', { count: appeals.length })}</h3>
      <fieldset className="sv-inline">
        <legend className="sr-live">{t('supervisor.reassign.kind')}</legend>
        <label>
          <input type="radio" name={`${id}-kind`} checked={kind === 'clerk'} onChange={() => (setKind('clerk'), setTarget(''))} />{' '}
          {t('supervisor.reassign.toClerk')}
        </label>
        <label>
          <input type="radio" name={`${id}-kind`} checked={kind === 'municipality'} onChange={() => (setKind('municipality'), setTarget(''))} />{' '}
          {t('supervisor.reassign.toMunicipality')}
        </label>
        <label>
          <input type="radio" name={`${id}-kind`} checked={kind === 'body'} onChange={() => (setKind('body'), setTarget(''))} />{' '}
          {t('supervisor.reassign.toBody')}
        </label>
      </fieldset>
      <div className="field">
        {kind === 'body' ? (
          <>
            <ForwardTargetField id={`${id}-target`} label={t('supervisor.reassign.body')} bodies={dir.bodies} exclude={current} onChange={(to) => setTarget(to.value)} />
            {notForwardable > 0 && (
              <p className="error-text" role="status">
                {t('supervisor.reassign.notForwardable', { count: notForwardable })}
              </p>
            )}
          </>
        ) : (
          <>
            <label htmlFor={`${id}-target`}>{kind === 'clerk' ? t('supervisor.reassign.clerk') : t('supervisor.reassign.municipality')}</label>
            <select id={`${id}-target`} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">{t('supervisor.reassign.choose')}</option>
              {kind === 'clerk'
                ? clerks.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.displayName} — {u.municipalityId ? municipalityName(dir, u.municipalityId) : t('supervisor.region')}
                    </option>
                  ))
                : municipalities.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
            </select>
          </>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{needsReason ? t('supervisor.reassign.reasonRequired') : t('supervisor.reassign.reason')}</label>
        <textarea id={`${id}-reason`} rows={2} maxLength={REASON_MAX_LENGTH} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" className="primary" disabled={!canSubmit}>
          {t('supervisor.reassign.submit', { count: appeals.length })}
        </button>
      </div>
      {message && (
        <p role="alert" className="error-text">
          {message}
        </p>
      )}
    </form>
  );
}
