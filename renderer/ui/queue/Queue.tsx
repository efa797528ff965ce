import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { isSupervisorRole } from '../../../shared/permissions';
import { getDb } from '../../db';
import { useSession } from '../../state/session';
import { useCurrent } from '../hooks/use-current';
import { useNow } from '../hooks/use-now';
import { loadQueue } from './query';
import { QueueRow, ROW_HEIGHT } from './QueueRow';

export const QUEUE_ID = 'queue';
const optionId = (appealId: string) => `queue-option-${appealId}`;

/**
 * The clerk's worklist as a listbox: the list keeps DOM focus and points at the selected option
 * with aria-activedescendant, so focus survives rows appearing and vanishing as pulls arrive.
 * Only the rows in view exist in the DOM (thousands of appeals stay smooth on an old PC).
 */
export function Queue({ onOpen }: { onOpen: (appealId: string, byKeyboard: boolean) => void }) {
  const { t } = useTranslation();
  const { user } = useCurrent();
  const openAppeal = useSession((s) => s.openAppeal);
  const openId = useSession((s) => s.openAppealId);
  const appeals = useLiveQuery(() => loadQueue(getDb(), user), [user.id, user.role]);
  const now = useNow();
  const listRef = useRef<HTMLDivElement>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const lastIndex = useRef(0);

  const items = appeals ?? [];
  let index = selectedId ? items.findIndex((a) => a.id === selectedId) : -1;
  if (index < 0 && items.length > 0) index = Math.min(lastIndex.current, items.length - 1);
  const selected = index >= 0 ? items[index] : undefined;

  useEffect(() => {
    // The chosen appeal left the queue (answered, reassigned): keep the place, not the id.
    // Until the person chooses, the selection stays at the top while pulled rows arrive.
    if (selectedId !== null && selected && selected.id !== selectedId) setSelectedId(selected.id);
    if (index >= 0) lastIndex.current = index;
  }, [selected, selectedId, index]);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (i) => items[i]?.id ?? i,
  });

  const moveTo = (next: number) => {
    if (items.length === 0) return;
    const clamped = Math.max(0, Math.min(items.length - 1, next));
    const target = items[clamped]!;
    setSelectedId(target.id);
    lastIndex.current = clamped;
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  const open = (appealId: string, byKeyboard: boolean) => {
    openAppeal(appealId);
    onOpen(appealId, byKeyboard);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
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
      Enter: () => selected && open(selected.id, true),
      ' ': () => selected && open(selected.id, true),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const heading = isSupervisorRole(user.role) ? t('queue.headingSupervisor') : t('queue.heading');

  return (
    <section className="queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading" className="queue-heading">
        {heading}{' '}
        <span className="queue-count" data-testid="queue-count">
          {t('queue.count', { count: items.length })}
        </span>
      </h2>
      <p className="hint" id="queue-hint">
        {t('queue.hint')}
      </p>
      <div
        id={QUEUE_ID}
        ref={listRef}
        className="queue-list"
        role="listbox"
        aria-label={t('queue.label')}
        aria-describedby="queue-hint"
        aria-activedescendant={selected ? optionId(selected.id) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        {items.length > 0 && (
          <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const appeal = items[row.index]!;
              return (
                <QueueRow
                  key={appeal.id}
                  id={optionId(appeal.id)}
                  appeal={appeal}
                  now={now}
                  top={row.start}
                  position={row.index + 1}
                  total={items.length}
                  selected={appeal.id === selected?.id}
                  opened={appeal.id === openId}
                  onClick={() => {
                    setSelectedId(appeal.id);
                    lastIndex.current = row.index;
                    open(appeal.id, false);
                  }}
                />
              );
            })}
          </div>
        )}
      </div>
      {items.length === 0 && <p className="queue-empty">{appeals === undefined ? t('queue.loading') : t('queue.empty')}</p>}
    </section>
  );
}
