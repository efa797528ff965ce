import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_PAGE_MAX, type AuditPage } from '../../../../shared/audit';
import { useAuditedExport } from '../../export/ExportReasonDialog';
import { useAdminApi } from '../use-admin-api';
import { describeEntry } from './describe';

/** At most this many entries go into one file; a longer period is exported in parts. */
export const AUDIT_EXPORT_MAX = 20_000;

/**
 * «Выгрузить в Excel»: every entry the filters match (read from the server page by page), as a
 * spreadsheet; the export itself asks for a reason and is audited like any other.
 */
export function AuditExport({ query, total, filters }: { query(offset: number, limit: number): string; total: number; filters: string }) {
  const { t } = useTranslation();
  const call = useAdminApi();
  const [message, setMessage] = useState('');
  const audited = useAuditedExport();

  const run = async (): Promise<number> => {
    setMessage('');
    const entries: AuditPage['entries'] = [];
    for (let offset = 0; offset < Math.min(total, AUDIT_EXPORT_MAX); offset += AUDIT_PAGE_MAX) {
      const page = await call<AuditPage>('GET', `/audit?${query(offset, AUDIT_PAGE_MAX)}`);
      entries.push(...page.entries);
      if (page.entries.length < AUDIT_PAGE_MAX) break;
    }
    const reports = await import('../../../reports');
    await reports.exportAuditLog(
      t('export.auditTitle'),
      filters,
      entries.map((e) => ({
        at: e.at,
        kind: t(`admin.audit.kinds.${e.kind}`),
        person: e.actorName ?? e.subject ?? '',
        appealId: e.appealId ?? '',
        details: describeEntry(e),
        address: e.address ?? '',
      })),
    );
    setMessage(t('admin.audit.exported', { count: entries.length }));
    return entries.length;
  };

  return (
    <div className="adm-actions">
      <button type="button" disabled={total === 0 || audited.busy} onClick={() => audited.ask({ kind: 'audit.xlsx', title: t('export.auditTitle'), run })}>
        {t('admin.audit.export')}
      </button>
      <p className="adm-status" role="status">
        {message}
      </p>
      {audited.dialog}
    </div>
  );
}
