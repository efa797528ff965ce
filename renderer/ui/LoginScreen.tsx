import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginError, useSession } from '../state/session';
import { errorMessage } from '../i18n';
import { useServerAddress } from './about/use-server-address';

/**
 * Logging in. Errors are read out (aria-live) in Russian; the typed login stays after a wrong
 * password. `expired`: the session ran out while working — nothing local is lost meanwhile;
 * `disabled`: it ended because an administrator disabled the account (the unsent work stays too).
 */
export function LoginScreen({ expired = false, disabled = false }: { expired?: boolean; disabled?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const login = useSession((s) => s.login);
  const logout = useSession((s) => s.logout);
  const config = useSession((s) => s.config);
  const previousUser = useSession((s) => s.session?.user);
  const [username, setUsername] = useState(expired ? (previousUser?.username ?? '') : '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [server, setServer] = useState(config?.serverUrl ?? '');
  const serverAddress = useServerAddress();
  const passwordRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (expired && username ? passwordRef : usernameRef).current?.focus();
    // Only on first show: later focus follows the person.
  }, []);

  useEffect(() => setServer(config?.serverUrl ?? ''), [config?.serverUrl]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t('login.required'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await login(username, password);
    } catch (e) {
      const code = e instanceof LoginError ? e.code : 'unknown';
      const until = e instanceof LoginError && e.lockedUntil ? new Date(e.lockedUntil) : null;
      if (code === 'account_locked' && until && !Number.isNaN(until.getTime())) {
        setError(t('login.locked', { time: until.toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit' }) }));
      } else {
        setError(code === 'unreachable' ? t('login.unreachable') : errorMessage(code));
      }
      setPassword('');
      passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const saveServer = () => void serverAddress.save(server);

  return (
    <main className="login" aria-labelledby={`${id}-heading`}>
      <form className="login-form" onSubmit={submit} noValidate>
        <h1 id={`${id}-heading`}>{t('login.heading')}</h1>
        <p className="hint">{t('login.intro')}</p>
        {expired && !disabled && <p className="banner banner-info">{t('login.sessionExpired')}</p>}
        {expired && disabled && (
          <p className="banner banner-error" role="alert">
            {t('login.accountDisabled')}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-username`}>{t('login.username')}</label>
          <input
            id={`${id}-username`}
            ref={usernameRef}
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-error`}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('login.password')}</label>
          <input
            id={`${id}-password`}
            ref={passwordRef}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-error`}
          />
        </div>
        <div id={`${id}-error`} className="error-text" aria-live="assertive" role="alert">
          {error}
        </div>
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {t('login.submit')}
        </button>
        {busy && <p className="hint">{t('login.submitting')}</p>}
        {expired && (
          <button type="button" onClick={() => void logout()}>
            {t('header.logout')}
          </button>
        )}
        <details className="server-settings">
          <summary>{t('login.serverAddress')}</summary>
          <div className="field">
            <label htmlFor={`${id}-server`}>{t('login.serverUrl')}</label>
            <input
              id={`${id}-server`}
              type="url"
              inputMode="url"
              value={server}
              onChange={(e) => setServer(e.target.value)}
              aria-invalid={serverAddress.error ? true : undefined}
              aria-describedby={`${id}-server-message`}
            />
          </div>
          <button type="button" onClick={saveServer} disabled={serverAddress.busy} aria-busy={serverAddress.busy}>
            {t('login.serverSave')}
          </button>
          <p id={`${id}-server-message`} aria-live="polite" className={serverAddress.error ? 'error-text' : 'hint'}>
            {serverAddress.message}
          </p>
        </details>
      </form>
    </main>
  );
}
