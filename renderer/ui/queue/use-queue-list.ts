import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { User } from '../../../shared/domain';
import { isSupervisorRole } from '../../../shared/permissions';
import { useNow } from '../hooks/use-now';
import { getAppealSearch, getReplicaIndex } from './index-context';
import type { QueueItem } from './item';
import { useQueue } from './queue-store';
import { QueueProjection } from './queue-projection';
import { countViews, inView, passesFilters, TIMED_VIEWS, viewContext, type ViewId } from './views';

/**
 * Search results for the query being shown; `pending` while a newer query is still running. The
 * query is asked again whenever search learns of a write to what it reads, so a reply just sent or
 * an appeal just pulled shows up under the words already typed (the earlier result stays shown
 * meanwhile).
 */
function useSearchResult(query: string): { query: string; ids: Set<string> | null; pending: boolean } {
  const [result, setResult] = useState<{ query: string; ids: Set<string> | null }>({ query: '', ids: null });
  const search = getAppealSearch();
  const changes = useSyncExternalStore(search.subscribe, search.changes);
  // A search asked again is not cancelled by the next write (a pull of many pages would starve it):
  // any answer to the query still typed is shown, unless a later-asked one is shown already.
  const typed = useRef(query);
  typed.current = query;
  const asked = useRef(0);
  const shown = useRef(0);
  useEffect(() => {
    if (query.trim() === '') {
      setResult({ query, ids: null });
      return;
    }
    const turn = ++asked.current;
    void search.search(query).then((ids) => {
      if (typed.current !== query || turn < shown.current) return;
      shown.current = turn;
      setResult({ query, ids });
    });
  }, [search, query, changes]);
  return { ...result, pending: result.query !== query };
}

const UNKNOWN_COUNTS: Record<ViewId, number | null> = { mine: null, new: null, today: null, overdue: null, approval: null, answered: null, all: null, undelivered: null };

export interface QueueList {
  loaded: boolean;
  items: QueueItem[];
  /** null while not yet known (the replica is still being read). */
  counts: Record<ViewId, number | null>;
  /** The query whose results are shown (may lag the typed one for a moment). */
  shownQuery: string;
  searching: boolean;
  settlements: readonly string[];
  /** Appeals where the citizen wrote again and the person has not read it yet. */
  citizenNew: ReadonlySet<string>;
}

/** The queue as the clerk has chosen to see it: view, filters, search and order, recomputed from memory. */
export function useQueueList(user: Pick<User, 'id' | 'role'>): QueueList {
  const index = getReplicaIndex();
  const snap = useSyncExternalStore(index.subscribe, index.get);
  const { view, filters, sort, search } = useQueue(useShallow((s) => ({ view: s.view, filters: s.filters, sort: s.sort, search: s.search })));
  const now = useNow(30_000);
  const supervisor = isSupervisorRole(user.role);
  const ctx = useMemo(() => viewContext({ id: user.id, supervisor }, now, snap.awaiting, snap.undelivered), [user.id, supervisor, now, snap.awaiting, snap.undelivered]);
  // The clock ticks every 30 s. With 100,000 appeals, recounting and refiltering all of them on
  // each tick stalled the screen for tens of milliseconds; only what depends on the time is redone:
  // the two timed views' counts (over the person's own open appeals) and a list that is timed.
  const steadyCtx = useMemo(() => viewContext({ id: user.id, supervisor }, new Date(), snap.awaiting, snap.undelivered), [user.id, supervisor, snap.awaiting, snap.undelivered]);
  // Derived once and then kept by applying each change: a pulled appeal costs a splice, not a
  // sort and a count of the whole replica.
  const [projection] = useState(() => new QueueProjection(index));
  const steadyCounts = projection.steadyCounts(steadyCtx);
  const own = projection.ownOpen(steadyCtx);
  const counts = useMemo(() => {
    const timed = countViews(own.items.values(), ctx, TIMED_VIEWS);
    return { ...steadyCounts, today: timed.today, overdue: timed.overdue };
  }, [steadyCounts, own, ctx]);
  const sorted = projection.sortedBy(sort);
  const found = useSearchResult(search);
  const timedList = TIMED_VIEWS.includes(view) || filters.deadline !== '';
  const listCtx = timedList ? ctx : steadyCtx;
  const items = useMemo(
    () => sorted.filter((i) => inView(view, i, listCtx) && passesFilters(i, filters, listCtx) && (found.ids === null || found.ids.has(i.id))),
    [sorted, view, listCtx, filters, found.ids],
  );
  const settlements = projection.settlements();
  // On a big replica a clerk's own queue is ready before the rest has been read.
  const ready = snap.loaded || (!supervisor && view === 'mine' && snap.mineOf === user.id);
  return {
    loaded: ready,
    items: ready ? items : [],
    counts: snap.loaded ? counts : { ...UNKNOWN_COUNTS, mine: ready || snap.mineOf === user.id ? counts.mine : null },
    shownQuery: found.query,
    searching: found.pending,
    settlements,
    citizenNew: snap.citizenNew,
  };
}
