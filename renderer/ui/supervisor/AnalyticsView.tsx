import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db';
import { computeAnalytics, share, type Analytics, type CountRow } from '../../../shared/analytics';
import { formatShort } from '../../i18n/format';
import { periodLabel } from '../../reports/digest';
import { useNow } from '../hooks/use-now';
import { ChartPatterns, CompareChart, SeriesChart, type CompareDatum } from './charts';
import { municipalityName, useDirectory } from './directory';
import { choosePeriod, PERIOD_CHOICES, type PeriodChoice } from './period-choice';
import { SatisfactionBlock } from './SatisfactionBlock';
import { ControlFigures } from '../problems/ControlFigures';
import { PostsFigures } from '../problems/PostsFigures';
import { useFacts } from './use-facts';

const fmt = (n: number) => n.toLocaleString('ru-RU');
const hours = (ms: number | null) => (ms === null ? '—' : (ms / 3_600_000).toLocaleString('ru-RU', { maximumFractionDigits: 1 }));
const percent = (x: number | null) => (x === null ? '—' : (x * 100).toLocaleString('ru-RU', { maximumFractionDigits: 1 }));

/** «+12 (+8%)», «−3 (−20%)», «без изменений». */
export function changeText(r: Pick<CountRow, 'current' | 'previous'>, same: string): string {
  const d = r.current - r.previous;
  if (d === 0) return same;
  const sign = d > 0 ? '+' : '−';
  const pct = r.previous === 0 ? '' : ` (${sign}${Math.round((Math.abs(d) / r.previous) * 100)}%)`;
  return `${sign}${fmt(Math.abs(d))}${pct}`;
}

/**
 * «Аналитика», computed on this workstation from the replica (offline too): counts by sphere,
 * source, municipality and over time, the median time to a first response, the share answered on
 * time, what is overdue now, the leading topics against the period before, and what citizens said
 * of the answers («Оценки жителей»). Each chart has its
 * table beside it; a print stylesheet lays them out for paper.
 */
export function AnalyticsView() {
  const { t } = useTranslation();
  const id = useId();
  const facts = useFacts();
  const dir = useDirectory();
  const now = useNow();
  const [choice, setChoice] = useState<PeriodChoice>('thisMonth');
  // Answers that did not reach the citizen and wait for a person, now (through the `state` index).
  const undelivered = useLiveQuery(() => getDb().deliveries.where('state').equals('failed').count(), []);
  const { period, granularity } = choosePeriod(choice, now);

  const analytics = useMemo(
    () => (facts ? computeAnalytics(facts.facts, { period, granularity, now }) : null),
    // Recomputed when the facts change, the period is chosen or the day turns.
    [facts, period.from, period.to, granularity, now.toDateString()],
  );

  return (
    <div className="sv-analytics" data-ready={analytics ? 'true' : 'false'}>
      <ChartPatterns />
      <div className="sv-analytics-head">
        <h2>{t('supervisor.analytics.heading')}</h2>
        <div className="field field-inline">
          <label htmlFor={id}>{t('supervisor.analytics.period')}</label>
          <select id={id} value={choice} onChange={(e) => setChoice(e.target.value as PeriodChoice)}>
            {PERIOD_CHOICES.map((c) => (
              <option key={c} value={c}>
                {t(`supervisor.analytics.choices.${c}`)}
              </option>
            ))}
          </select>
          <button type="button" className="no-print" onClick={() => window.print()}>
            {t('supervisor.analytics.print')}
          </button>
        </div>
      </div>
      {!analytics || !facts ? (
        <p aria-busy="true">{t('supervisor.reading')}</p>
      ) : (
        <>
          <ControlFigures />
          <PostsFigures />
          <Figures a={analytics} undelivered={undelivered ?? null} dirName={(mid) => municipalityName(dir, mid)} />
          <SatisfactionBlock facts={facts.facts} period={period} />
        </>
      )}
    </div>
  );
}

function Figures({ a, undelivered, dirName }: { a: Analytics; undelivered: number | null; dirName: (id: string) => string }) {
  const { t } = useTranslation();
  const same = t('supervisor.analytics.same');
  const onTime = share(a.onTime.current);
  const compare = (rows: readonly CountRow[], label: (k: string) => string): CompareDatum[] =>
    rows.filter((r) => r.current > 0 || r.previous > 0).map((r) => ({ label: label(r.key), current: r.current, previous: r.previous }));
  const seriesLabel = (from: string) => (a.granularity === 'week' ? formatShort(`${from}T12:00:00Z`).replace(/, \d\d:\d\d$/, '') : t(`supervisor.analytics.months.${Number(from.slice(5, 7))}`) + ` ${from.slice(2, 4)}`);

  return (
    <>
      <p className="sv-period" data-figure="period">
        {t('supervisor.analytics.periodLine', { period: periodLabel(a.period), previous: periodLabel(a.previous) })}
      </p>
      <dl className="sv-figures">
        <div data-figure="total">
          <dt>{t('supervisor.analytics.total')}</dt>
          <dd>
            <strong>{fmt(a.total.current)}</strong> <span className="hint">{changeText(a.total, same)}</span>
          </dd>
        </div>
        <div data-figure="overdue">
          <dt>{t('supervisor.analytics.overdueNow')}</dt>
          <dd>
            <strong>{fmt(a.overdueNow)}</strong>
          </dd>
        </div>
        <div data-figure="undelivered">
          <dt>{t('supervisor.analytics.undeliveredNow')}</dt>
          <dd>
            <strong>{undelivered === null ? '…' : fmt(undelivered)}</strong>
          </dd>
        </div>
        <div data-figure="median">
          <dt>{t('supervisor.analytics.median')}</dt>
          <dd>
            <strong>{hours(a.medianFirstResponseMs.current)}</strong> {t('supervisor.analytics.hoursUnit')}{' '}
            <span className="hint">{t('supervisor.analytics.was', { value: hours(a.medianFirstResponseMs.previous) })}</span>
          </dd>
        </div>
        <div data-figure="on-time">
          <dt>{t('supervisor.analytics.onTime')}</dt>
          <dd>
            <strong>{percent(onTime)}%</strong>{' '}
            <span className="hint">{t('supervisor.analytics.onTimeOf', { onTime: fmt(a.onTime.current.onTime), due: fmt(a.onTime.current.due) })}</span>
          </dd>
        </div>
      </dl>

      <ChartBlock
        title={t('supervisor.analytics.series', { unit: t(`supervisor.analytics.unit.${a.granularity}`) })}
        chart={(title) => <SeriesChart title={title} data={a.series.map((p) => ({ label: seriesLabel(p.period.from), count: p.count }))} />}
        head={[t(`supervisor.analytics.unit.${a.granularity}`), t('supervisor.analytics.count')]}
        rows={a.series.map((p) => [periodLabel(p.period), fmt(p.count)])}
      />
      <CompareBlock title={t('supervisor.analytics.bySphere')} first={t('reports.sphere')} data={compare(a.bySphere, (k) => t(`categories.${k}`))} same={same} />
      <CompareBlock title={t('supervisor.analytics.bySource')} first={t('supervisor.analytics.source')} data={compare(a.bySource, (k) => t(`sources.${k}`))} same={same} />
      <CompareBlock title={t('supervisor.analytics.byMunicipality')} first={t('reports.municipality')} data={compare(a.byMunicipality, dirName)} same={same} />
      <CompareBlock
        title={t('supervisor.analytics.topics')}
        first={t('reports.topic')}
        data={a.topics.slice(0, 10).map((r) => ({ label: r.label, current: r.current, previous: r.previous }))}
        same={same}
        trend
      />
    </>
  );
}

function CompareBlock({ title, first, data, same, trend }: { title: string; first: string; data: CompareDatum[]; same: string; trend?: boolean }) {
  const { t } = useTranslation();
  const arrow = (d: CompareDatum) => (d.current > d.previous ? '▲ ' : d.current < d.previous ? '▼ ' : '');
  return (
    <ChartBlock
      title={title}
      chart={(ttl) => (data.length === 0 ? <p className="hint">{t('supervisor.analytics.noData')}</p> : <CompareChart title={ttl} data={data} />)}
      head={[first, t('supervisor.analytics.current'), t('supervisor.analytics.previous'), t('supervisor.analytics.change')]}
      rows={data.map((d) => [d.label, fmt(d.current), fmt(d.previous), `${trend ? arrow(d) : ''}${changeText(d, same)}`])}
    />
  );
}

function ChartBlock({ title, chart, head, rows }: { title: string; chart: (title: string) => ReactNode; head: string[]; rows: string[][] }) {
  const id = useId();
  return (
    <section className="sv-chart-block" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <div className="sv-chart-pair">
        {chart(title)}
        <table className="sv-table sv-figures-table">
          <thead>
            <tr>
              {head.map((h, i) => (
                <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r[0]}>
                {r.map((c, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      {c}
                    </th>
                  ) : (
                    <td key={i} className="num">
                      {c}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
