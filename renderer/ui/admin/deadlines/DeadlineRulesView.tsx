import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadlineRulesBySource } from '../../../../shared/deadline-rules';
import { SOURCES, type Source } from '../../../../shared/domain';
import { AdminMessages } from '../AdminMessages';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { draftOf, rulesOf, type RulesDraft, type TermDraft, type TermField, type TermUnit } from './draft';

const FIELDS: readonly TermField[] = ['firstResponse', 'urgentFirstResponse', 'final'];

/**
 * «Сроки ответа»: per source, the term of the first response (or registration), the one for
 * urgent appeals and the final answer, as the region sets them; the intake gives new appeals these
 * deadlines, appeals already taken keep theirs. A wrong field is named and nothing typed is lost.
 */
export function DeadlineRulesView() {
  const { t } = useTranslation();
  const id = useId();
  const call = useAdminApi();
  const [base, setBase] = useState<DeadlineRulesBySource | null>(null);
  const [draft, setDraft] = useState<RulesDraft | null>(null);
  const [wrong, setWrong] = useState<Set<string>>(new Set());
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const rules = await call<DeadlineRulesBySource>('GET', '/deadline-rules');
      setBase(rules);
      setDraft(draftOf(rules));
    } catch (e) {
      setError(adminErrorText(e));
    }
  }, [call]);
  useEffect(() => void load(), [load]);

  const set = (source: Source, field: TermField, patch: Partial<TermDraft>) => {
    setDraft((d) => d && { ...d, [source]: { ...d[source], [field]: { ...d[source][field], ...patch } } });
    setWrong((w) => (w.has(`${source}.${field}`) ? new Set([...w].filter((k) => k !== `${source}.${field}`)) : w));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft || !base) return;
    setStatus('');
    const result = rulesOf(draft, base);
    if (!result.ok) {
      setWrong(result.wrong);
      setError(t('admin.deadlines.fix', { count: result.wrong.size }));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const saved = await call<DeadlineRulesBySource>('PUT', '/deadline-rules', result.rules);
      setBase(saved);
      setDraft(draftOf(saved));
      setStatus(t('admin.deadlines.saved'));
    } catch (e) {
      setError(adminErrorText(e));
    } finally {
      setBusy(false);
    }
  };

  const units = (field: TermField): TermUnit[] => (field === 'final' ? ['workingHours', 'workingDays', 'calendarDays'] : ['none', 'workingHours', 'workingDays', 'calendarDays']);

  return (
    <>
      <h2>{t('admin.deadlines.heading')}</h2>
      <p className="hint">{t('admin.deadlines.intro')}</p>
      {!draft ? (
        !error && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <form onSubmit={save} noValidate aria-labelledby={`${id}-h`}>
          <h3 id={`${id}-h`} className="sr-live">
            {t('admin.deadlines.heading')}
          </h3>
          <div className="sv-table-wrap">
            <table className="sv-table adm-deadlines">
              <thead>
                <tr>
                  <th scope="col">{t('admin.deadlines.source')}</th>
                  {FIELDS.map((f) => (
                    <th key={f} scope="col">
                      {t(`admin.deadlines.fields.${f}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {SOURCES.map((s) => (
                  <tr key={s}>
                    <th scope="row">{t(`sources.${s}`)}</th>
                    {FIELDS.map((f) => {
                      const d = draft[s][f];
                      const key = `${id}-${s}-${f}`;
                      const bad = wrong.has(`${s}.${f}`);
                      const label = t('admin.deadlines.termLabel', { source: t(`sources.${s}`), field: t(`admin.deadlines.fields.${f}`) });
                      return (
                        <td key={f}>
                          <div className="adm-term" role="group" aria-label={label}>
                            <input
                              id={`${key}-n`}
                              inputMode="numeric"
                              size={3}
                              value={d.amount}
                              disabled={d.unit === 'none'}
                              aria-label={t('admin.deadlines.amount', { what: label })}
                              aria-invalid={bad}
                              aria-describedby={bad ? `${key}-e` : undefined}
                              onChange={(e) => set(s, f, { amount: e.target.value })}
                            />
                            <select value={d.unit} aria-label={t('admin.deadlines.unit', { what: label })} onChange={(e) => set(s, f, { unit: e.target.value as TermUnit, ...(d.amount === '' ? { amount: '1' } : {}) })}>
                              {units(f).map((u) => (
                                <option key={u} value={u}>
                                  {t(`admin.deadlines.units.${u === 'none' && f === 'urgentFirstResponse' ? 'same' : u}`)}
                                </option>
                              ))}
                            </select>
                            {bad && (
                              <span id={`${key}-e`} className="adm-error">
                                {t('admin.deadlines.wrong')}
                              </span>
                            )}
                          </div>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {t('admin.deadlines.save')}
          </button>
        </form>
      )}
      <AdminMessages error={error} status={status} />
    </>
  );
}
