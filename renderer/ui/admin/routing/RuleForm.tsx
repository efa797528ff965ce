import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, SOURCES } from '../../../../shared/domain';
import type { RoutingRule } from '../../../../shared/routing-rules';
import { useDirectory } from '../../supervisor/directory';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { CheckList } from './CheckList';
import { EMPTY_DRAFT, draftOf, inputOf, type RuleDraft } from './draft';
import { TargetField } from './TargetField';

/**
 * A new rule (added last), or a change to `rule`. Checked by the shared schema before it is sent;
 * on a refusal, by the schema or the server, everything typed stays in the form.
 */
export function RuleForm({ rule, newPosition, onSaved, onCancel }: { rule?: RoutingRule; newPosition: number; onSaved(rule: RoutingRule): void; onCancel?(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const call = useAdminApi();
  const dir = useDirectory();
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? draftOf(rule) : EMPTY_DRAFT));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const nameField = useRef<HTMLInputElement>(null);
  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));

  // An edit opened from the list: the keyboard lands in the form, not back at the top of the page.
  useEffect(() => {
    if (rule) nameField.current?.focus();
  }, [rule]);

  const sources = useMemo(() => SOURCES.map((s) => ({ value: s, label: t(`sources.${s}`) })), [t]);
  const categories = useMemo(() => CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) })), [t]);
  const municipalities = useMemo(() => dir.municipalityList.map((m) => ({ value: m.id, label: m.name })), [dir.municipalityList]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = inputOf(draft, rule?.position ?? newPosition);
    if (!checked.ok) {
      setError(checked.problems.join(' '));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const saved = rule
        ? await call<RoutingRule>('PUT', `/routing-rules/${encodeURIComponent(rule.id)}`, checked.input)
        : await call<RoutingRule>('POST', '/routing-rules', checked.input);
      if (!rule) setDraft(EMPTY_DRAFT);
      onSaved(saved);
    } catch (e) {
      setError(adminErrorText(e, { validation_failed: t('admin.routing.refused'), not_found: t('admin.routing.gone') }));
    } finally {
      setBusy(false);
    }
  };

  const text = (key: 'keywords' | 'unlessKeywords' | 'settlements') => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`admin.routing.form.${key}`)}</label>
      <input id={`${id}-${key}`} value={draft[key]} onChange={(e) => set({ [key]: e.target.value })} aria-describedby={`${id}-${key}-hint`} />
      <span id={`${id}-${key}-hint`} className="hint">
        {t(`admin.routing.form.${key}Hint`)}
      </span>
    </div>
  );

  return (
    <form className="adm-form rt-form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{rule ? t('admin.routing.form.editHeading', { name: rule.name }) : t('admin.routing.form.createHeading')}</h3>
      <div className="adm-row">
        <div className="field rt-name">
          <label htmlFor={`${id}-name`}>{t('admin.routing.form.name')}</label>
          <input id={`${id}-name`} ref={nameField} value={draft.name} maxLength={200} onChange={(e) => set({ name: e.target.value })} aria-describedby={`${id}-name-hint`} />
          <span id={`${id}-name-hint`} className="hint">
            {t('admin.routing.form.nameHint')}
          </span>
        </div>
        <label htmlFor={`${id}-enabled`} className="rt-check">
          <input id={`${id}-enabled`} type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          {t('admin.routing.form.enabled')}
        </label>
      </div>
      <h4>{t('admin.routing.form.conditions')}</h4>
      <p className="hint">{t('admin.routing.form.conditionsHint')}</p>
      <CheckList legend={t('admin.routing.form.categories')} options={categories} value={draft.categories} onChange={(v) => set({ categories: v })} />
      {text('keywords')}
      {text('unlessKeywords')}
      <CheckList legend={t('admin.routing.form.sources')} options={sources} value={draft.sources} onChange={(v) => set({ sources: v })} />
      {text('settlements')}
      <CheckList legend={t('admin.routing.form.municipalities')} options={municipalities} value={draft.municipalities} onChange={(v) => set({ municipalities: v })} />
      <TargetField kind={draft.targetKind} bodyId={draft.bodyId} bodies={dir.bodies} onChange={(v) => set({ targetKind: v.kind, bodyId: v.bodyId })} />
      <p className="adm-error" role="alert">
        {error}
      </p>
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {rule ? t('admin.routing.form.save') : t('admin.routing.form.create')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('admin.routing.form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
