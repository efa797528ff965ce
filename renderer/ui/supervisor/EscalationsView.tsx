import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_ESCALATION_HOURS, ESCALATION_CHOICES_HOURS, escalations } from '../../../shared/escalation';
import { overdueText } from '../../reports/digest';
import { useNow } from '../hooks/use-now';
import { AppealSide } from './AppealSide';
import { AppealTable, type ExtraColumn } from './AppealTable';
import { useDirectory } from './directory';
import { useFacts } from './use-facts';
import { workCalendar } from '../../clerk/calendar';

const STORAGE_KEY = 'otklik.escalationHours';

function storedThreshold(): number {
  const n = Number(globalThis.localStorage?.getItem(STORAGE_KEY));
  return ESCALATION_CHOICES_HOURS.includes(n) ? n : DEFAULT_ESCALATION_HOURS;
}

/**
 * «Просрочки»: open appeals overdue by more than the chosen working time (one working day unless
 * the supervisor sets otherwise; the choice is kept on this workstation), most overdue first,
 * with the clerk and how long they are overdue.
 */
export function EscalationsView() {
  const { t } = useTranslation();
  const id = useId();
  const facts = useFacts();
  const dir = useDirectory();
  const now = useNow();
  const [hours, setHours] = useState(storedThreshold);

  const list = useMemo(() => (facts ? escalations(facts.facts, now, hours, workCalendar()) : null), [facts, now, hours]);
  // The same list keeps the same identity, so a choice of rows survives the minute's tick.
  const joined = list?.map((e) => e.id).join('\n') ?? '';
  const ids = useMemo(() => (joined === '' ? [] : joined.split('\n')), [joined]);
  const extra = useMemo((): ExtraColumn => {
    const by = new Map((list ?? []).map((e) => [e.id, e.overdueWorkingMs]));
    return {
      header: t('supervisor.overdue.by'),
      cell: (a) => <span className="badge deadline deadline-overdue">{overdueText(by.get(a.id) ?? 0)}</span>,
      text: (a) => overdueText(by.get(a.id) ?? 0),
    };
  }, [list, t]);

  const choose = (value: number) => {
    setHours(value);
    globalThis.localStorage?.setItem(STORAGE_KEY, String(value));
  };

  return (
    <div className="sv-split">
      <div className="sv-main">
        <h2>{t('supervisor.overdue.heading')}</h2>
        <div className="field field-inline">
          <label htmlFor={id}>{t('supervisor.overdue.threshold')}</label>
          <select id={id} value={hours} onChange={(e) => choose(Number(e.target.value))}>
            {ESCALATION_CHOICES_HOURS.map((h) => (
              <option key={h} value={h}>
                {t(`supervisor.overdue.choices.${h}`)}
              </option>
            ))}
          </select>
        </div>
        {list === null ? (
          <p aria-busy="true">{t('supervisor.reading')}</p>
        ) : (
          <AppealTable ids={ids} title={t('supervisor.overdue.listTitle', { threshold: t(`supervisor.overdue.choices.${hours}`) })} dir={dir} extra={extra} />
        )}
      </div>
      <AppealSide />
    </div>
  );
}
