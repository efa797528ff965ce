import { format } from 'date-fns';
import { ru } from 'date-fns/locale';
import { TZDate } from '@date-fns/tz';

/** The region works in Moscow time, whatever the PC's clock zone is. */
export const TIME_ZONE = 'Europe/Moscow';

function inMoscow(iso: string | Date): TZDate | null {
  const date = new TZDate(typeof iso === 'string' ? Date.parse(iso) : iso.getTime(), TIME_ZONE);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** «5 марта 2025, 14:30» */
export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const date = inMoscow(iso);
  return date ? format(date, 'd MMMM yyyy, HH:mm', { locale: ru }) : '';
}

/** «5 мар, 14:30» — compact, for the queue. */
export function formatShort(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const date = inMoscow(iso);
  return date ? format(date, 'd MMM, HH:mm', { locale: ru }) : '';
}

/** «14:30» */
export function formatTime(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const date = inMoscow(iso);
  return date ? format(date, 'HH:mm', { locale: ru }) : '';
}
