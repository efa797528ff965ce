import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { integrationTokenInputSchema, type AdminIntegrationToken, type CreatedIntegrationToken } from '../../../../shared/integration-tokens';
import { formatShort } from '../../../i18n/format';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { AdminMessages } from '../AdminMessages';

/**
 * «Токены интеграций»: the keys source systems present (a regional portal's intake, an Open311
 * client, a platform exchange). A new token is shown here once, to copy into the other system;
 * the server keeps only its hash. Revoking stops it at its next request and keeps its name listed.
 */
export function TokensView() {
  const { t } = useTranslation();
  const id = useId();
  const call = useAdminApi();
  const [tokens, setTokens] = useState<AdminIntegrationToken[] | null>(null);
  const [name, setName] = useState('');
  const [fresh, setFresh] = useState<CreatedIntegrationToken | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const freshField = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      setTokens((await call<{ tokens: AdminIntegrationToken[] }>('GET', '/integration-tokens')).tokens);
    } catch (e) {
      setError(adminErrorText(e));
    }
  }, [call]);
  useEffect(() => void load(), [load]);
  useEffect(() => freshField.current?.select(), [fresh]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    const parsed = integrationTokenInputSchema.safeParse({ name });
    if (!parsed.success) {
      setError(t('admin.tokens.nameRequired'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const created = await call<CreatedIntegrationToken>('POST', '/integration-tokens', parsed.data);
      setFresh(created);
      setName('');
      await load();
    } catch (e) {
      setError(adminErrorText(e));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: AdminIntegrationToken) => {
    if (!window.confirm(t('admin.tokens.confirmRevoke', { name: token.name }))) return;
    setError('');
    try {
      await call('POST', `/integration-tokens/${encodeURIComponent(token.id)}/revoke`);
      if (fresh?.item.id === token.id) setFresh(null);
      setStatus(t('admin.tokens.revoked', { name: token.name }));
      await load();
    } catch (e) {
      setError(adminErrorText(e));
    }
  };

  const when = (iso: string | null) => (iso ? formatShort(new Date(iso)) : '—');

  return (
    <>
      <h2>{t('admin.tokens.heading')}</h2>
      <p className="hint">{t('admin.tokens.intro')}</p>
      <form className="adm-form" onSubmit={create} noValidate aria-labelledby={`${id}-h`}>
        <h3 id={`${id}-h`}>{t('admin.tokens.createHeading')}</h3>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('admin.tokens.name')}</label>
          <input id={`${id}-name`} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} aria-describedby={`${id}-name-hint`} />
          <p id={`${id}-name-hint`} className="hint">
            {t('admin.tokens.nameHint')}
          </p>
        </div>
        <div>
          <button type="submit" className="primary" disabled={busy} aria-busy={busy}>
            {t('admin.tokens.create')}
          </button>
        </div>
      </form>
      {fresh && (
        <section className="banner banner-info" aria-labelledby={`${id}-fresh`}>
          <h3 id={`${id}-fresh`}>{t('admin.tokens.freshHeading', { name: fresh.item.name })}</h3>
          <label htmlFor={`${id}-token`}>{t('admin.tokens.freshLabel')}</label>
          <input id={`${id}-token`} ref={freshField} readOnly value={fresh.token} className="mono" onFocus={(e) => e.target.select()} />
          <p className="hint">{t('admin.tokens.freshHint')}</p>
          <div className="button-row">
            <button type="button" onClick={() => void navigator.clipboard?.writeText(fresh.token).then(() => setStatus(t('admin.tokens.copied')), () => undefined)}>
              {t('admin.tokens.copy')}
            </button>
            <button type="button" onClick={() => setFresh(null)}>
              {t('admin.tokens.hide')}
            </button>
          </div>
        </section>
      )}
      <AdminMessages error={error} status={status} />
      {tokens === null ? (
        !error && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <div className="sv-table-wrap">
          <table className="sv-table">
            <caption className="adm-muted">{t('admin.tokens.count', { count: tokens.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.tokens.name')}</th>
                <th scope="col">{t('admin.tokens.createdAt')}</th>
                <th scope="col">{t('admin.tokens.createdBy')}</th>
                <th scope="col">{t('admin.tokens.lastUsedAt')}</th>
                <th scope="col">{t('admin.tokens.state')}</th>
                <th scope="col">
                  <span className="sr-live">{t('admin.tokens.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id} data-token-id={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>{when(token.createdAt)}</td>
                  <td>{token.createdBy ?? t('admin.tokens.bySystem')}</td>
                  <td>{when(token.lastUsedAt)}</td>
                  <td>{token.revokedAt ? t('admin.tokens.revokedAt', { at: when(token.revokedAt) }) : t('admin.tokens.active')}</td>
                  <td>
                    {!token.revokedAt && (
                      <button type="button" onClick={() => void revoke(token)} aria-label={t('admin.tokens.revokeNamed', { name: token.name })}>
                        {t('admin.tokens.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
