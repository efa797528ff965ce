import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AppealStatus, Source } from '../../shared/domain';
import { deadlineLevel, type DeadlineLevel } from '../../shared/deadlines';
import { formatShort } from '../i18n/format';
import { workCalendar } from '../clerk/calendar';

export function SourceBadge({ source }: { source: Source }) {
  const { t } = useTranslation();
  return <span className={`badge source source-${source}`}>{t(`sources.${source}`)}</span>;
}

export function StatusBadge({ status }: { status: AppealStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status status-${status}`}>{t(`statuses.${status}`)}</span>;
}

export function levelOf(now: Date, dueAt: string | null): DeadlineLevel | null {
  if (!dueAt) return null;
  const due = new Date(dueAt);
  return Number.isNaN(due.getTime()) ? null : deadlineLevel(now, due, workCalendar());
}

/** A deadline with its urgency in words as well as colour: «Просрочено: до 5 мар., 18:00». */
export function deadlineText(t: TFunction, now: Date, dueAt: string | null): string {
  const level = levelOf(now, dueAt);
  if (!level || !dueAt) return t('deadline.none');
  if (level === 'overdue') return t('deadline.valueOverdue', { date: formatShort(dueAt) });
  return t('deadline.value', { level: t(`deadline.${level}`), date: formatShort(dueAt) });
}

export function DeadlineBadge({ dueAt, now }: { dueAt: string | null; now: Date }) {
  const { t } = useTranslation();
  const level = levelOf(now, dueAt) ?? 'none';
  return <span className={`badge deadline deadline-${level}`}>{deadlineText(t, now, dueAt)}</span>;
}
