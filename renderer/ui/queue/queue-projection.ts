import type { ItemChanges, ItemsSource } from './replica-index';
import type { QueueItem } from './item';
import { compareItems, countViews, inView, isOwnOpen, STEADY_VIEWS, type SortKey, type ViewContext, type ViewId } from './views';

/**
 * A value derived from the replica's items, kept current by applying what changed since it was
 * derived. With 100,000 appeals, deriving the queue's order and counts again for each appeal a
 * pull brings stalled a supervisor's screen for a fifth of a second; applying the change takes
 * well under a millisecond. Derived in full when its key changes or the change is not known.
 */
export class Derived<K, T> {
  private key: K | undefined;
  private version = -1;
  private value: T | undefined;

  constructor(
    private readonly derive: (items: ReadonlyMap<string, QueueItem>, key: K) => T,
    private readonly apply: (value: T, changes: ItemChanges, items: ReadonlyMap<string, QueueItem>, key: K) => T,
  ) {}

  /** The value for the source's items now. The same object while neither they nor the key changed. */
  get(source: ItemsSource, key: K): T {
    const version = source.itemsVersion;
    if (this.version === version && this.key === key) return this.value as T;
    const changes = this.version >= 0 && this.key === key ? source.changesSince(this.version) : null;
    this.value = changes ? this.apply(this.value as T, changes, source.items, key) : this.derive(source.items, key);
    this.key = key;
    this.version = version;
    return this.value;
  }
}

/** Few changes are spliced in by binary search; more are merged in one pass over the list. */
const SPLICE_AT_MOST = 16;

/** The items in the order of `compare`, kept by removing each changed item and inserting it anew. */
export function applyToSorted(
  sorted: readonly QueueItem[],
  changes: ItemChanges,
  items: ReadonlyMap<string, QueueItem>,
  compare: (a: QueueItem, b: QueueItem) => number,
): QueueItem[] {
  const added: QueueItem[] = [];
  for (const id of changes.keys()) {
    const now = items.get(id);
    if (now) added.push(now);
  }
  if (changes.size <= SPLICE_AT_MOST) {
    const next = sorted.slice();
    for (const before of changes.values()) {
      if (!before) continue;
      let at = lowerBound(next, before, compare);
      // The comparison ends on the id, so the item is there; a list derived otherwise is searched.
      if (next[at]?.id !== before.id) at = next.findIndex((i) => i.id === before.id);
      if (at >= 0) next.splice(at, 1);
    }
    for (const item of added) next.splice(lowerBound(next, item, compare), 0, item);
    return next;
  }
  added.sort(compare);
  const out: QueueItem[] = new Array(sorted.length + added.length);
  let n = 0;
  let j = 0;
  for (const item of sorted) {
    if (changes.has(item.id)) continue;
    while (j < added.length && compare(added[j]!, item) < 0) out[n++] = added[j++]!;
    out[n++] = item;
  }
  while (j < added.length) out[n++] = added[j++]!;
  out.length = n;
  return out;
}

function lowerBound(list: readonly QueueItem[], item: QueueItem, compare: (a: QueueItem, b: QueueItem) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function applyToCounts(counts: Record<ViewId, number>, changes: ItemChanges, items: ReadonlyMap<string, QueueItem>, ctx: ViewContext): Record<ViewId, number> {
  const next = { ...counts };
  for (const [id, before] of changes) {
    const now = items.get(id);
    for (const view of STEADY_VIEWS) {
      if (before && inView(view, before, ctx)) next[view]--;
      if (now && inView(view, now, ctx)) next[view]++;
    }
  }
  return next;
}

/** The person's own open appeals (the only ones the timed views can hold), in a map kept in place. */
export interface OwnOpen {
  items: ReadonlyMap<string, QueueItem>;
}

function deriveOwn(items: ReadonlyMap<string, QueueItem>, ctx: ViewContext): OwnOpen {
  const own = new Map<string, QueueItem>();
  for (const item of items.values()) if (isOwnOpen(item, ctx)) own.set(item.id, item);
  return { items: own };
}

function applyToOwn(own: OwnOpen, changes: ItemChanges, items: ReadonlyMap<string, QueueItem>, ctx: ViewContext): OwnOpen {
  const map = own.items as Map<string, QueueItem>;
  for (const id of changes.keys()) {
    const now = items.get(id);
    if (now && isOwnOpen(now, ctx)) map.set(id, now);
    else map.delete(id);
  }
  // A new holder, so that what is memoised on it is derived again.
  return { items: map };
}

/** The settlements named in the appeals, in Russian alphabetical order, with how many name each. */
interface Settlements {
  list: readonly string[];
  counts: Map<string, number>;
}

function deriveSettlements(items: ReadonlyMap<string, QueueItem>): Settlements {
  const counts = new Map<string, number>();
  for (const item of items.values()) if (item.settlement) counts.set(item.settlement, (counts.get(item.settlement) ?? 0) + 1);
  return { list: sortRu(counts.keys()), counts };
}

function applyToSettlements(value: Settlements, changes: ItemChanges, items: ReadonlyMap<string, QueueItem>): Settlements {
  const { counts } = value;
  let listChanged = false;
  for (const [id, before] of changes) {
    const now = items.get(id);
    if (before?.settlement) {
      const left = (counts.get(before.settlement) ?? 1) - 1;
      if (left > 0) counts.set(before.settlement, left);
      else listChanged = counts.delete(before.settlement) || listChanged;
    }
    if (now?.settlement) {
      const had = counts.get(now.settlement) ?? 0;
      counts.set(now.settlement, had + 1);
      if (had === 0) listChanged = true;
    }
  }
  return listChanged ? { list: sortRu(counts.keys()), counts } : value;
}

const sortRu = (names: Iterable<string>) => [...names].sort((a, b) => a.localeCompare(b, 'ru'));

/** What the queue derives from the whole replica: its order, the steady views' counts, the own open appeals, the settlements. */
export class QueueProjection {
  private readonly sorted = new Derived<SortKey, QueueItem[]>(
    (items, sort) => [...items.values()].sort(compareItems(sort)),
    (list, changes, items, sort) => applyToSorted(list, changes, items, compareItems(sort)),
  );
  private readonly counts = new Derived<ViewContext, Record<ViewId, number>>((items, ctx) => countViews(items.values(), ctx, STEADY_VIEWS), applyToCounts);
  private readonly own = new Derived<ViewContext, OwnOpen>(deriveOwn, applyToOwn);
  private readonly places = new Derived<null, Settlements>(deriveSettlements, applyToSettlements);

  constructor(private readonly source: ItemsSource) {}

  /** The items in the queue's order. */
  sortedBy(sort: SortKey): readonly QueueItem[] {
    return this.sorted.get(this.source, sort);
  }

  /** The counts of the views that do not move with the clock (`ctx` must not change with it either). */
  steadyCounts(ctx: ViewContext): Record<ViewId, number> {
    return this.counts.get(this.source, ctx);
  }

  ownOpen(ctx: ViewContext): OwnOpen {
    return this.own.get(this.source, ctx);
  }

  settlements(): readonly string[] {
    return this.places.get(this.source, null).list;
  }
}
