import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPEAL_STATUSES, CATEGORIES, PRIORITIES, SOURCES } from '../../../shared/domain';
import { useQueue } from './queue-store';
import { activeFilterCount, DEADLINE_FILTERS, SORT_KEYS, type Filters, type SortKey } from './views';

function FilterSelect<K extends keyof Filters>({ name, options, labelOf }: { name: K; options: readonly string[]; labelOf: (v: string) => string }) {
  const { t } = useTranslation();
  const id = useId();
  const value = useQueue((s) => s.filters[name]);
  const setFilter = useQueue((s) => s.setFilter);
  return (
    <div className="field">
      <label htmlFor={id}>{t(`filters.${String(name)}` as string)}</label>
      <select id={id} value={value} onChange={(e) => setFilter(name, e.target.value as Filters[K])}>
        <option value="">{t('filters.any')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labelOf(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Filters and order of the queue; they survive a restart. */
export function FilterPanel({ settlements }: { settlements: readonly string[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const filters = useQueue((s) => s.filters);
  const sort = useQueue((s) => s.sort);
  const setSort = useQueue((s) => s.setSort);
  const reset = useQueue((s) => s.resetFilters);
  const sortId = useId();
  const active = activeFilterCount(filters);
  return (
    <div className="queue-filters">
      <div className="filter-bar">
        <button type="button" aria-expanded={open} aria-controls="filter-panel" onClick={() => setOpen((v) => !v)}>
          {active > 0 ? t('filters.toggleActive', { count: active }) : t('filters.toggle')}
        </button>
        <label htmlFor={sortId} className="sort-label">
          {t('filters.sort')}
        </label>
        <select id={sortId} value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
          {SORT_KEYS.map((k) => (
            <option key={k} value={k}>
              {t(`filters.sorts.${k}`)}
            </option>
          ))}
        </select>
        {active > 0 && (
          <button type="button" className="link-button" onClick={reset}>
            {t('filters.reset')}
          </button>
        )}
      </div>
      {open && (
        <div id="filter-panel" className="filter-panel" role="group" aria-label={t('filters.heading')}>
          <FilterSelect name="status" options={APPEAL_STATUSES} labelOf={(v) => t(`statuses.${v}`)} />
          <FilterSelect name="category" options={CATEGORIES} labelOf={(v) => t(`categories.${v}`)} />
          <FilterSelect name="source" options={SOURCES} labelOf={(v) => t(`sources.${v}`)} />
          <FilterSelect name="settlement" options={settlements} labelOf={(v) => v} />
          <FilterSelect name="deadline" options={DEADLINE_FILTERS} labelOf={(v) => t(`filters.deadlines.${v}`)} />
          <FilterSelect name="priority" options={PRIORITIES} labelOf={(v) => t(`priority.${v}`)} />
        </div>
      )}
    </div>
  );
}
