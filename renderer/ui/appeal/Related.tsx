import { memo, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/domain';
import { formatShort } from '../../i18n/format';
import { useSession } from '../../state/session';
import { StatusBadge } from '../badges';
import { getReplicaIndex } from '../queue/index-context';
import type { QueueItem } from '../queue/item';
import { RequestedAppeal } from './load-appeal';
import { RelatedFinder } from './related-appeals';

export function Related({ appeal, onOpen }: { appeal: Appeal; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const index = getReplicaIndex();
  const snap = useSyncExternalStore(index.subscribe, index.get);
  const openId = useSession((s) => s.openAppealId);
  // The list sits at the bottom of the appeal, below the fold: it follows the first paint of a
  // newly opened appeal instead of delaying it.
  const [shownFor, setShownFor] = useState<string | null>(null);
  const shown = shownFor === appeal.id;
  // Not for an appeal already left for the next one (quick j/k through the queue).
  const requested = useContext(RequestedAppeal);
  const leaving = requested !== appeal.id;
  const requestedNow = useRef(requested);
  useLayoutEffect(() => {
    requestedNow.current = requested;
  }, [requested]);
  useEffect(() => {
    if (shown || leaving) return;
    // Checked again when the frame comes: the next appeal may have been opened in between, and
    // this effect's cleanup may run only after the frame (scanning 100,000 appeals for nothing).
    // A timer set in the frame's callback runs once that frame is painted.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        if (requestedNow.current === appeal.id) setShownFor(appeal.id);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [shown, leaving, appeal.id]);
  const [finder] = useState(() => new RelatedFinder(index));
  // The items map changes in place; its version says when.
  const related = useMemo(() => (shown ? finder.find(appeal) : null), [finder, shown, appeal, snap.itemsVersion]);
  return (
    <section className="thread" aria-labelledby="related-heading">
      <h3 id="related-heading">{t('appealMore.related')}</h3>
      {related === null ? null : related.length === 0 ? (
        <p className="hint">{t('appealMore.relatedNone')}</p>
      ) : (
        <ul className="related-list">
          {related.map(({ item, author, place }) => (
            <RelatedRow key={item.id} item={item} author={author} place={place} current={item.id === openId} onOpen={onOpen} />
          ))}
        </ul>
      )}
    </section>
  );
}

interface RowProps {
  item: QueueItem;
  author: boolean;
  place: boolean;
  current: boolean;
  onOpen: (id: string) => void;
}

/** Memoised: opening one of them (or another appeal) redraws the rows whose mark changed, not the list. */
const RelatedRow = memo(function RelatedRow({ item, author, place, current, onOpen }: RowProps) {
  const { t } = useTranslation();
  return (
    <li>
      <button type="button" className="link-button" aria-current={current ? 'true' : undefined} onClick={() => onOpen(item.id)}>
        {t('appealMore.relatedOpen', { author: item.authorName, date: formatShort(item.receivedAt) })}
      </button>{' '}
      <StatusBadge status={item.status} /> <span className="hint">{[author && t('appealMore.relatedAuthor'), place && t('appealMore.relatedPlace')].filter(Boolean).join(', ')}</span>
      <div className="row-text">{item.preview}</div>
    </li>
  );
});
