import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, XAxis, YAxis } from 'recharts';

/**
 * Bar charts that read the same on screen and on a black-and-white printout: the period is a
 * solid dark fill, the period before a hatched one, every bar carries its number, and each chart
 * has its table beside it. Fixed sizes, no animation: they print as drawn and render at once.
 */

export const PATTERN_CURRENT = 'sv-pattern-current';
export const PATTERN_PREVIOUS = 'sv-pattern-previous';

/** The fills the charts refer to; rendered once per page. */
export function ChartPatterns() {
  return (
    <svg width="0" height="0" aria-hidden="true" focusable="false" style={{ position: 'absolute' }}>
      <defs>
        <pattern id={PATTERN_CURRENT} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="#2b2b2b" />
        </pattern>
        <pattern id={PATTERN_PREVIOUS} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#000000" strokeWidth="2" />
        </pattern>
      </defs>
    </svg>
  );
}

export interface CompareDatum {
  label: string;
  current: number;
  previous: number;
}

const AXIS = { fontSize: 12, fill: '#1b1f24' };

/** Horizontal bars: the period against the one before, one pair per row. */
export function CompareChart({ data, title, labelWidth = 170 }: { data: readonly CompareDatum[]; title: string; labelWidth?: number }) {
  const { t } = useTranslation();
  const height = Math.max(120, data.length * 34 + 60);
  return (
    <figure className="sv-chart" aria-label={title}>
      <BarChart width={560} height={height} data={[...data]} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 4 }} barGap={1}>
        <CartesianGrid horizontal={false} stroke="#c3c8d0" />
        <XAxis type="number" allowDecimals={false} tick={AXIS} />
        <YAxis type="category" dataKey="label" width={labelWidth} tick={AXIS} interval={0} />
        <Legend verticalAlign="top" height={28} />
        <Bar dataKey="current" name={t('supervisor.analytics.current')} fill={`url(#${PATTERN_CURRENT})`} stroke="#000" isAnimationActive={false}>
          <LabelList dataKey="current" position="right" style={AXIS} />
        </Bar>
        <Bar dataKey="previous" name={t('supervisor.analytics.previous')} fill={`url(#${PATTERN_PREVIOUS})`} stroke="#000" isAnimationActive={false}>
          <LabelList dataKey="previous" position="right" style={AXIS} />
        </Bar>
      </BarChart>
    </figure>
  );
}

/** Vertical bars over time: appeals received per week or month. */
export function SeriesChart({ data, title }: { data: readonly { label: string; count: number }[]; title: string }) {
  return (
    <figure className="sv-chart" aria-label={title}>
      <BarChart width={560} height={260} data={[...data]} margin={{ top: 24, right: 8, bottom: 4, left: 0 }}>
        <CartesianGrid vertical={false} stroke="#c3c8d0" />
        <XAxis dataKey="label" tick={{ ...AXIS, fontSize: 11 }} interval={0} angle={-30} textAnchor="end" height={48} />
        <YAxis allowDecimals={false} tick={AXIS} width={44} />
        <Bar dataKey="count" fill={`url(#${PATTERN_CURRENT})`} stroke="#000" isAnimationActive={false}>
          <LabelList dataKey="count" position="top" style={{ ...AXIS, fontSize: 11 }} />
        </Bar>
      </BarChart>
    </figure>
  );
}
