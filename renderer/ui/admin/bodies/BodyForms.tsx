import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createBodyRequestSchema, placementProblem, type AdminBody } from '../../../../shared/admin-bodies';
import { BODY_KINDS, type BodyKind } from '../../../../shared/bodies';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { AdminMessages } from '../AdminMessages';

type NewKind = Exclude<BodyKind, 'cur'>;
const NEW_KINDS = BODY_KINDS.filter((k): k is NewKind => k !== 'cur');

/** The parents a body of `kind` may take (the shared rule), the body itself and its branch left out. */
export function parentChoices(bodies: readonly AdminBody[], id: string | null, kind: BodyKind): AdminBody[] {
  return bodies.filter((b) => !b.disabled && placementProblem(bodies, id, kind, b.id) === null);
}

/** A select of parent bodies, by name. */
export function ParentSelect({ id, value, choices, onChange }: { id: string; value: string; choices: readonly AdminBody[]; onChange(v: string): void }) {
  const { t } = useTranslation();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('admin.bodies.chooseParent')}</option>
      {choices.map((b) => (
        <option key={b.id} value={b.id}>
          {b.name}
        </option>
      ))}
    </select>
  );
}

/** «Новый орган»: name, kind and the parent it hangs under (only the parents its kind allows). */
export function CreateBodyForm({ bodies, onCreated }: { bodies: readonly AdminBody[]; onCreated(b: AdminBody): void }) {
  const { t } = useTranslation();
  const id = useId();
  const call = useAdminApi();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<NewKind>('ministry');
  const [parentId, setParentId] = useState('cur');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const choices = parentChoices(bodies, null, kind);

  const changeKind = (next: NewKind) => {
    setKind(next);
    // A parent the new kind may not hang under is dropped rather than kept and refused later.
    if (!parentChoices(bodies, null, next).some((b) => b.id === parentId)) setParentId('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    const parsed = createBodyRequestSchema.safeParse({ name, kind, parentId });
    if (!parsed.success) return setError(t(name.trim() === '' ? 'admin.bodies.invalid.name' : 'admin.bodies.invalid.parent'));
    const problem = placementProblem(bodies, null, parsed.data.kind, parsed.data.parentId);
    if (problem) return setError(t(`admin.bodies.invalid.${problem}`));
    setBusy(true);
    setError('');
    try {
      const res = await call<{ body: AdminBody }>('POST', '/bodies', parsed.data);
      setName('');
      setStatus(t('admin.bodies.created', { name: res.body.name }));
      onCreated(res.body);
    } catch (e) {
      setError(adminErrorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="adm-form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('admin.bodies.createHeading')}</h3>
      <div className="adm-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('admin.bodies.name')}</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('admin.bodies.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => changeKind(e.target.value as NewKind)}>
            {NEW_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`admin.bodies.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-parent`}>{t('admin.bodies.parent')}</label>
          <ParentSelect id={`${id}-parent`} value={parentId} choices={choices} onChange={setParentId} />
        </div>
      </div>
      <AdminMessages error={error} status={status} />
      <div>
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {t('admin.bodies.create')}
        </button>
      </div>
    </form>
  );
}
