import { useTranslation } from 'react-i18next';
import { controlCounts } from '../../../shared/problem-control';
import { useSupervisor } from '../supervisor/sections';
import { useControlRows } from './use-problem';

/** The «Аналитика» line of «Контроль исполнения»: promises under control, overdue and escalated, and the way to the list. */
export function ControlFigures() {
  const { t } = useTranslation();
  const rows = useControlRows();
  const setSection = useSupervisor((s) => s.setSection);
  const counts = rows ? controlCounts(rows) : null;
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
