import { useTranslation } from 'react-i18next';
import { workingMillisBetween } from '../../../shared/deadlines';
import { DeadlineBadge } from '../badges';

/** «5 ч 20 мин»: working time, as deadlines are counted. */
export function formatWorkingSpan(ms: number): { h: number; m: number } {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  return { h: Math.floor(minutes / 60), m: minutes % 60 };
}

/** A deadline with its level (amber, then red) and the working time left or overdue. */
export function Countdown({ dueAt, now }: { dueAt: string; now: Date }) {
  const { t } = useTranslation();
  const due = new Date(dueAt);
  const left = Number.isNaN(due.getTime()) ? 0 : workingMillisBetween(now, due);
  const time = t('appealMore.hours', formatWorkingSpan(left));
  return (
    <span className="countdown">
      <DeadlineBadge dueAt={dueAt} now={now} />{' '}
      <span className="hint">{left >= 0 ? t('appealMore.countdown', { time }) : t('appealMore.countdownOverdue', { time })}</span>
    </span>
  );
}
