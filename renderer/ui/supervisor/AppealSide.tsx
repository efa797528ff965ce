import { useTranslation } from 'react-i18next';
import { AppealView } from '../appeal/AppealView';
import { useSupervisor } from './sections';

/** The appeal chosen in a supervisor's list, open beside it. */
export function AppealSide() {
  const { t } = useTranslation();
  const openId = useSupervisor((s) => s.openId);
  const open = useSupervisor((s) => s.open);
  if (!openId) return null;
  return (
    <aside className="sv-side" aria-label={t('supervisor.openAppeal')}>
      <button type="button" className="sv-close" onClick={() => open(null)}>
        {t('supervisor.closeAppeal')}
      </button>
      <AppealView appealId={openId} focusRequest={0} />
    </aside>
  );
}
