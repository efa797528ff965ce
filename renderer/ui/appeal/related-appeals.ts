import type { Appeal } from '../../../shared/domain';
import { normKey, type QueueItem } from '../queue/item';
import type { ItemsSource } from '../queue/replica-index';

const DAYS_90 = 90 * 86_400_000;

export interface RelatedAppeal {
  item: QueueItem;
  author: boolean;
  place: boolean;
}

/** Other appeals of the same author, or about the same place, received within 90 days of this one. */
export function relatedAppeals(appeal: Appeal, items: Iterable<QueueItem>, limit = 20): RelatedAppeal[] {
  const received = Date.parse(appeal.receivedAt);
  const keys = keysOf(appeal);
  const out: RelatedAppeal[] = [];
  for (const item of items) {
    if (!shares(keys, item) || item.id === appeal.id || Math.abs(item.received - received) > DAYS_90) continue;
    out.push({ item, author: item.authorKey === keys.author, place: keys.place !== null && item.placeKey === keys.place });
  }
  // Newest first; the id decides between equals, so the list is the same however it was gathered.
  return out.sort((a, b) => b.item.received - a.item.received || (a.item.id < b.item.id ? -1 : 1)).slice(0, limit);
}

interface Keys {
  author: string;
  place: string | null;
}

function keysOf(appeal: Appeal): Keys {
  return { author: normKey(appeal.author.name), place: appeal.address ? `${normKey(appeal.settlement)}|${normKey(appeal.address)}` : null };
}

/** Whether the item has the appeal's author or is about its place. */
function shares(keys: Keys, item: QueueItem | undefined): boolean {
  return item !== undefined && (item.authorKey === keys.author || (keys.place !== null && item.placeKey === keys.place));
}

/**
 * The related appeals of the appeal on screen, found again only when a change of the replica
 * touched one of its author's or its place's appeals: a scan of 100,000 appeals for each pulled
 * change cost a supervisor's screen 10 ms a change while an appeal was open.
 */
export class RelatedFinder {
  private last: { appeal: Appeal; version: number; result: RelatedAppeal[] } | null = null;

  constructor(private readonly source: ItemsSource) {}

  find(appeal: Appeal): RelatedAppeal[] {
    const { last, source } = this;
    if (last && last.appeal === appeal) {
      if (last.version === source.itemsVersion) return last.result;
      const changes = source.changesSince(last.version);
      if (changes && !this.touches(appeal, changes)) {
        last.version = source.itemsVersion;
        return last.result;
      }
    }
    const result = relatedAppeals(appeal, source.items.values());
    this.last = { appeal, version: source.itemsVersion, result };
    return result;
  }

  private touches(appeal: Appeal, changes: ReadonlyMap<string, QueueItem | undefined>): boolean {
    const keys = keysOf(appeal);
    for (const [id, before] of changes) if (shares(keys, before) || shares(keys, this.source.items.get(id))) return true;
    return false;
  }
}
