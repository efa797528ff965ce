import { useTranslation } from 'react-i18next';
import { useQueue } from './queue-store';
import { VIEW_IDS, type ViewId } from './views';

/** The eight views with their live counts; keys 1–8 choose them from anywhere. */
export function ViewTabs({ counts }: { counts: Record<ViewId, number | null> }) {
  const { t } = useTranslation();
  const view = useQueue((s) => s.view);
  const setView = useQueue((s) => s.setView);
  return (
    <div className="view-tabs" role="group" aria-label={t('views.label')}>
      {VIEW_IDS.map((v, i) => (
        <button
          key={v}
          type="button"
          className={v === view ? 'view-tab is-current' : 'view-tab'}
          aria-pressed={v === view}
          aria-keyshortcuts={String(i + 1)}
          data-view={v}
          onClick={() => setView(v)}
        >
          {t(`views.${v}`)} <span className="view-count">{counts[v] ?? '…'}</span>
        </button>
      ))}
    </div>
  );
}
