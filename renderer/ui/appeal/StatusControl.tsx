import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appeal, AppealStatus } from '../../../shared/domain';
import { nextStatuses } from '../../../shared/status-machine';
import { useCurrent } from '../hooks/use-current';
import { errorMessage } from '../../i18n';

/** The statuses this person may move the appeal to, from shared/status-machine; a change is queued at once. */
export function StatusControl({ appeal }: { appeal: Appeal }) {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const id = useId();
  const [message, setMessage] = useState('');
  const options = nextStatuses(appeal.status, user.role);

  const change = async (to: AppealStatus) => {
    if (to === appeal.status) return;
    try {
      await client.setStatus(appeal.id, to);
      setMessage(t('status.changed', { status: t(`statuses.${to}`) }));
    } catch (error) {
      setMessage(errorMessage((error as { code?: string }).code ?? 'unknown'));
    }
  };

  return (
    <div className="field field-inline">
      <label htmlFor={id}>{t('status.label')}</label>
      <select id={id} data-shortcut="status" aria-keyshortcuts="s" value={appeal.status} disabled={options.length === 0} onChange={(e) => void change(e.target.value as AppealStatus)}>
        <option value={appeal.status}>{t('status.current', { status: t(`statuses.${appeal.status}`) })}</option>
        {options.map((s) => (
          <option key={s} value={s}>
            {t(`statuses.${s}`)}
          </option>
        ))}
      </select>
      {options.length === 0 && <span className="hint">{t('status.noTransitions')}</span>}
      <span className="sr-live" aria-live="polite">
        {message}
      </span>
    </div>
  );
}
