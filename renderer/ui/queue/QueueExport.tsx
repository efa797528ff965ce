import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal } from '../../../shared/domain';
import { getDb } from '../../db';
import { appealsByIds } from '../../db/row-packs';
import { useAuditedExport } from '../export/ExportReasonDialog';

/**
 * The list on screen (a view, its filters and a search) as a spreadsheet: the same appeals in the
 * same order, named after the view and the search. Like every export of citizens' data it asks
 * for a reason first, which goes into the audit log with the number of rows.
 */
export function QueueExport({ items, title }: { items: readonly { id: string }[]; title: string }) {
  const { t } = useTranslation();
  const [message, setMessage] = useState('');
  const audited = useAuditedExport((done) => setMessage(t('export.done', { title: done })));

  const run = async (): Promise<number> => {
    setMessage('');
    const db = getDb();
      const [appeals, users, municipalities] = await Promise.all([
        appealsByIds(db, items.map((i) => i.id)),
        db.users.toArray(),
        db.municipalities.toArray(),
      ]);
    const userNames = new Map(users.map((u) => [u.id, u.displayName]));
    const municipalityNames = new Map(municipalities.map((m) => [m.id, m.name]));
    const rows = appeals.filter((a): a is Appeal => a !== undefined);
    const reports = await import('../../reports');
    await reports.exportAppealList({
      title,
      appeals: rows,
      names: {
        userName: (id) => (id === null ? t('appeal.unassigned') : (userNames.get(id) ?? id)),
        municipalityName: (id) => municipalityNames.get(id) ?? id,
      },
      now: new Date(),
    });
    return rows.length;
  };

  return (
    <>
      <button type="button" className="queue-export" onClick={() => audited.ask({ kind: 'queue.xlsx', title, run })} disabled={items.length === 0 || audited.busy}>
        {t('queue.export')}
      </button>
      {message && (
        <p role="status" className="hint">
          {message}
        </p>
      )}
      {audited.dialog}
    </>
  );
}
