import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealFacts } from '../../../shared/facts';
import type { Period } from '../../../shared/periods';
import { computeSatisfaction, confirmedShare, SATISFACTION_GROUPS, type SatisfactionGroup, type SatisfactionRow } from '../../../shared/satisfaction';
import { municipalityName, userName, useDirectory } from './directory';

const fmt = (n: number) => n.toLocaleString('ru-RU');
const mean = (x: number | null) => (x === null ? '—' : x.toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toLocaleString('ru-RU', { maximumFractionDigits: 1 })}%`);

/**
 * «Оценки жителей» on «Аналитика»: what the authors said of the answers to the period's appeals
 * (shared/satisfaction.ts), in all and grouped by body, sphere, channel or clerk, least content
 * first. From the replica, like every figure on the page.
 */
export function SatisfactionBlock({ facts, period }: { facts: readonly AppealFacts[]; period: Period }) {
  const { t } = useTranslation();
  const id = useId();
  const dir = useDirectory();
  const [by, setBy] = useState<SatisfactionGroup>('municipality');
  const s = useMemo(() => computeSatisfaction(facts, period, by), [facts, period.from, period.to, by]);
  const label = (key: string) =>
    by === 'municipality' ? municipalityName(dir, key) : by === 'category' ? t(`categories.${key}`) : by === 'source' ? t(`sources.${key}`) : userName(dir, key || null, t('supervisor.analytics.satisfaction.noAssignee'));
  const heard = s.total.rated + s.total.solved + s.total.notSolved;
  const cells = (r: SatisfactionRow) => [fmt(r.answered), fmt(r.rated), mean(r.meanScore), fmt(r.low), fmt(r.solved), fmt(r.notSolved)];

  return (
    <section className="sv-satisfaction" aria-labelledby={`${id}-h`} data-figure="satisfaction">
      <h3 id={`${id}-h`}>{t('supervisor.analytics.satisfaction.heading')}</h3>
      <dl className="sv-figures">
        <div data-figure="mean-score">
          <dt>{t('supervisor.analytics.satisfaction.mean')}</dt>
          <dd>
            <strong>{mean(s.total.meanScore)}</strong> <span className="hint">{t('supervisor.analytics.satisfaction.rated')}: {fmt(s.total.rated)}</span>
          </dd>
        </div>
        <div data-figure="confirmed-share">
          <dt>{t('supervisor.analytics.satisfaction.confirmedShare')}</dt>
          <dd>
            <strong>{percent(confirmedShare(s.total))}</strong>{' '}
            <span className="hint">{t('supervisor.analytics.satisfaction.confirmedOf', { solved: fmt(s.total.solved), answered: fmt(s.total.answered) })}</span>
          </dd>
        </div>
      </dl>
      {heard === 0 ? (
        <p className="hint">{t('supervisor.analytics.satisfaction.none')}</p>
      ) : (
        <>
          <div className="field field-inline">
            <label htmlFor={`${id}-by`}>{t('supervisor.analytics.satisfaction.groupBy')}</label>
            <select id={`${id}-by`} value={by} onChange={(e) => setBy(e.target.value as SatisfactionGroup)}>
              {SATISFACTION_GROUPS.map((g) => (
                <option key={g} value={g}>
                  {t(`supervisor.analytics.satisfaction.groups.${g}`)}
                </option>
              ))}
            </select>
          </div>
          <table className="sv-table sv-figures-table">
            <caption className="sr-live">{`${t('supervisor.analytics.satisfaction.heading')}, ${t(`supervisor.analytics.satisfaction.groups.${by}`)}`}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`supervisor.analytics.satisfaction.groups.${by}`)}</th>
                {(['answered', 'rated', 'mean', 'low', 'solved', 'notSolved'] as const).map((h) => (
                  <th key={h} scope="col" className="num">
                    {t(`supervisor.analytics.satisfaction.${h}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{label(r.key)}</th>
                  {cells(r).map((c, i) => (
                    <td key={i} className="num">
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
