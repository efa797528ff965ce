import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/domain';
import { getDb } from '../../db';
import { errorMessage } from '../../i18n';

/**
 * The list on screen (a view, its filters and a search) as a spreadsheet: the same appeals in the
 * same order, named after the view and the search.
 */
export function QueueExport({ items, title }: { items: readonly { id: string }[]; title: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setError('');
    setBusy(true);
    try {
      const db = getDb();
      const [appeals, users, municipalities] = await Promise.all([
        db.appeals.bulkGet(items.map((i) => i.id)),
        db.users.toArray(),
        db.municipalities.toArray(),
      ]);
      const userNames = new Map(users.map((u) => [u.id, u.displayName]));
      const municipalityNames = new Map(municipalities.map((m) => [m.id, m.name]));
      const reports = await import('../../reports');
      await reports.exportAppealList({
        title,
        appeals: appeals.filter((a): a is Appeal => a !== undefined),
        names: {
          userName: (id) => (id === null ? t('appeal.unassigned') : (userNames.get(id) ?? id)),
          municipalityName: (id) => municipalityNames.get(id) ?? id,
        },
        now: new Date(),
      });
    } catch (e) {
      setError(errorMessage((e as { code?: string }).code ?? 'unknown'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="queue-export" onClick={() => void run()} disabled={items.length === 0 || busy}>
        {t('queue.export')}
      </button>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </>
  );
}
