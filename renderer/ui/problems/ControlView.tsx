import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_ESCALATION_HOURS } from '../../../shared/escalation';
import { controlCounts } from '../../../shared/problem-control';
import { getDb } from '../../db';
import { formatShort } from '../../i18n/format';
import { overdueText } from '../../reports/digest';
import { AppealSide } from '../supervisor/AppealSide';
import { municipalityName, useDirectory } from '../supervisor/directory';
import { useSupervisor } from '../supervisor/sections';
import { useControlRows } from './use-problem';

/** The appeals of every problem, oldest first, by problem id: one read of the problemId index. */
function useAppealsByProblem(): Map<string, string[]> | undefined {
  return useLiveQuery(async () => {
    const rows = await getDb().appeals.where('problemId').above('').toArray();
    rows.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const out = new Map<string, string[]>();
    for (const a of rows) out.set(a.problemId!, [...(out.get(a.problemId!) ?? []), a.id]);
    return out;
  }, []);
}

/**
 * «Контроль исполнения»: every problem taken in work, who promised to fix it and by when, overdue
 * first (shared/problem-control.ts); a promise overdue by a working day is escalated as a deadline
 * is. «Открыть» shows the problem's first appeal, with the problem's card, beside the list.
 */
export function ControlView() {
  const { t } = useTranslation();
  const id = useId();
  const dir = useDirectory();
  const appeals = useAppealsByProblem();
  const open = useSupervisor((s) => s.open);
  const [bodyId, setBodyId] = useState('');
  const all = useControlRows();
  const rows = useMemo(() => (all && bodyId ? all.filter((r) => r.responsibleBodyId === bodyId) : all), [all, bodyId]);
  const bodies = useMemo(() => [...new Set((all ?? []).map((r) => r.responsibleBodyId).filter((b): b is string => b !== null))], [all]);
  const counts = rows ? controlCounts(rows) : null;

  return (
    <div className="sv-split">
      <div className="sv-main">
        <h2>{t('problems.control.heading')}</h2>
        <p className="hint">{t('problems.control.intro')}</p>
        <div className="field field-inline">
          <label htmlFor={id}>{t('problems.control.body')}</label>
          <select id={id} value={bodyId} onChange={(e) => setBodyId(e.target.value)}>
            <option value="">{t('problems.control.allBodies')}</option>
            {bodies.map((b) => (
              <option key={b} value={b}>
                {municipalityName(dir, b)}
              </option>
            ))}
          </select>
        </div>
        {rows === null || counts === null ? (
          <p aria-busy="true">{t('supervisor.reading')}</p>
        ) : rows.length === 0 ? (
          <p>{t('problems.control.none')}</p>
        ) : (
          <>
            <p className="control-counts" role="status">
              {t('problems.control.counts', counts)}
            </p>
            <table className="sv-table">
              <caption className="sr-only">{t('problems.control.heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('problems.control.title')}</th>
                  <th scope="col">{t('problems.control.body')}</th>
                  <th scope="col">{t('problems.control.due')}</th>
                  <th scope="col">{t('problems.control.appeals')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const first = appeals?.get(r.id)?.[0];
                  return (
                    <tr key={r.id} data-problem-id={r.id}>
                      <th scope="row">
                        {first ? (
                          <button type="button" className="link-button" onClick={() => open(first)}>
                            {r.title}
                          </button>
                        ) : (
                          r.title
                        )}
                      </th>
                      <td>{r.responsibleBodyId ? municipalityName(dir, r.responsibleBodyId) : '—'}</td>
                      <td>
                        {formatShort(new Date(r.promisedAt))}{' '}
                        {r.overdue && (
                          <span className="badge deadline deadline-overdue">
                            {r.escalated ? t('problems.control.escalated', { hours: DEFAULT_ESCALATION_HOURS }) : t('problems.control.overdue')}: {overdueText(r.overdueWorkingMs)}
                          </span>
                        )}
                      </td>
                      <td>{appeals?.get(r.id)?.length ?? 0}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </>
        )}
      </div>
      <AppealSide />
    </div>
  );
}
