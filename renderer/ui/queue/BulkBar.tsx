import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, type Category } from '../../../shared/domain';
import { setCategoryMany, takeInWork } from '../../clerk/actions';
import { errorMessage } from '../../i18n';
import { canManageProblems } from '../../../shared/problems';
import { linkIntoNewProblem } from '../../problems/actions';
import { useCurrent } from '../hooks/use-current';
import { QUEUE_ID } from './Queue';
import { useQueue } from './queue-store';

/** Actions on the rows chosen with Space, Shift+click or Ctrl+A. */
export function BulkBar() {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const checked = useQueue((s) => s.checked);
  const setChecked = useQueue((s) => s.setChecked);
  const [category, setCategory] = useState<Category | ''>('');
  const [message, setMessage] = useState('');
  const id = useId();
  const ids = [...checked];

  const run = async (action: () => Promise<number>, done: (n: number) => string) => {
    try {
      const n = await action();
      setMessage(done(n));
      setChecked([]);
    } catch (error) {
      setMessage(errorMessage((error as { code?: string }).code ?? 'unknown'));
    }
    // The bar goes away with the selection: the list keeps the focus.
    document.getElementById(QUEUE_ID)?.focus();
  };

  return (
    <>
      {ids.length > 0 && (
        <div className="bulk-bar" role="group" aria-label={t('bulk.label', { count: ids.length })}>
          <span className="bulk-count">{t('bulk.selected', { count: ids.length })}</span>
          <button type="button" onClick={() => void run(() => takeInWork(client, ids), (n) => t('bulk.taken', { count: n }))}>
            {t('bulk.takeInWork')}
          </button>
          <label htmlFor={id} className="sr-only">
            {t('bulk.category')}
          </label>
          <select id={id} value={category} onChange={(e) => setCategory(e.target.value as Category | '')}>
            <option value="">{t('bulk.chooseCategory')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`categories.${c}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={category === ''}
            onClick={() => category && void run(() => setCategoryMany(client, ids, category), (n) => t('bulk.categorySet', { count: n }))}
          >
            {t('bulk.setCategory')}
          </button>
          {canManageProblems(user) && ids.length > 1 && (
            <button
              type="button"
              onClick={() =>
                void run(
                  () => linkIntoNewProblem(client, ids),
                  (n) => t('problems.created', { count: n }),
                )
              }
            >
              {t('problems.bulk')}
            </button>
          )}
          <button type="button" className="link-button" onClick={() => setChecked([])}>
            {t('bulk.clear')}
          </button>
        </div>
      )}
      <span className="sr-live" aria-live="polite">
        {message}
      </span>
    </>
  );
}
