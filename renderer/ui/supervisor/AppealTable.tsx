import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Appeal } from '../../../shared/domain';
import { getDb } from '../../db';
import { formatShort } from '../../i18n/format';
import { DeadlineBadge, StatusBadge } from '../badges';
import { useNow } from '../hooks/use-now';
import { byDueAt, firstLine } from '../queue/query';
import { municipalityName, userName, type Directory } from './directory';
import { useAuditedExport } from '../export/ExportReasonDialog';
import { ReassignPanel } from './ReassignPanel';
import { presentAppeals } from '../../db/row-packs';
import { useSupervisor } from './sections';

const PAGE = 100;

export interface ExtraColumn {
  header: string;
  cell: (appeal: Appeal) => ReactNode;
  /** The same value as plain text, for the spreadsheet. */
  text: (appeal: Appeal) => string | number;
}

/**
 * A supervisor's list of appeals (a worklist number, the escalation list): choose some or all,
 * hand them over, open one beside the list, or take the list away as a spreadsheet.
 */
export function AppealTable({ ids, title, dir, extra }: { ids: readonly string[]; title: string; dir: Directory; extra?: ExtraColumn }) {
  const { t } = useTranslation();
  const now = useNow();
  const open = useSupervisor((s) => s.open);
  const openId = useSupervisor((s) => s.openId);
  const [limit, setLimit] = useState(PAGE);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState('');
  const appeals = useLiveQuery(async () => (await presentAppeals(getDb(), [...ids])).sort(byDueAt), [ids]);

  useEffect(() => {
    setLimit(PAGE);
    setSelected(new Set());
    setNotice('');
  }, [ids]);

  const rows = appeals ?? [];
  const chosen = useMemo(() => rows.filter((a) => selected.has(a.id)), [rows, selected]);
  const allChosen = rows.length > 0 && chosen.length === rows.length;

  const toggle = (id: string) => {
    setNotice('');
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  // Every export of citizens' data asks why, and the reason goes into the audit log with the count.
  const audited = useAuditedExport((done) => setNotice(t('export.done', { title: done })));
  const exportXlsx = async (): Promise<number> => {
    const reports = await import('../../reports');
    await reports.exportAppealList({
      title,
      appeals: rows,
      names: { userName: (id) => userName(dir, id, t('appeal.unassigned')), municipalityName: (id) => municipalityName(dir, id) },
      now,
      extra: extra ? { header: extra.header, value: extra.text } : undefined,
    });
    return rows.length;
  };

  return (
    <section className="sv-list" aria-labelledby="sv-list-heading">
      <div className="sv-list-head">
        <h3 id="sv-list-heading">
          {title} <span className="hint">{t('supervisor.list.count', { count: rows.length })}</span>
        </h3>
        <div className="button-row">
          <button type="button" onClick={() => audited.ask({ kind: 'worklist.xlsx', title, run: exportXlsx })} disabled={rows.length === 0 || audited.busy}>
            {t('supervisor.list.export')}
          </button>
          {audited.dialog}
        </div>
      </div>
      <p className="sv-message" aria-live="polite">
        {notice}
      </p>
      {appeals === undefined ? (
        <p>{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="hint">{t('supervisor.list.empty')}</p>
      ) : (
        <>
          <div className="sv-table-wrap">
            <table className="sv-table" aria-label={title}>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('supervisor.list.selectAll', { count: rows.length })}
                      checked={allChosen}
                      onChange={() => setSelected(allChosen ? new Set() : new Set(rows.map((a) => a.id)))}
                    />
                  </th>
                  <th scope="col">{t('supervisor.list.appeal')}</th>
                  <th scope="col">{t('supervisor.list.municipality')}</th>
                  <th scope="col">{t('supervisor.list.assignee')}</th>
                  <th scope="col">{t('supervisor.list.status')}</th>
                  <th scope="col">{t('supervisor.list.due')}</th>
                  {extra && <th scope="col">{extra.header}</th>}
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, limit).map((a) => (
                  <tr key={a.id} data-appeal-id={a.id} className={a.id === openId ? 'is-open' : undefined}>
                    <td>
                      <input type="checkbox" aria-label={t('supervisor.list.select', { author: a.author.name })} checked={selected.has(a.id)} onChange={() => toggle(a.id)} />
                    </td>
                    <td>
                      <button type="button" className="link-button" onClick={() => open(a.id)}>
                        {a.author.name}
                      </button>
                      <div className="sv-preview">
                        {formatShort(a.receivedAt)} · {t(`categories.${a.category}`)} · {firstLine(a.text, 90)}
                      </div>
                    </td>
                    <td>{municipalityName(dir, a.municipalityId)}</td>
                    <td>{userName(dir, a.assigneeId, t('appeal.unassigned'))}</td>
                    <td>
                      <StatusBadge status={a.status} />
                    </td>
                    <td>
                      <DeadlineBadge dueAt={a.dueAt} now={now} />
                    </td>
                    {extra && <td>{extra.cell(a)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length > limit && (
            <button type="button" onClick={() => setLimit((n) => n + PAGE)}>
              {t('supervisor.list.more', { count: Math.min(PAGE, rows.length - limit) })}
            </button>
          )}
          {chosen.length > 0 && (
            <ReassignPanel
              appeals={chosen}
              dir={dir}
              onDone={(message) => {
                setSelected(new Set());
                setNotice(message);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
