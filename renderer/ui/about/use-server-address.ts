import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../bridge';
import { useSession } from '../../state/session';

/**
 * Saving a server address: first ask it whether it is an Otklik server (GET /api/v1/health through
 * the bridge), save only if it is, and say in Russian what is wrong otherwise. The typed address
 * stays in the field whatever the answer.
 */
export function useServerAddress() {
  const { t } = useTranslation();
  const setServerUrl = useSession((s) => s.setServerUrl);
  const [message, setMessage] = useState('');
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);

  const save = async (address: string): Promise<boolean> => {
    setBusy(true);
    setError(false);
    setMessage(t('server.checking'));
    try {
      const check = await getBridge().checkServer(address.trim());
      if (!check.ok) {
        setError(true);
        setMessage(t(`server.${check.reason}`));
        return false;
      }
      const saved = await setServerUrl(check.url);
      setMessage(t('server.saved', { url: saved.serverUrl, version: check.version }));
      return true;
    } catch {
      setError(true);
      setMessage(t('server.invalid'));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { save, message, error, busy };
}
