import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_ID } from './Queue';
import { useQueue } from './queue-store';

/** Full-text search over the replica; «/» focuses it, Escape clears it and returns to the list. */
export function SearchBox({ searching }: { searching: boolean }) {
  const { t } = useTranslation();
  const search = useQueue((s) => s.search);
  const setSearch = useQueue((s) => s.setSearch);
  const focusRequest = useQueue((s) => s.searchFocus);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusRequest > 0) ref.current?.select();
  }, [focusRequest]);
  return (
    <div className="queue-search" role="search">
      <input
        ref={ref}
        id="queue-search"
        type="search"
        aria-label={t('search.label')}
        aria-keyshortcuts="/"
        placeholder={t('search.placeholder')}
        value={search}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            setSearch('');
            document.getElementById(QUEUE_ID)?.focus();
          } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
            e.preventDefault();
            document.getElementById(QUEUE_ID)?.focus();
          }
        }}
      />
      <span className="sr-live" aria-live="polite">
        {searching ? t('search.searching') : ''}
      </span>
    </div>
  );
}
