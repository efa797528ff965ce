import { memo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DeadlineBadge, SourceBadge, StatusBadge, levelOf } from '../badges';
import type { QueueItem } from './item';

/** Fixed row height: the virtualizer needs no measuring, and rows never jump. */
export const ROW_HEIGHT = 92;

interface Props {
  id: string;
  item: QueueItem;
  now: Date;
  top: number;
  position: number;
  total: number;
  active: boolean;
  checked: boolean;
  opened: boolean;
  /** The citizen wrote again and the person has not read it yet. */
  citizenNew: boolean;
  /** The same function from render to render (the row is memoised), told which row was clicked. */
  onClick: (appealId: string, index: number, event: MouseEvent) => void;
}

/**
 * One appeal in the queue. Its accessible name comes from its content, author first, as a clerk
 * scans it. Not an aria-label: the citizen's text would then count as a label of the page.
 * aria-selected is the multi-selection (for bulk actions); the keyboard's row is the listbox's
 * active descendant.
 */
export const QueueRow = memo(function QueueRow({ id, item, now, top, position, total, active, checked, opened, citizenNew, onClick }: Props) {
  const { t } = useTranslation();
  const level = levelOf(now, item.dueAt);
  return (
    <div
      id={id}
      role="option"
      aria-selected={checked}
      aria-posinset={position}
      aria-setsize={total}
      data-appeal-id={item.id}
      data-version={item.version}
      className={`queue-row${active ? ' is-selected' : ''}${checked ? ' is-checked' : ''}${opened ? ' is-open' : ''}${level === 'overdue' ? ' is-overdue' : ''}`}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      onClick={(e) => onClick(item.id, position - 1, e)}
    >
      <div className="row-line">
        <span className={checked ? 'row-check is-on' : 'row-check'} aria-hidden="true" />
        <span className="row-author">{item.authorName}</span>
        {citizenNew && <span className="badge citizen-new">{t('thread.newMessage')}</span>}
        <DeadlineBadge dueAt={item.dueAt} now={now} />
      </div>
      <div className="row-line row-meta">
        <SourceBadge source={item.source} />
        <span>{t(`categories.${item.category}`)}</span>
        <StatusBadge status={item.status} />
        {item.priority === 'urgent' && <span className="badge urgent">{t('priority.urgent')}</span>}
        {item.settlement && <span className="row-place">{item.settlement}</span>}
      </div>
      <div className="row-text">{item.preview}</div>
    </div>
  );
});
