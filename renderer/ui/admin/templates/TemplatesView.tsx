import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template } from '../../../../shared/domain';
import { mutationArgsSchemas } from '../../../../shared/protocol';
import { canManageTemplate, TEMPLATE_VARIABLES } from '../../../../shared/templates';
import { deleteTemplateLocally, saveTemplateLocally } from '../../../clerk/actions';
import { getDb } from '../../../db';
import { useCurrent } from '../../hooks/use-current';
import { municipalityName, useDirectory } from '../../supervisor/directory';
import { AdminMessages } from '../AdminMessages';

/**
 * «Шаблоны ответов»: the shared reply templates every clerk of their scope picks in the composer
 * (the region's, or a body's). Saved and deleted as mutations like any other, from the replica and
 * through the outbox, so this works offline too; the server audits each change of a shared one.
 */
export function TemplatesView() {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const dir = useDirectory();
  const shared = useLiveQuery(async () => (await getDb().templates.toArray()).filter((tpl) => tpl.ownerId === null).sort((a, b) => a.title.localeCompare(b.title, 'ru')), []);
  const [editing, setEditing] = useState<Template | null>(null);
  const [status, setStatus] = useState('');

  const remove = async (tpl: Template) => {
    if (!window.confirm(t('admin.templates.confirmDelete', { title: tpl.title }))) return;
    await deleteTemplateLocally(client, tpl.id);
    if (editing?.id === tpl.id) setEditing(null);
    setStatus(t('admin.templates.deleted', { title: tpl.title }));
  };

  return (
    <>
      <h2>{t('admin.templates.heading')}</h2>
      <p className="hint">{t('admin.templates.intro')}</p>
      <TemplateForm
        key={editing?.id ?? 'new'}
        template={editing}
        onDone={(title) => {
          setStatus(t(editing ? 'admin.templates.updated' : 'admin.templates.created', { title }));
          setEditing(null);
        }}
        onCancel={() => setEditing(null)}
        save={(id, title, body) => saveTemplateLocally(client, user, id, title, body, true)}
      />
      {shared === undefined ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : shared.length === 0 ? (
        <p className="hint">{t('admin.templates.none')}</p>
      ) : (
        <div className="sv-table-wrap">
          <table className="sv-table">
            <caption className="adm-muted">{t('admin.templates.count', { count: shared.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.templates.title')}</th>
                <th scope="col">{t('admin.templates.scope')}</th>
                <th scope="col">{t('admin.templates.body')}</th>
                <th scope="col">
                  <span className="sr-live">{t('admin.users.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shared.map((tpl) => (
                <tr key={tpl.id}>
                  <th scope="row">{tpl.title}</th>
                  <td>{tpl.municipalityId === null ? t('supervisor.region') : municipalityName(dir, tpl.municipalityId)}</td>
                  <td className="plain-text">{tpl.body.length > 160 ? `${tpl.body.slice(0, 159)}…` : tpl.body}</td>
                  <td>
                    {canManageTemplate(user, tpl) && (
                      <div className="button-row">
                        <button type="button" onClick={() => setEditing(tpl)} aria-label={t('admin.templates.editLabel', { title: tpl.title })}>
                          {t('admin.templates.edit')}
                        </button>
                        <button type="button" onClick={() => void remove(tpl)} aria-label={t('admin.templates.deleteLabel', { title: tpl.title })}>
                          {t('admin.templates.delete')}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AdminMessages error="" status={status} />
    </>
  );
}

function TemplateForm({
  template,
  save,
  onDone,
  onCancel,
}: {
  template: Template | null;
  save(id: string, title: string, body: string): Promise<unknown>;
  onDone(title: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [title, setTitle] = useState(template?.title ?? '');
  const [body, setBody] = useState(template?.body ?? '');
  const [error, setError] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = mutationArgsSchemas['template.save'].safeParse({ templateId: template?.id ?? 'new', title: title.trim(), body: body.trim(), shared: true });
    if (!parsed.success) {
      setError(t(title.trim() === '' ? 'admin.templates.titleRequired' : body.trim() === '' ? 'admin.templates.bodyRequired' : 'admin.templates.invalid'));
      return;
    }
    setError('');
    await save(template?.id ?? crypto.randomUUID(), title, body);
    setTitle('');
    setBody('');
    onDone(title.trim());
  };

  return (
    <form className="adm-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{template ? t('admin.templates.editHeading', { title: template.title }) : t('admin.templates.createHeading')}</h3>
      <div className="field">
        <label htmlFor={`${id}-title`}>{t('admin.templates.title')}</label>
        <input id={`${id}-title`} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>{t('admin.templates.body')}</label>
        <textarea id={`${id}-body`} rows={5} value={body} onChange={(e) => setBody(e.target.value)} aria-describedby={`${id}-hint`} />
        <p id={`${id}-hint`} className="hint">
          {t('admin.templates.bodyHint', { list: TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', '), interpolation: { escapeValue: false } })}
        </p>
      </div>
      <div className="button-row">
        <button type="submit" className="primary">
          {template ? t('admin.templates.save') : t('admin.templates.create')}
        </button>
        {template && (
          <button type="button" onClick={onCancel}>
            {t('admin.templates.cancel')}
          </button>
        )}
      </div>
      <p className="adm-error" role="alert">
        {error}
      </p>
    </form>
  );
}
