import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalPolicy } from '../../../../shared/approval';
import { SOURCES, type Source } from '../../../../shared/domain';
import { municipalityName, useDirectory } from '../../supervisor/directory';
import { AdminMessages } from '../AdminMessages';
import { treeOrder } from '../bodies/tree-order';
import { CheckList } from '../routing/CheckList';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { policyOf, rowsOf, type ApprovalRow, type RowProblem } from './draft';

/**
 * «Согласование ответов»: which bodies' replies, from which sources, wait for a supervisor's
 * approval before they go to the citizen (the stored policy that replaced OTKLIK_APPROVAL). The
 * server applies a saved policy to the next reply sent; a workstation reads it when the reply
 * composer opens. Nothing typed is lost when the server refuses.
 */
export function ApprovalPolicyView() {
  const { t } = useTranslation();
  const id = useId();
  const call = useAdminApi();
  const dir = useDirectory();
  const [rows, setRows] = useState<ApprovalRow[] | null>(null);
  const [problems, setProblems] = useState<Map<number, RowProblem>>(new Map());
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const order = useMemo(() => treeOrder([...dir.bodies.values()]), [dir.bodies]);

  const load = useCallback(async () => {
    try {
      const policy = await call<ApprovalPolicy>('GET', '/approval-policy');
      setRows(rowsOf(policy, order.map((o) => o.body.id)));
    } catch (e) {
      setError(adminErrorText(e));
    }
    // Read once: the tree's order only sorts the rows as they are read.
  }, [call]);
  useEffect(() => void load(), [load]);

  const set = (i: number, patch: Partial<ApprovalRow>) => {
    setRows((list) => list && list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    setProblems((p) => (p.has(i) ? new Map([...p].filter(([k]) => k !== i)) : p));
  };
  const remove = (i: number) => {
    setRows((list) => list && list.filter((_, j) => j !== i));
    setProblems(new Map());
  };
  const add = () => setRows((list) => [...(list ?? []), { body: '', all: true, sources: [] }]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!rows) return;
    setStatus('');
    const result = policyOf(rows);
    if (!result.ok) {
      setProblems(result.problems);
      setError(t('admin.approval.fix'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const saved = await call<ApprovalPolicy>('PUT', '/approval-policy', result.policy);
      setRows(rowsOf(saved, order.map((o) => o.body.id)));
      setStatus(t('admin.approval.saved'));
    } catch (e) {
      setError(adminErrorText(e));
    } finally {
      setBusy(false);
    }
  };

  const bodyLabel = (body: string) => (body === '*' ? t('admin.approval.everyBody') : municipalityName(dir, body));
  const sourceOptions = SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) }));
  const summary = (r: ApprovalRow) =>
    r.all ? t('admin.approval.summaryAll', { body: bodyLabel(r.body) }) : t('admin.approval.summary', { body: bodyLabel(r.body), sources: r.sources.map((s) => t(`sources.${s}`)).join(', ') });

  return (
    <>
      <h2>{t('admin.approval.heading')}</h2>
      <p className="hint">{t('admin.approval.intro')}</p>
      {rows === null ? (
        !error && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <form className="adm-form rt-form" onSubmit={save} noValidate aria-labelledby={`${id}-h`}>
          <h3 id={`${id}-h`}>{t('admin.approval.rules', { count: rows.length })}</h3>
          {rows.length === 0 && <p className="hint">{t('admin.approval.none')}</p>}
          <ol className="adm-rules">
            {rows.map((r, i) => {
              const problem = problems.get(i);
              const field = `${id}-${i}`;
              return (
                <li key={i}>
                  <fieldset aria-describedby={`${field}-summary${problem ? ` ${field}-problem` : ''}`}>
                    <legend>{t('admin.approval.rule', { n: i + 1 })}</legend>
                    <div className="field">
                      <label htmlFor={`${field}-body`}>{t('admin.approval.body')}</label>
                      <select id={`${field}-body`} value={r.body} aria-invalid={problem === 'noBody' || problem === 'duplicate'} onChange={(e) => set(i, { body: e.target.value })}>
                        <option value="">{t('admin.approval.chooseBody')}</option>
                        <option value="*">{t('admin.approval.everyBody')}</option>
                        {order.map(({ body, depth }) => (
                          <option key={body.id} value={body.id}>
                            {`${'\u00a0\u00a0'.repeat(depth)}${body.name}`}
                          </option>
                        ))}
                      </select>
                    </div>
                    <label className="rt-check" htmlFor={`${field}-all`}>
                      <input id={`${field}-all`} type="checkbox" checked={r.all} onChange={(e) => set(i, { all: e.target.checked })} />
                      {t('admin.approval.allSources')}
                    </label>
                    {!r.all && <CheckList<Source> legend={t('admin.approval.sources')} options={sourceOptions} value={r.sources} onChange={(sources) => set(i, { sources })} />}
                    <p id={`${field}-summary`} className="hint">
                      {r.body === '' ? '' : summary(r)}
                    </p>
                    {problem && (
                      <p id={`${field}-problem`} className="adm-error">
                        {t(`admin.approval.problems.${problem}`)}
                      </p>
                    )}
                    <button type="button" onClick={() => remove(i)}>
                      {t('admin.approval.remove', { n: i + 1 })}
                    </button>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <div className="button-row">
            <button type="button" onClick={add}>
              {t('admin.approval.add')}
            </button>
            <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
              {t('admin.approval.save')}
            </button>
          </div>
        </form>
      )}
      <AdminMessages error={error} status={status} />
    </>
  );
}
