import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '../../../../shared/admin';
import { placementProblem, updateBodyRequestSchema, type AdminBody } from '../../../../shared/admin-bodies';
import { useAdminConsole } from '../sections';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { AdminMessages } from '../AdminMessages';
import { ParentSelect, parentChoices } from './BodyForms';

/**
 * One body's card: rename, move under another parent (only where the tree allows: no cycle, the
 * kinds fit), disable or enable, and its staff, each a link to their card on «Пользователи».
 */
export function EditBodyPanel({
  body,
  bodies,
  staff,
  onChanged,
  onClose,
}: {
  body: AdminBody;
  bodies: readonly AdminBody[];
  staff: readonly AdminUser[];
  onChanged(): Promise<void>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const call = useAdminApi();
  const openUser = useAdminConsole((s) => s.openUser);
  const heading = useRef<HTMLHeadingElement>(null);
  const [name, setName] = useState(body.name);
  const [parentId, setParentId] = useState(body.parentId ?? '');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const isRoot = body.parentId === null;

  useEffect(() => {
    setName(body.name);
    setParentId(body.parentId ?? '');
    setError('');
    setStatus('');
    heading.current?.focus();
  }, [body.id]);

  const run = async (fn: () => Promise<string>) => {
    setError('');
    setStatus('');
    try {
      const done = await fn();
      await onChanged();
      setStatus(done);
    } catch (e) {
      setError(adminErrorText(e));
    }
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    const parsed = updateBodyRequestSchema.safeParse({ name });
    if (!parsed.success) return setError(t('admin.bodies.invalid.name'));
    void run(async () => {
      await call('POST', `/bodies/${encodeURIComponent(body.id)}`, parsed.data);
      return t('admin.bodies.renamed', { name: parsed.data.name });
    });
  };

  const move = (event: FormEvent) => {
    event.preventDefault();
    const problem = parentId === '' ? 'unknown_parent' : placementProblem(bodies, body.id, body.kind, parentId);
    if (problem) return setError(t(`admin.bodies.invalid.${problem}`));
    const parentName = bodies.find((b) => b.id === parentId)?.name ?? parentId;
    void run(async () => {
      await call('POST', `/bodies/${encodeURIComponent(body.id)}`, { parentId });
      return t('admin.bodies.moved', { name: body.name, parent: parentName });
    });
  };

  const setDisabled = (disabled: boolean) =>
    void run(async () => {
      await call('POST', `/bodies/${encodeURIComponent(body.id)}/disabled`, { disabled });
      return t(disabled ? 'admin.bodies.disabledDone' : 'admin.bodies.enabledDone', { name: body.name });
    });

  return (
    <section className="adm-form" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {body.name}
      </h3>
      <form onSubmit={rename} noValidate className="adm-row">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('admin.bodies.name')}</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit">{t('admin.bodies.rename')}</button>
      </form>
      {!isRoot && (
        <form onSubmit={move} noValidate className="adm-row">
          <div className="field">
            <label htmlFor={`${id}-parent`}>{t('admin.bodies.parent')}</label>
            <ParentSelect id={`${id}-parent`} value={parentId} choices={parentChoices(bodies, body.id, body.kind)} onChange={setParentId} />
          </div>
          <button type="submit">{t('admin.bodies.move')}</button>
        </form>
      )}
      <div className="adm-actions">
        {!isRoot &&
          (body.disabled ? (
            <button type="button" onClick={() => setDisabled(false)}>
              {t('admin.bodies.enable')}
            </button>
          ) : (
            <button type="button" onClick={() => setDisabled(true)}>
              {t('admin.bodies.disable')}
            </button>
          ))}
        <button type="button" onClick={onClose}>
          {t('admin.bodies.close')}
        </button>
      </div>
      <AdminMessages error={error} status={status} />
      <h4 id={`${id}-staff`}>{t('admin.bodies.staffHeading', { count: staff.length })}</h4>
      {staff.length === 0 ? (
        <p className="adm-muted">{t('admin.bodies.noStaff')}</p>
      ) : (
        <ul aria-labelledby={`${id}-staff`}>
          {staff.map((u) => (
            <li key={u.id}>
              <button type="button" className="link-button" onClick={() => openUser(u.id)}>
                {u.displayName}
              </button>{' '}
              <span className="adm-muted">
                {u.username}, {t(`roles.${u.role}`)}
                {u.disabled ? `, ${t('admin.users.disabled').toLowerCase()}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
