import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/domain';
import { DeadlineBadge, SourceBadge, StatusBadge, levelOf } from '../badges';
import { firstLine } from './query';

/** Fixed row height: the virtualizer needs no measuring, and rows never jump. */
export const ROW_HEIGHT = 92;

interface Props {
  id: string;
  appeal: Appeal;
  now: Date;
  top: number;
  position: number;
  total: number;
  selected: boolean;
  opened: boolean;
  onClick: () => void;
}

/**
 * One appeal in the queue. Its accessible name comes from its content, author first, as a clerk
 * scans it. Not an aria-label: the citizen's text would then count as a label of the page.
 */
export const QueueRow = memo(function QueueRow({ id, appeal, now, top, position, total, selected, opened, onClick }: Props) {
  const { t } = useTranslation();
  const preview = firstLine(appeal.text);
  const level = levelOf(now, appeal.dueAt);
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={total}
      data-appeal-id={appeal.id}
      className={`queue-row${selected ? ' is-selected' : ''}${opened ? ' is-open' : ''}${level === 'overdue' ? ' is-overdue' : ''}`}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      onClick={onClick}
    >
      <div className="row-line">
        <span className="row-author">{appeal.author.name}</span>
        <DeadlineBadge dueAt={appeal.dueAt} now={now} />
      </div>
      <div className="row-line row-meta">
        <SourceBadge source={appeal.source} />
        <span>{t(`categories.${appeal.category}`)}</span>
        <StatusBadge status={appeal.status} />
        {appeal.priority === 'urgent' && <span className="badge urgent">{t('priority.urgent')}</span>}
      </div>
      <div className="row-text">{preview}</div>
    </div>
  );
});
