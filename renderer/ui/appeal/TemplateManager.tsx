import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Template } from '../../../shared/domain';
import { isSupervisorRole } from '../../../shared/permissions';
import { canManageTemplate } from '../../../shared/templates';
import { deleteTemplateLocally, saveTemplateLocally } from '../../clerk/actions';
import { errorMessage } from '../../i18n';
import { useCurrent } from '../hooks/use-current';

/** Saving the text being written as a template (own, or shared for a supervisor) and deleting one's own. */
export function TemplateManager({ templates, currentBody }: { templates: readonly Template[] | undefined; currentBody: string }) {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [shared, setShared] = useState(false);
  const [message, setMessage] = useState('');
  const ids = { title: useId(), shared: useId(), panel: useId() };
  const manageable = useMemo(() => (templates ?? []).filter((tpl) => canManageTemplate(user, tpl)), [templates, user]);

  const save = async () => {
    try {
      await saveTemplateLocally(client, user, crypto.randomUUID(), title, currentBody, shared);
      setMessage(t('composer.templateSaved'));
      setTitle('');
      setOpen(false);
    } catch (e) {
      setMessage(errorMessage((e as { code?: string }).code ?? 'unknown'));
    }
  };

  return (
    <div className="template-manager">
      <button type="button" aria-expanded={open} aria-controls={ids.panel} onClick={() => setOpen((v) => !v)}>
        {t('composer.manageTemplates')}
      </button>
      {open && (
        <div id={ids.panel} className="template-panel">
          <form
            className="field"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <label htmlFor={ids.title}>{t('composer.templateTitle')}</label>
            <input id={ids.title} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
            {isSupervisorRole(user.role) && (
              <label htmlFor={ids.shared} className="checkbox-label">
                <input id={ids.shared} type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> {t('composer.templateSharedOption')}
              </label>
            )}
            <button type="submit" disabled={!title.trim() || !currentBody.trim()}>
              {t('composer.saveTemplate')}
            </button>
          </form>
          {manageable.length > 0 && (
            <ul className="template-own-list">
              {manageable.map((tpl) => (
                <li key={tpl.id}>
                  {tpl.title}{' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void deleteTemplateLocally(client, tpl.id).then(() => setMessage(t('composer.templateDeleted')))}
                  >
                    {t('composer.deleteTemplate', { title: tpl.title })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <span className="sr-live" aria-live="polite">
        {message}
      </span>
    </div>
  );
}
