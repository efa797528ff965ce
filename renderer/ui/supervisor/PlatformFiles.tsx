import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXCHANGE_PLATFORMS, exchangeImportResultSchema, type ExchangeImportResult, type ExchangePlatform } from '../../../shared/channels/exchange';
import { API_PREFIX } from '../../../shared/protocol';
import { errorMessage } from '../../i18n';
import { saveFile } from '../../reports/download';
import { useSession } from '../../state/session';
import { ApiError, NetworkError } from '../../sync/api';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Which fields a row's error names, as the clerk knows them from the template's headers. */
const FIELD_KEYS = ['id', 'text', 'category', 'address', 'settlement', 'deadline', 'receivedAt', 'author', 'link'] as const;

/**
 * «Файлы платформ»: for a region whose ПОС or incident system is reached only through the
 * platform's cabinet, the supervisor uploads the downloaded messages (XLSX or JSON; each becomes an
 * appeal once) and downloads the published answers to upload back there.
 */
export function PlatformFiles() {
  const { t } = useTranslation();
  const id = useId();
  const client = useSession((s) => s.client);
  const fileRef = useRef<HTMLInputElement>(null);
  const [platform, setPlatform] = useState<ExchangePlatform>('pos');
  const [busy, setBusy] = useState<null | 'import' | 'export'>(null);
  const [result, setResult] = useState<ExchangeImportResult | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');

  const call = async (path: string, init: RequestInit = {}): Promise<Response> => {
    if (!client) throw new NetworkError('no session');
    return client.auth.call(async (token) => {
      let res: Response;
      try {
        res = await fetch(`${client.api.serverUrl}${API_PREFIX}/exchange/${platform}${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
      } catch (e) {
        throw new NetworkError((e as Error).message);
      }
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
        throw new ApiError(res.status, (body?.error?.code ?? 'http_error') as ApiError['code'], body?.error?.message ?? `HTTP ${res.status}`);
      }
      return res;
    });
  };

  const failure = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'validation_failed') return t('supervisor.platformFiles.unreadable');
    if (e instanceof NetworkError) return errorMessage('network');
    return errorMessage((e as { code?: string }).code ?? 'unknown');
  };

  const upload = async () => {
    const file = fileRef.current?.files?.[0];
    setError('');
    setMessage('');
    setResult(null);
    if (!file) {
      setError(t('supervisor.platformFiles.chooseFile'));
      fileRef.current?.focus();
      return;
    }
    setBusy('import');
    try {
      const res = await call('/import', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file });
      setResult(exchangeImportResultSchema.parse(await res.json()));
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(null);
    }
  };

  const download = async () => {
    setError('');
    setMessage('');
    setBusy('export');
    try {
      const res = await call('/export?format=xlsx');
      const name = `Ответы_${platform}_${new Date().toISOString().slice(0, 10)}.xlsx`;
      saveFile(new Uint8Array(await res.arrayBuffer()), name, XLSX_MIME);
      setMessage(t('supervisor.reports.saved', { name }));
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(null);
    }
  };

  const fieldName = (field: string) => {
    const key = FIELD_KEYS.find((k) => field === k || field.startsWith(`${k}.`));
    return key ? t(`supervisor.platformFiles.fields.${key}`) : field;
  };
  // An empty cell arrives as a missing field (invalid_type) and a blank one as too short: both are «не заполнено».
  const problem = (code: string) => t(code === 'too_small' || code === 'invalid_type' ? 'supervisor.platformFiles.problems.empty' : 'supervisor.platformFiles.problems.invalid');
  const rejected = result?.rows.filter((r) => r.outcome === 'rejected') ?? [];

  return (
    <section className="sv-platform-files" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('supervisor.platformFiles.heading')}</h3>
      <p className="hint">{t('supervisor.platformFiles.intro')}</p>
      <div className="sv-inline">
        <div className="field">
          <label htmlFor={`${id}-platform`}>{t('supervisor.platformFiles.platform')}</label>
          <select id={`${id}-platform`} value={platform} onChange={(e) => setPlatform(e.target.value as ExchangePlatform)}>
            {EXCHANGE_PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {t(`sources.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('supervisor.platformFiles.file')}</label>
          <input id={`${id}-file`} ref={fileRef} type="file" accept=".xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
        </div>
      </div>
      <div className="button-row">
        <button type="button" className="primary" disabled={busy !== null} onClick={() => void upload()}>
          {busy === 'import' ? t('supervisor.platformFiles.importing') : t('supervisor.platformFiles.import')}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void download()}>
          {busy === 'export' ? t('supervisor.reports.building') : t('supervisor.platformFiles.export')}
        </button>
      </div>
      <p className="sv-message" aria-live="polite">
        {message}
        {result && t('supervisor.platformFiles.summary', { created: result.created, duplicates: result.duplicates, rejected: result.rejected })}
      </p>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {rejected.length > 0 && (
        <ul className="sv-row-errors" aria-label={t('supervisor.platformFiles.rowErrors')}>
          {rejected.map((r) => (
            <li key={r.row}>
              {t('supervisor.platformFiles.rowError', {
                row: r.row,
                id: r.id ?? '—',
                problems: r.errors.map((e) => `${fieldName(e.field)} — ${problem(e.code)}`).join('; '),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
