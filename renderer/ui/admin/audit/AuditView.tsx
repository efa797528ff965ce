import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { AUDIT_KINDS, auditPeriod, type AuditKind, type AuditPage } from '../../../../shared/audit';
import { DEFAULT_WORK_SCHEDULE } from '../../../../shared/deadlines';
import { formatDateTime } from '../../../i18n/format';
import { t } from '../../../i18n';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { describeEntry } from './describe';
import { AuditExport } from './AuditExport';

export const AUDIT_PAGE_SIZE = 50;

interface Filters {
  person: string;
  appealId: string;
  kind: AuditKind | '';
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { person: '', appealId: '', kind: '', from: '', to: '' };

/** The query string of a page of the log under these filters. */
export function auditSearch(f: Filters, offset: number, limit = AUDIT_PAGE_SIZE): string {
  const period = auditPeriod(f.from || null, f.to || null, DEFAULT_WORK_SCHEDULE.timeZone);
  const params = new URLSearchParams({ limit: String(limit), offset: String(offset) });
  if (f.person.trim()) params.set('person', f.person.trim());
  if (f.appealId.trim()) params.set('appealId', f.appealId.trim());
  if (f.kind) params.set('kind', f.kind);
  if (period.from) params.set('from', period.from);
  if (period.to) params.set('to', period.to);
  return params.toString();
}

/** The filters in words, for the exported file's second line. */
function describeFilters(f: Filters): string {
  const parts = [
    f.person && `${t('admin.audit.filter.person')}: ${f.person}`,
    f.appealId && `${t('admin.audit.filter.appealId')}: ${f.appealId}`,
    f.kind && `${t('admin.audit.filter.kind')}: ${t(`admin.audit.kinds.${f.kind}`)}`,
    f.from && `${t('admin.audit.filter.from')} ${f.from}`,
    f.to && `${t('admin.audit.filter.to')} ${f.to}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : t('admin.audit.allEntries');
}

/** «Журнал действий»: the audit log, filtered and paged on the server, newest first. */
export function AuditView() {
  const id = useId();
  const call = useAdminApi();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditPage | null>(null);
  const [error, setError] = useState('');

  const load = useCallback(async () => {
    try {
      setPage(await call<AuditPage>('GET', `/audit?${auditSearch(filters, offset)}`));
      setError('');
    } catch (e) {
      setError(adminErrorText(e));
    }
  }, [call, filters, offset]);

  useEffect(() => void load(), [load]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setOffset(0);
    setFilters(draft);
  };

  const field = (name: 'person' | 'appealId' | 'from' | 'to', type = 'text') => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{t(`admin.audit.filter.${name}`)}</label>
      <input id={`${id}-${name}`} type={type} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
    </div>
  );

  const total = page?.total ?? 0;
  return (
    <>
      <h2>{t('admin.audit.heading')}</h2>
      <form className="adm-form" onSubmit={apply} aria-label={t('admin.audit.filters')}>
        <div className="adm-row">
          {field('person')}
          {field('appealId')}
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('admin.audit.filter.kind')}</label>
            <select id={`${id}-kind`} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as AuditKind | '' })}>
              <option value="">{t('admin.audit.anyKind')}</option>
              {AUDIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`admin.audit.kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          {field('from', 'date')}
          {field('to', 'date')}
          <button type="submit">{t('admin.audit.apply')}</button>
        </div>
      </form>
      <AuditExport query={(from, limit) => auditSearch(filters, from, limit)} total={total} filters={describeFilters(filters)} />
      <p className="adm-error" role="alert">
        {error}
      </p>
      {page && (
        <>
          <div className="adm-pager" role="group" aria-label={t('admin.audit.pages')}>
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - AUDIT_PAGE_SIZE))}>
              {t('admin.audit.newer')}
            </button>
            <span role="status">
              {total === 0 ? t('admin.audit.empty') : t('admin.audit.range', { from: offset + 1, to: Math.min(total, offset + AUDIT_PAGE_SIZE), total })}
            </span>
            <button type="button" disabled={offset + AUDIT_PAGE_SIZE >= total} onClick={() => setOffset(offset + AUDIT_PAGE_SIZE)}>
              {t('admin.audit.older')}
            </button>
          </div>
          <div className="sv-table-wrap">
            <table className="sv-table">
              <caption className="sr-live">{t('admin.audit.heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.audit.col.at')}</th>
                  <th scope="col">{t('admin.audit.col.kind')}</th>
                  <th scope="col">{t('admin.audit.col.person')}</th>
                  <th scope="col">{t('admin.audit.col.appeal')}</th>
                  <th scope="col">{t('admin.audit.col.details')}</th>
                  <th scope="col">{t('admin.audit.col.address')}</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDateTime(e.at)}</td>
                    <td>{t(`admin.audit.kinds.${e.kind}`)}</td>
                    <td>{e.actorName ?? e.subject ?? '—'}</td>
                    <td>{e.appealId ?? ''}</td>
                    <td>{describeEntry(e)}</td>
                    <td>{e.address ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
