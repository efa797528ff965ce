import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ApprovalsView } from './ApprovalsView';
import { EscalationsView } from './EscalationsView';
import { ResonanceView } from './ResonanceView';
import { SUPERVISOR_PANEL_ID } from './SupervisorNav';
import { useSupervisor } from './sections';
import { ControlView } from '../problems/ControlView';
import { BotsView } from '../bots/BotsView';
import { WorklistsView } from './WorklistsView';
import { useCurrent } from '../hooks/use-current';
import './supervisor.css';

// Charts and report builders are large: loaded when first opened (and prefetched when idle).
const AnalyticsView = lazy(() => import('./AnalyticsView').then((m) => ({ default: m.AnalyticsView })));
const ReportsView = lazy(() => import('./ReportsView').then((m) => ({ default: m.ReportsView })));
// The administrator's console: loaded only when an administrator opens it.
const AdminConsole = lazy(() => import('../admin/AdminConsole').then((m) => ({ default: m.AdminConsole })));

/** The supervisor's section other than the queue. */
export function SupervisorArea() {
  const { t } = useTranslation();
  const section = useSupervisor((s) => s.section);
  const { user } = useCurrent();
  return (
    <main id={SUPERVISOR_PANEL_ID} className="sv-area" role="tabpanel" aria-labelledby={`sv-tab-${section}`} tabIndex={-1}>
      <Suspense fallback={<p aria-busy="true">{t('app.loading')}</p>}>
        {section === 'staff' && <WorklistsView />}
        {section === 'approvals' && <ApprovalsView />}
        {section === 'overdue' && <EscalationsView />}
        {section === 'control' && <ControlView />}
        {section === 'resonance' && <ResonanceView />}
        {section === 'bots' && <BotsView />}
        {section === 'analytics' && <AnalyticsView />}
        {section === 'reports' && <ReportsView />}
        {section === 'admin' && user.role === 'admin' && <AdminConsole />}
      </Suspense>
    </main>
  );
}
