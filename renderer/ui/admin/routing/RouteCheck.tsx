import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SOURCES, type Source } from '../../../../shared/domain';
import { routingCheckRequestSchema, type RoutingCheckResponse } from '../../../../shared/routing-rules';
import { adminErrorText, useAdminApi } from '../use-admin-api';
import { routedByText } from './summary';

/**
 * «Проверить»: a text, a settlement and a source, and the server's answer by the rules as saved
 * now — the body, the rule that chose it (or why none did), and the sphere the text was classified
 * as, which is what sphere conditions compare against.
 */
export function RouteCheck() {
  const { t } = useTranslation();
  const id = useId();
  const call = useAdminApi();
  const [text, setText] = useState('');
  const [settlement, setSettlement] = useState('');
  const [source, setSource] = useState<Source>('vk');
  const [result, setResult] = useState<RoutingCheckResponse | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = routingCheckRequestSchema.safeParse({ text, source, ...(settlement.trim() ? { settlement } : {}) });
    if (!parsed.success) {
      setResult(null);
      setError(t('admin.routing.check.textRequired'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      setResult(await call<RoutingCheckResponse>('POST', '/routing-rules/check', parsed.data));
    } catch (e) {
      setResult(null);
      setError(adminErrorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="adm-form rt-check-form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('admin.routing.check.heading')}</h3>
      <p className="hint">{t('admin.routing.check.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-text`}>{t('admin.routing.check.text')}</label>
        <textarea id={`${id}-text`} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="adm-row">
        <div className="field">
          <label htmlFor={`${id}-settlement`}>{t('admin.routing.check.settlement')}</label>
          <input id={`${id}-settlement`} value={settlement} maxLength={200} onChange={(e) => setSettlement(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>{t('admin.routing.check.source')}</label>
          <select id={`${id}-source`} value={source} onChange={(e) => setSource(e.target.value as Source)}>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`sources.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('admin.routing.check.submit')}
        </button>
      </div>
      <p className="adm-error" role="alert">
        {error}
      </p>
      <div role="status" className="rt-result">
        {result && (
          <>
            <p>
              <strong>{t('admin.routing.check.result', { body: result.bodyName })}</strong>
            </p>
            <p>{routedByText(result.by, result.rule)}</p>
            <p>{t('admin.routing.check.category', { category: t(`categories.${result.category}`) })}</p>
          </>
        )}
      </div>
    </form>
  );
}
