import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { regionalDayProblem, type RegionalDays } from '../../../../shared/regional-calendar';
import { AdminMessages } from '../AdminMessages';
import { adminErrorText, useAdminApi } from '../use-admin-api';

type List = keyof RegionalDays;

const longDate = (key: string) =>
  new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', weekday: 'long', timeZone: 'UTC' }).format(new Date(`${key}T12:00:00Z`));

/**
 * «Календарь»: the region's own days on top of the federal production calendar — a republic's
 * holiday on a weekday, a Saturday made working. New appeals' deadlines are counted with them.
 */
export function CalendarView() {
  const { t } = useTranslation();
  const call = useAdminApi();
  const [days, setDays] = useState<RegionalDays | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setDays(await call<RegionalDays>('GET', '/calendar'));
    } catch (e) {
      setError(adminErrorText(e));
    }
  }, [call]);
  useEffect(() => void load(), [load]);

  const save = async (next: RegionalDays, done: string) => {
    setBusy(true);
    setError('');
    setStatus('');
    try {
      setDays(await call<RegionalDays>('PUT', '/calendar', next));
      setStatus(done);
      return true;
    } catch (e) {
      setError(adminErrorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h2>{t('admin.calendar.heading')}</h2>
      <p className="hint">{t('admin.calendar.intro')}</p>
      {!days ? (
        !error && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        (['holidays', 'workdays'] as const).map((list) => (
          <DayList
            key={list}
            list={list}
            days={days}
            busy={busy}
            onAdd={(key) => save({ ...days, [list]: [...days[list], key].sort() }, t('admin.calendar.added', { date: longDate(key) }))}
            onRemove={(key) => void save({ ...days, [list]: days[list].filter((k) => k !== key) }, t('admin.calendar.removed', { date: longDate(key) }))}
          />
        ))
      )}
      <AdminMessages error={error} status={status} />
    </>
  );
}

function DayList({ list, days, busy, onAdd, onRemove }: { list: List; days: RegionalDays; busy: boolean; onAdd(key: string): Promise<boolean>; onRemove(key: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [date, setDate] = useState('');
  const [problem, setProblem] = useState('');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const why = regionalDayProblem(list, date, days);
    setProblem(why ?? '');
    if (why) return;
    if (await onAdd(date)) setDate('');
  };

  return (
    <section className="adm-form" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t(`admin.calendar.${list}.heading`)}</h3>
      {days[list].length === 0 ? (
        <p className="hint">{t(`admin.calendar.${list}.none`)}</p>
      ) : (
        <ul className="adm-days">
          {days[list].map((key) => (
            <li key={key}>
              <time dateTime={key}>{longDate(key)}</time>{' '}
              <button type="button" disabled={busy} onClick={() => onRemove(key)} aria-label={t('admin.calendar.remove', { date: longDate(key) })}>
                {t('admin.calendar.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="adm-row" onSubmit={add} noValidate>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t(`admin.calendar.${list}.date`)}</label>
          <input id={`${id}-date`} type="date" value={date} aria-invalid={problem !== ''} aria-describedby={problem ? `${id}-problem` : undefined} onChange={(e) => setDate(e.target.value)} />
        </div>
        <button type="submit" disabled={busy}>
          {t('admin.calendar.add')}
        </button>
      </form>
      {problem && (
        <p id={`${id}-problem`} className="adm-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
