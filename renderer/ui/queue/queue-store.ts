import { create } from 'zustand';
import { NO_FILTERS, SORT_KEYS, VIEW_IDS, type Filters, type SortKey, type ViewId } from './views';

/** What the clerk chose in the queue; kept per person, so it survives a restart. */
export interface QueuePrefs {
  view: ViewId;
  filters: Filters;
  sort: SortKey;
}

export const DEFAULT_PREFS: QueuePrefs = { view: 'mine', filters: NO_FILTERS, sort: 'deadline' };

export interface QueueState extends QueuePrefs {
  userId: string | null;
  search: string;
  /** The appeals the queue shows, in order: next/previous work from anywhere with these. */
  visible: readonly { id: string }[];
  /** The row the keyboard is on. */
  activeId: string | null;
  /** Rows chosen for a bulk action. */
  checked: ReadonlySet<string>;
  /** Bumped to ask the search box for focus ("/"). */
  searchFocus: number;
  load(userId: string): void;
  setView(view: ViewId): void;
  setFilter<K extends keyof Filters>(key: K, value: Filters[K]): void;
  resetFilters(): void;
  setSort(sort: SortKey): void;
  setSearch(search: string): void;
  setVisible(items: readonly { id: string }[]): void;
  setActive(id: string | null): void;
  setChecked(ids: Iterable<string>): void;
  toggleChecked(id: string): void;
  focusSearch(): void;
}

const key = (userId: string) => `otklik.queue.${userId}`;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Stored preferences, checked field by field: an old or hand-edited value falls back to the default. */
export function readPrefs(userId: string): QueuePrefs {
  try {
    const raw = JSON.parse(storage()?.getItem(key(userId)) ?? 'null') as Partial<QueuePrefs> | null;
    if (!raw || typeof raw !== 'object') return DEFAULT_PREFS;
    const filters = { ...NO_FILTERS };
    for (const k of Object.keys(NO_FILTERS) as (keyof Filters)[]) {
      const v = raw.filters?.[k];
      if (typeof v === 'string') (filters as Record<string, string>)[k] = v;
    }
    return {
      view: VIEW_IDS.includes(raw.view as ViewId) ? (raw.view as ViewId) : DEFAULT_PREFS.view,
      sort: SORT_KEYS.includes(raw.sort as SortKey) ? (raw.sort as SortKey) : DEFAULT_PREFS.sort,
      filters,
    };
  } catch {
    return DEFAULT_PREFS;
  }
}

function writePrefs(state: QueueState): void {
  if (!state.userId) return;
  try {
    storage()?.setItem(key(state.userId), JSON.stringify({ view: state.view, filters: state.filters, sort: state.sort } satisfies QueuePrefs));
  } catch {
    // A full or refused storage: the choice lasts until the window closes.
  }
}

export const useQueue = create<QueueState>((set, get) => {
  const persist = (patch: Partial<QueueState>) => {
    set(patch);
    writePrefs(get());
  };
  return {
    ...DEFAULT_PREFS,
    userId: null,
    search: '',
    visible: [],
    activeId: null,
    checked: new Set(),
    searchFocus: 0,
    load(userId) {
      if (get().userId === userId) return;
      set({ ...readPrefs(userId), userId, search: '', checked: new Set(), activeId: null });
    },
    setView: (view) => persist({ view, checked: new Set() }),
    setFilter: (k, value) => persist({ filters: { ...get().filters, [k]: value } }),
    resetFilters: () => persist({ filters: NO_FILTERS }),
    setSort: (sort) => persist({ sort }),
    setSearch: (search) => set({ search }),
    setVisible: (visible) => set({ visible }),
    setActive: (activeId) => set({ activeId }),
    setChecked: (ids) => set({ checked: new Set(ids) }),
    toggleChecked(id) {
      const next = new Set(get().checked);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      set({ checked: next });
    },
    focusSearch: () => set({ searchFocus: get().searchFocus + 1 }),
  };
});
