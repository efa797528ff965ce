import { useCallback, useEffect, useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useShallow } from 'zustand/react/shallow';
import { isSupervisorRole } from '../../../shared/permissions';
import { useSession } from '../../state/session';
import { useCurrent } from '../hooks/use-current';
import { useNow } from '../hooks/use-now';
import { BulkBar } from './BulkBar';
import { QueueExport } from './QueueExport';
import { FilterPanel } from './FilterPanel';
import { useQueue } from './queue-store';
import { QueueRow, ROW_HEIGHT } from './QueueRow';
import { SearchBox } from './SearchBox';
import { useQueueList } from './use-queue-list';
import { ViewTabs } from './ViewTabs';
import './queue.css';

export const QUEUE_ID = 'queue';
const optionId = (appealId: string) => `queue-option-${appealId}`;
const estimateSize = () => ROW_HEIGHT;

/**
 * The clerk's worklist as a multi-select listbox: the list keeps DOM focus and points at the
 * keyboard's row with aria-activedescendant, so focus survives rows appearing and vanishing as
 * pulls arrive. Only the rows in view exist in the DOM (100,000 appeals stay smooth on an old PC).
 */
export function Queue({ onOpen }: { onOpen: (appealId: string, byKeyboard: boolean) => void }) {
  const { t } = useTranslation();
  const { user } = useCurrent();
  const openAppeal = useSession((s) => s.openAppeal);
  const openId = useSession((s) => s.openAppealId);
  // Only what this component draws: the visible-list bookkeeping below must not re-render it.
  const q = useQueue(
    useShallow((s) => ({
      view: s.view,
      filters: s.filters,
      sort: s.sort,
      activeId: s.activeId,
      checked: s.checked,
      setVisible: s.setVisible,
      setActive: s.setActive,
      setChecked: s.setChecked,
      toggleChecked: s.toggleChecked,
    })),
  );
  const list = useQueueList(user);
  const now = useNow();
  const listRef = useRef<HTMLDivElement>(null);
  const lastIndex = useRef(0);
  const anchor = useRef<string | null>(null);

  const items = list.items;
  let index = q.activeId ? items.findIndex((a) => a.id === q.activeId) : -1;
  if (index < 0 && items.length > 0) index = Math.min(lastIndex.current, items.length - 1);
  const active = index >= 0 ? items[index] : undefined;

  const setVisible = q.setVisible;
  useEffect(() => setVisible(items), [items, setVisible]);

  useEffect(() => {
    // The chosen appeal left the list (answered, reassigned): keep the place, not the id.
    if (q.activeId !== null && active && active.id !== q.activeId) q.setActive(active.id);
    if (index >= 0) lastIndex.current = index;
  }, [active, q, index]);

  // Keyed by position (the default): rows have one fixed height and are never measured, and the
  // virtualizer re-measures every row (100,000 of them) whenever its key function changes, which
  // keyed by id would be on each pulled change. React keys the rows by id below.
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => listRef.current,
    estimateSize,
    overscan: 6,
  });

  // A view, filter or search change starts at the top.
  const shape = `${q.view}|${JSON.stringify(q.filters)}|${q.sort}|${list.shownQuery}`;
  useEffect(() => {
    lastIndex.current = 0;
    listRef.current?.scrollTo({ top: 0 });
  }, [shape]);

  const moveTo = (next: number) => {
    if (items.length === 0) return;
    const clamped = Math.max(0, Math.min(items.length - 1, next));
    const target = items[clamped]!;
    q.setActive(target.id);
    lastIndex.current = clamped;
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  const open = (appealId: string, byKeyboard: boolean) => {
    openAppeal(appealId);
    onOpen(appealId, byKeyboard);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      q.setChecked(items.map((i) => i.id));
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? ROW_HEIGHT * 5) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(index + 1),
      j: () => moveTo(index + 1),
      ArrowUp: () => moveTo(index - 1),
      k: () => moveTo(index - 1),
      Home: () => moveTo(0),
      End: () => moveTo(items.length - 1),
      PageDown: () => moveTo(index + page),
      PageUp: () => moveTo(index - page),
      Enter: () => active && open(active.id, true),
      o: () => active && open(active.id, true),
      ' ': () => active && q.toggleChecked(active.id),
      x: () => active && q.toggleChecked(active.id),
      Escape: () => q.checked.size > 0 && q.setChecked([]),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const onRowClick = (id: string, position: number, event: MouseEvent) => {
    q.setActive(id);
    lastIndex.current = position;
    if (event.shiftKey && anchor.current) {
      const from = items.findIndex((i) => i.id === anchor.current);
      const [a, b] = from < position ? [from, position] : [position, from];
      q.setChecked([...q.checked, ...items.slice(Math.max(0, a), b + 1).map((i) => i.id)]);
      return;
    }
    anchor.current = id;
    if (event.ctrlKey || event.metaKey) {
      q.toggleChecked(id);
      return;
    }
    open(id, false);
  };
  // One handler for every row and every render: a row redraws only when what it shows changes
  // (opening an appeal then redraws two rows, not all in view).
  const rowClickRef = useRef(onRowClick);
  useLayoutEffect(() => {
    rowClickRef.current = onRowClick;
  });
  const rowClick = useCallback((id: string, position: number, event: MouseEvent) => rowClickRef.current(id, position, event), []);

  const heading = q.view === 'mine' && isSupervisorRole(user.role) ? t('queue.headingSupervisor') : t(`views.titles.${q.view}`);

  return (
    <section className="queue" aria-labelledby="queue-heading">
      <ViewTabs counts={list.counts} />
      <SearchBox searching={list.searching} />
      <FilterPanel settlements={list.settlements} />
      <h2 id="queue-heading" className="queue-heading">
        {heading}{' '}
        <span className="queue-count" data-testid="queue-count">
          {t('queue.count', { count: items.length })}
        </span>
      </h2>
      <QueueExport items={items} title={list.shownQuery ? t('queue.exportTitleSearch', { title: heading, query: list.shownQuery }) : heading} />
      <BulkBar />
      <p className="hint" id="queue-hint">
        {t('queue.hint')}
      </p>
      <div
        id={QUEUE_ID}
        ref={listRef}
        className="queue-list"
        role="listbox"
        aria-multiselectable="true"
        aria-label={t('queue.label')}
        aria-describedby="queue-hint"
        aria-activedescendant={active ? optionId(active.id) : undefined}
        aria-busy={!list.loaded || list.searching}
        data-view={q.view}
        data-filters={JSON.stringify(q.filters)}
        data-search={list.shownQuery}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        {items.length > 0 && (
          <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const item = items[row.index]!;
              return (
                <QueueRow
                  key={item.id}
                  id={optionId(item.id)}
                  item={item}
                  now={now}
                  top={row.start}
                  position={row.index + 1}
                  total={items.length}
                  active={item.id === active?.id}
                  checked={q.checked.has(item.id)}
                  opened={item.id === openId}
                  citizenNew={list.citizenNew.has(item.id)}
                  onClick={rowClick}
                />
              );
            })}
          </div>
        )}
      </div>
      {items.length === 0 && (
        <p className="queue-empty">{!list.loaded ? t('queue.loading') : list.shownQuery ? t('search.nothing') : t('queue.empty')}</p>
      )}
    </section>
  );
}
