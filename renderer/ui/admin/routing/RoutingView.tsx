import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoutingRule } from '../../../../shared/routing-rules';
import { ApiError } from '../../../sync/api';
import { useDirectory } from '../../supervisor/directory';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { inputFromRule, nextPosition, reorder } from './draft';
import { RouteCheck } from './RouteCheck';
import { RuleForm } from './RuleForm';
import { RuleList } from './RuleList';
import { AdminMessages } from '../AdminMessages';

/** A row's button, or its «Изменить» when that one is disabled (a rule moved to the top). */
function focusRuleButton(ruleId: string, action: string): void {
  const row = document.querySelector(`[data-rule-id="${CSS.escape(ruleId)}"]`);
  const wanted = row?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]:not(:disabled)`);
  (wanted ?? row?.querySelector<HTMLButtonElement>('button[data-action="edit"]'))?.focus();
}

/**
 * «Маршрутизация»: the routing rules intake tries in order, a form to add or change one, and
 * «Проверить» to see where a text would go. The rules are the server's (the console works online);
 * body names come from the replica's directory.
 */
export function RoutingView() {
  const { t } = useTranslation();
  const call = useAdminApi();
  const dir = useDirectory();
  const [rules, setRules] = useState<RoutingRule[] | null>(null);
  const [editing, setEditing] = useState<RoutingRule | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  // Where the keyboard goes back to once the list has redrawn (a move, a closed edit): set by the
  // action, applied after React has committed the new rows with their buttons enabled again.
  const [refocus, setRefocus] = useState<{ ruleId: string; action: string } | null>(null);
  useEffect(() => {
    if (!refocus || busy) return;
    focusRuleButton(refocus.ruleId, refocus.action);
    setRefocus(null);
  }, [refocus, busy, rules, editing]);

  const load = useCallback(async () => {
    try {
      setRules((await call<{ rules: RoutingRule[] }>('GET', '/routing-rules')).rules);
    } catch (e) {
      setError(adminErrorText(e));
    }
  }, [call]);
  useEffect(() => void load(), [load]);

  const saved = async (rule: RoutingRule, created: boolean) => {
    setError('');
    setStatus(t(created ? 'admin.routing.form.created' : 'admin.routing.form.saved', { name: rule.name }));
    setEditing(null);
    await load();
    if (!created) setRefocus({ ruleId: rule.id, action: 'edit' });
  };

  const remove = async (rule: RoutingRule) => {
    if (!window.confirm(t('admin.routing.confirmDelete', { name: rule.name }))) return;
    setBusy(true);
    setError('');
    setStatus('');
    try {
      await call('DELETE', `/routing-rules/${encodeURIComponent(rule.id)}`);
      if (editing?.id === rule.id) setEditing(null);
      setStatus(t('admin.routing.deleted', { name: rule.name }));
    } catch (e) {
      // Already gone (another administrator): the reload below shows the list as it is.
      setError(e instanceof ApiError && e.status === 404 ? t('admin.routing.gone') : adminErrorText(e));
    } finally {
      await load();
      setBusy(false);
    }
  };

  const move = async (index: number, to: number) => {
    if (!rules) return;
    const rule = rules[index]!;
    setBusy(true);
    setError('');
    setStatus('');
    let done = '';
    try {
      for (const w of reorder(rules, index, to)) {
        await call('PUT', `/routing-rules/${encodeURIComponent(w.rule.id)}`, inputFromRule(w.rule, w.position));
      }
      done = t('admin.routing.moved', { name: rule.name, place: to + 1 });
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('admin.routing.gone') : adminErrorText(e));
    } finally {
      await load();
      setBusy(false);
      // Said once the list shows the new order, with the keyboard back on the same button.
      setStatus(done);
      setRefocus({ ruleId: rule.id, action: to < index ? 'up' : 'down' });
    }
  };

  const closeEdit = () => {
    const id = editing?.id;
    setEditing(null);
    if (id) setRefocus({ ruleId: id, action: 'edit' });
  };

  return (
    <>
      <h2>{t('admin.routing.heading')}</h2>
      <p className="hint">{t('admin.routing.intro')}</p>
      <AdminMessages error={error} status={status} />
      {rules === null ? (
        !error && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <RuleList rules={rules} names={dir} busy={busy} onEdit={setEditing} onDelete={(r) => void remove(r)} onMove={(i, to) => void move(i, to)} />
      )}
      {editing ? (
        <RuleForm key={editing.id} rule={editing} newPosition={0} onSaved={(r) => void saved(r, false)} onCancel={closeEdit} />
      ) : (
        <RuleForm key="new" newPosition={nextPosition(rules ?? [])} onSaved={(r) => void saved(r, true)} />
      )}
      <RouteCheck />
    </>
  );
}
