import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { controlCounts, controlList } from '../../../shared/problem-control';
import { workCalendar } from '../../clerk/calendar';
import { useNow } from '../hooks/use-now';
import { useSupervisor } from '../supervisor/sections';
import { useProblems } from './use-problem';

/** The «Аналитика» line of «Контроль исполнения»: promises under control, overdue and escalated, and the way to the list. */
export function ControlFigures() {
  const { t } = useTranslation();
  const now = useNow();
  const problems = useProblems();
  const setSection = useSupervisor((s) => s.setSection);
  const counts = useMemo(() => (problems ? controlCounts(controlList(problems.values(), now, { calendar: workCalendar() })) : null), [problems, now]);
  if (!counts) return null;
  return (
    <p className="control-figures">
      {t('problems.control.counts', counts)}{' '}
      <button type="button" className="link-button" onClick={() => setSection('control')}>
        {t('problems.control.heading')}
      </button>
    </p>
  );
}
