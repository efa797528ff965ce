import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerAddress } from './about/use-server-address';

/**
 * The first start of an installed workstation that was given no server address (neither by the
 * installer's preset file nor by OTKLIK_SERVER_URL): the address is asked once, checked, saved.
 */
export function FirstRunScreen() {
  const { t } = useTranslation();
  const id = useId();
  const [address, setAddress] = useState('https://');
  const { save, message, error, busy } = useServerAddress();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!(await save(address))) input.current?.focus();
  };

  return (
    <main className="login" aria-labelledby={`${id}-heading`}>
      <form className="login-form" onSubmit={submit} noValidate>
        <h1 id={`${id}-heading`}>{t('firstRun.heading')}</h1>
        <p className="hint">{t('firstRun.intro')}</p>
        <div className="field">
          <label htmlFor={`${id}-server`}>{t('login.serverUrl')}</label>
          <input
            id={`${id}-server`}
            ref={input}
            type="url"
            inputMode="url"
            autoComplete="url"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-message`}
          />
        </div>
        <p id={`${id}-message`} className={error ? 'error-text' : 'hint'} role={error ? 'alert' : 'status'}>
          {message}
        </p>
        <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
          {t('firstRun.submit')}
        </button>
        <p className="hint">{t('firstRun.admin')}</p>
      </form>
    </main>
  );
}
