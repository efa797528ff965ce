import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../state/session';
import { LoginScreen } from './LoginScreen';
import { Workspace } from './Workspace';

export function App() {
  const { t } = useTranslation();
  const phase = useSession((s) => s.phase);
  const init = useSession((s) => s.init);

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
  return phase === 'login' ? <LoginScreen /> : <Workspace />;
}
