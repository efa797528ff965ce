import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../state/session';
import { AppealView } from './appeal/AppealView';
import { Header } from './Header';
import { useCurrent } from './hooks/use-current';
import { useSyncStatus } from './hooks/use-sync-status';
import { LoginScreen } from './LoginScreen';
import { Queue, QUEUE_ID } from './queue/Queue';
import { Shortcuts } from './keyboard/Shortcuts';
import { StorageBanner } from './StorageBanner';
import { ClerkServices } from './ClerkServices';
import { DownloadProgress } from './DownloadProgress';
import { isSupervisorRole } from '../../shared/permissions';
import { ReturnedNotice } from './supervisor/ReturnedNotice';
import { SupervisorArea } from './supervisor/SupervisorArea';
import { SupervisorNav } from './supervisor/SupervisorNav';
import { SupervisorServices } from './supervisor/SupervisorServices';
import { useSupervisor } from './supervisor/sections';

/** The logged-in workstation: status bar, queue, and the open appeal. */
export function Workspace() {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const status = useSyncStatus(client);
  // Supervisors and admins have sections beside the queue; a clerk has the queue alone.
  const supervisor = isSupervisorRole(user.role);
  const section = useSupervisor((s) => s.section);
  const inSection = supervisor && section !== 'queue';
  const openAppeal = useSession((s) => s.openAppeal);
  // Bumped when an appeal is opened from the keyboard: its heading then takes focus.
  const [focusRequest, setFocusRequest] = useState(0);

  const onOpen = useCallback((_id: string, byKeyboard: boolean) => {
    if (byKeyboard) setFocusRequest((n) => n + 1);
  }, []);

  // Escape from the appeal returns to the queue, where the selection still is.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('main')) document.getElementById(QUEUE_ID)?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const openByKeyboard = useCallback(
    (id: string) => {
      useSupervisor.getState().setSection('queue');
      setFocusRequest((n) => n + 1);
      openAppeal(id);
    },
    [openAppeal],
  );

  if (status.sessionExpired) return <LoginScreen expired disabled={status.error === 'account_disabled'} />;

  return (
    <div className="workspace">
      <a className="skip-link" href={`#${QUEUE_ID}`}>
        {t('app.skipToQueue')}
      </a>
      <a className="skip-link" href="#appeal-main">
        {t('app.skipToContent')}
      </a>
      <Header
        status={status}
        onOpenAppeal={(id) => {
          useSupervisor.getState().setSection('queue');
          setFocusRequest((n) => n + 1);
          openAppeal(id);
        }}
      />
      <StorageBanner />
      {status.download && <DownloadProgress progress={status.download} />}
      <Shortcuts onOpen={openByKeyboard} />
      <ClerkServices />
      <ReturnedNotice />
      {supervisor && <SupervisorServices />}
      {supervisor && <SupervisorNav />}
      {inSection && <SupervisorArea />}
      {/* Kept mounted under the other sections: the queue keeps its place and selection. */}
      <div className="layout" style={inSection ? { display: 'none' } : undefined}>
        <nav className="sidebar" aria-label={t('app.nav')}>
          {status.bootstrapping && status.connection === 'syncing' && !status.download && (
            <p className="banner banner-info">{t('app.bootstrapping', { count: status.cursor })}</p>
          )}
          <Queue onOpen={onOpen} />
        </nav>
        <main id="appeal-main" className="content" tabIndex={-1}>
          <OpenAppeal focusRequest={focusRequest} />
        </main>
      </div>
    </div>
  );
}

/** The open appeal, read here: opening another one redraws this pane, not the whole workstation. */
function OpenAppeal({ focusRequest }: { focusRequest: number }) {
  const openAppealId = useSession((s) => s.openAppealId);
  return <AppealView appealId={openAppealId} focusRequest={focusRequest} />;
}
