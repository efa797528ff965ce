import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../state/session';
import { FirstRunScreen } from './FirstRunScreen';
import { LoginScreen } from './LoginScreen';
import { Workspace } from './Workspace';

export function App() {
  const { t } = useTranslation();
  const phase = useSession((s) => s.phase);
  const init = useSession((s) => s.init);
  const firstRun = useSession((s) => s.config?.serverUrlSource === 'none');

  useEffect(() => {
    void init();
  }, [init]);

  if (phase === 'loading') {
    return (
      <main className="loading" aria-busy="true">
        <p>{t('app.loading')}</p>
      </main>
    );
  }
  if (phase === 'login') return firstRun ? <FirstRunScreen /> : <LoginScreen />;
  return <Workspace />;
}
