import { currentPeriod, previousPeriod, type Granularity, type Period } from '../../../shared/periods';

export const PERIOD_CHOICES = ['thisWeek', 'lastWeek', 'thisMonth', 'lastMonth'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

/** This or last week or month, in the region's calendar. */
export function choosePeriod(choice: PeriodChoice, now: Date): { period: Period; granularity: Granularity } {
  const granularity: Granularity = choice === 'thisWeek' || choice === 'lastWeek' ? 'week' : 'month';
  const current = currentPeriod(now, granularity);
  return { period: choice.startsWith('this') ? current : previousPeriod(current), granularity };
}
