import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { computeWorklists, worklistClock, WORKLIST_BUCKETS, type WorklistRow } from '../../../shared/worklists';
import { loadAwaitingApproval } from '../../analytics';
import { getDb } from '../../db';
import { useNow } from '../hooks/use-now';
import { AppealSide } from './AppealSide';
import { AppealTable } from './AppealTable';
import { municipalityName, useDirectory, userName, type Directory } from './directory';
import { useSupervisor } from './sections';
import { useFacts } from './use-facts';

type Grouping = 'assignee' | 'municipality';

const NO_AWAITING: ReadonlySet<string> = new Set();

/**
 * «Сотрудники»: per clerk or per municipality, how many appeals are open, due today, overdue,
 * waiting for approval and answered this week. Every number opens the appeals behind it.
 */
export function WorklistsView() {
  const { t } = useTranslation();
  const facts = useFacts();
  const dir = useDirectory();
  const now = useNow();
  const awaiting = useLiveQuery(() => loadAwaitingApproval(getDb()), []) ?? NO_AWAITING;
  const drilldown = useSupervisor((s) => s.drilldown);
  const drill = useSupervisor((s) => s.drill);
  const [grouping, setGrouping] = useState<Grouping>('assignee');

  const worklists = useMemo(
    () => (facts ? computeWorklists(facts.facts, awaiting, worklistClock(now)) : null),
    [facts?.revision, facts?.facts, awaiting, now],
  );

  const label = (row: WorklistRow) =>
    grouping === 'assignee' ? userName(dir, row.key, t('supervisor.unassigned')) : municipalityName(dir, row.key ?? '');
  const rows = worklists ? (grouping === 'assignee' ? worklists.byAssignee : worklists.byMunicipality) : [];
  const sorted = [...rows].sort((a, b) => label(a).localeCompare(label(b), 'ru'));

  return (
    <div className="sv-split">
      <div className="sv-main">
        <h2 id="sv-staff-heading">{t('supervisor.staff.heading')}</h2>
        <div className="sv-inline" role="group" aria-label={t('supervisor.staff.grouping')}>
          {(['assignee', 'municipality'] as const).map((g) => (
            <button key={g} type="button" aria-pressed={grouping === g} className={grouping === g ? 'is-active' : undefined} onClick={() => setGrouping(g)}>
              {t(`supervisor.staff.by.${g}`)}
            </button>
          ))}
        </div>
        {!worklists ? (
          <p aria-busy="true">{t('supervisor.reading')}</p>
        ) : (
          <WorklistTable rows={sorted} total={worklists.total} label={label} place={(row) => place(dir, row, grouping)} grouping={grouping} onDrill={drill} />
        )}
        {drilldown && <AppealTable ids={drilldown.ids} title={drilldown.title} dir={dir} />}
      </div>
      <AppealSide />
    </div>
  );
}

/** Where a clerk works, beside their name: the same name may work in two places. */
function place(dir: Directory, row: WorklistRow, grouping: Grouping): string {
  if (grouping !== 'assignee' || row.key === null) return '';
  const m = dir.users.get(row.key)?.municipalityId;
  return m ? municipalityName(dir, m) : '';
}

function WorklistTable({
  rows,
  total,
  label,
  place,
  grouping,
  onDrill,
}: {
  rows: WorklistRow[];
  total: WorklistRow;
  label: (row: WorklistRow) => string;
  place: (row: WorklistRow) => string;
  grouping: Grouping;
  onDrill: (d: { title: string; ids: readonly string[] }) => void;
}) {
  const { t } = useTranslation();
  const cell = (row: WorklistRow, name: string, b: (typeof WORKLIST_BUCKETS)[number]) => {
    const n = row.counts[b];
    if (n === 0)
      return (
        <td key={b} className="num">
          0
        </td>
      );
    return (
      <td key={b} className="num">
        <button
          type="button"
          className={b === 'overdue' ? 'sv-count is-bad' : 'sv-count'}
          aria-label={t('supervisor.staff.show', { name, what: t(`supervisor.buckets.${b}`), count: n })}
          onClick={() => onDrill({ title: `${name}: ${t(`supervisor.buckets.${b}`).toLowerCase()}`, ids: row.ids[b] })}
        >
          {n.toLocaleString('ru-RU')}
        </button>
      </td>
    );
  };
  return (
    <div className="sv-table-wrap">
      <table className="sv-table sv-worklist" aria-labelledby="sv-staff-heading">
        <thead>
          <tr>
            <th scope="col">{t(`supervisor.staff.column.${grouping}`)}</th>
            {WORKLIST_BUCKETS.map((b) => (
              <th key={b} scope="col" className="num">
                {t(`supervisor.buckets.${b}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const name = label(row);
            return (
              <tr key={row.key ?? 'none'} data-row={row.key ?? 'none'}>
                <th scope="row">
                  {name}
                  {place(row) && <span className="sv-preview">{place(row)}</span>}
                </th>
                {WORKLIST_BUCKETS.map((b) => cell(row, name, b))}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('supervisor.staff.total')}</th>
            {WORKLIST_BUCKETS.map((b) => cell(total, t('supervisor.staff.everyone'), b))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
