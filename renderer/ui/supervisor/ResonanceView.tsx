import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { DEFAULT_WORK_SCHEDULE } from '../../../shared/deadlines';
import { findResonanceInFacts, resonanceNoticeId, type ResonanceAlarm } from '../../../shared/resonance';
import { getDb } from '../../db';
import { useNow } from '../hooks/use-now';
import { AppealSide } from './AppealSide';
import { ClusterToProblem } from '../problems/ClusterToProblem';
import { AppealTable } from './AppealTable';
import { municipalityName, useDirectory } from './directory';
import { useResonanceSettings } from './resonance-settings';
import { ResonanceSettingsForm } from './ResonanceSettingsForm';
import { appealsByIds } from '../../db/row-packs';
import { useFacts } from './use-facts';

const number = (n: number) => n.toLocaleString('ru-RU', { maximumFractionDigits: 1 });

/** Counts of the cluster's appeals by a field, the largest first. */
function tally(values: readonly string[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'ru'));
}

/** Where a growing cluster comes from: its channels and its settlements. */
function Breakdown({ alarm }: { alarm: ResonanceAlarm }) {
  const { t } = useTranslation();
  const appeals = useLiveQuery(async () => await appealsByIds(getDb(), alarm.appealIds), [alarm.appealIds]);
  if (!appeals) return null;
  const present = appeals.filter((a) => a !== undefined);
  const channels = tally(present.map((a) => t(`sources.${a.source}`)));
  const places = tally(present.map((a) => a.settlement ?? t('supervisor.resonance.noSettlement')));
  return (
    <div className="resonance-breakdown">
      <div>
        <h4>{t('supervisor.resonance.channels')}</h4>
        <ul>
          {channels.map(([name, n]) => (
            <li key={name}>
              {name}: {n}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h4>{t('supervisor.resonance.settlements')}</h4>
        <ul>
          {places.map(([name, n]) => (
            <li key={name}>
              {name}: {n}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/**
 * «Резонанс»: topics that grew suddenly today in a municipality (shared/resonance.ts), the
 * strongest first; a cluster opens to its channels, settlements and appeals, to be handed over,
 * opened or taken away like any supervisor's list.
 */
export function ResonanceView() {
  const { t } = useTranslation();
  const facts = useFacts();
  const dir = useDirectory();
  const now = useNow();
  const [settings] = useResonanceSettings();
  const [chosen, setChosen] = useState<string | null>(null);

  const alarms = useMemo(
    () => (facts ? findResonanceInFacts(facts.facts, new Date(now), DEFAULT_WORK_SCHEDULE.timeZone, settings) : null),
    [facts, now, settings],
  );
  const current = alarms?.find((a) => resonanceNoticeId(a) === chosen) ?? alarms?.[0] ?? null;
  const joined = current?.appealIds.join('\n') ?? '';
  const ids = useMemo(() => (joined === '' ? [] : joined.split('\n')), [joined]);

  return (
    <div className="sv-split">
      <div className="sv-main">
        <h2>{t('supervisor.resonance.heading')}</h2>
        <p className="hint">{t('supervisor.resonance.rule', { ratio: number(settings.ratio), minCount: settings.minCount, days: settings.baselineDays })}</p>
        <ResonanceSettingsForm />
        {alarms === null ? (
          <p aria-busy="true">{t('supervisor.reading')}</p>
        ) : alarms.length === 0 ? (
          <p>{t('supervisor.resonance.none')}</p>
        ) : (
          <>
            <ul className="resonance-list" aria-label={t('supervisor.resonance.listLabel')}>
              {alarms.map((a) => {
                const key = resonanceNoticeId(a);
                const place = municipalityName(dir, a.municipalityId);
                return (
                  <li key={key}>
                    <button type="button" className={a === current ? 'resonance-item is-active' : 'resonance-item'} aria-pressed={a === current} onClick={() => setChosen(key)}>
                      <strong>{a.topicLabel}</strong> — {place}
                      <span className="hint">
                        {' '}
                        {t('supervisor.resonance.figures', { today: a.today, usual: number(a.baseline), ratio: a.ratio === null ? '∞' : number(a.ratio) })}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
            {current && (
              <>
                <Breakdown alarm={current} />
                <ClusterToProblem key={resonanceNoticeId(current)} appealIds={current.appealIds} />
                <AppealTable ids={ids} title={t('supervisor.resonance.listTitle', { topic: current.topicLabel, place: municipalityName(dir, current.municipalityId) })} dir={dir} />
              </>
            )}
          </>
        )}
      </div>
      <AppealSide />
    </div>
  );
}
