import type { Appeal, AppealStatus, Category, Priority, Source } from '../../../shared/domain';
import { firstLine } from './query';

/**
 * What the queue needs of an appeal, kept in memory for the whole replica: small enough for
 * 100,000 appeals, and enough to count every view, filter, sort and draw a row without reading
 * IndexedDB on each keystroke.
 */
export interface QueueItem {
  id: string;
  status: AppealStatus;
  assigneeId: string | null;
  municipalityId: string;
  category: Category;
  source: Source;
  settlement: string | null;
  address: string | null;
  priority: Priority;
  dueAt: string;
  /** dueAt in milliseconds, for comparisons without parsing. */
  due: number;
  firstResponseDueAt: string | null;
  firstRespondedAt: string | null;
  receivedAt: string;
  received: number;
  authorName: string;
  preview: string;
  version: number;
  /** The author and the place, normalised, for finding related appeals without string work per row. */
  authorKey: string;
  placeKey: string | null;
}

export const normKey = (s: string | null | undefined) => (s ?? '').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

export function toItem(a: Appeal): QueueItem {
  return {
    id: a.id,
    status: a.status,
    assigneeId: a.assigneeId,
    municipalityId: a.municipalityId,
    category: a.category,
    source: a.source,
    settlement: a.settlement,
    address: a.address,
    priority: a.priority,
    dueAt: a.dueAt,
    due: Date.parse(a.dueAt),
    firstResponseDueAt: a.firstResponseDueAt,
    firstRespondedAt: a.firstRespondedAt,
    receivedAt: a.receivedAt,
    received: Date.parse(a.receivedAt),
    authorName: a.author.name,
    preview: firstLine(a.text, 140),
    version: a.version,
    authorKey: normKey(a.author.name),
    placeKey: a.address ? `${normKey(a.settlement)}|${normKey(a.address)}` : null,
  };
}
