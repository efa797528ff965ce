import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { getDb } from '../../db';
import { errorMessage } from '../../i18n';
import { formatDateTime } from '../../i18n/format';
import { useCurrent } from '../hooks/use-current';
import { useSyncStatus } from '../hooks/use-sync-status';
import { collectDiagnostics, formatBytes, type Diagnostics } from './collect';
import { downloadUnsent } from './download';

/** The same facts as plain text, for the clipboard and a support ticket. */
function asText(d: Diagnostics): string {
  return JSON.stringify(d, null, 2);
}

/**
 * For support: where this workstation stands — cursor, last sync, what is waiting or was refused,
 * how much storage is used and whether the browser keeps it. Opened from the header (or
 * Ctrl+Shift+D); Escape closes it.
 */
export function DiagnosticsView({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { client, user } = useCurrent();
  const status = useSyncStatus(client);
  const health = useSyncExternalStore(client.health.subscribe, client.health.get);
  const [data, setData] = useState<Diagnostics | null>(null);
  const [note, setNote] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  const refresh = useCallback(async () => {
    setData(await collectDiagnostics({ db: getDb(), serverUrl: client.api.serverUrl, user, status: client.status.get(), health: client.health.get() }));
  }, [client, user]);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  // Figures follow the sync: a push or a pull while the view is open shows at once.
  useEffect(() => {
    void refresh();
  }, [refresh, status.cursor, status.pending, status.rejected, status.lastSyncAt, health.readOnly]);

  const copy = async () => {
    if (!data) return;
    try {
      await navigator.clipboard.writeText(asText(data));
      setNote(t('diagnostics.copied'));
    } catch {
      setNote(t('diagnostics.copyFailed'));
    }
  };

  const save = async () => {
    const name = await downloadUnsent(getDb());
    setNote(t('storage.saved', { name }));
  };

  const yesNo = (v: boolean | null, yes: string, no: string) => (v === null ? t('diagnostics.unknown') : v ? yes : no);

  return (
    <section
      id="diagnostics-panel"
      className="diagnostics-panel"
      aria-labelledby="diagnostics-heading"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h2 id="diagnostics-heading" ref={heading} tabIndex={-1}>
        {t('diagnostics.heading')}
      </h2>
      <p className="hint">{t('diagnostics.intro')}</p>
      {data ? (
        <dl className="diagnostics-list">
          <dt>{t('diagnostics.appVersion')}</dt>
          <dd>{data.appVersion}</dd>
          <dt>{t('diagnostics.serverUrl')}</dt>
          <dd>{data.serverUrl}</dd>
          <dt>{t('diagnostics.clientId')}</dt>
          <dd className="mono">{data.clientId || t('diagnostics.unknown')}</dd>
          <dt>{t('diagnostics.user')}</dt>
          <dd>{t('diagnostics.userValue', { name: data.user.name, id: data.user.id, role: t(`roles.${data.user.role}`) })}</dd>
          <dt>{t('diagnostics.connection')}</dt>
          <dd>
            {t(`connection.${data.connection}`)}
            {data.live ? `, ${t('diagnostics.liveOn')}` : `, ${t('diagnostics.liveOff')}`}
          </dd>
          <dt>{t('diagnostics.lastError')}</dt>
          <dd>{data.error ? errorMessage(data.error) : t('diagnostics.none')}</dd>
          <dt>{t('diagnostics.lastSync')}</dt>
          <dd>{data.lastSyncAt ? formatDateTime(data.lastSyncAt) : t('diagnostics.never')}</dd>
          <dt>{t('diagnostics.cursor')}</dt>
          <dd data-testid="diagnostics-cursor">{data.cursor}</dd>
          <dt>{t('diagnostics.pending')}</dt>
          <dd data-testid="diagnostics-pending">{data.pending}</dd>
          <dt>{t('diagnostics.rejected')}</dt>
          <dd>
            {data.rejected.length === 0
              ? '0'
              : data.rejected.map((r) => t('diagnostics.rejectedItem', { name: t(`diagnostics.mutations.${r.name}`, { defaultValue: r.name }), reason: errorMessage(r.code), time: formatDateTime(r.createdAt) })).join('; ')}
          </dd>
          <dt>{t('diagnostics.storageUsed')}</dt>
          <dd>{t('diagnostics.storageUsedValue', { usage: formatBytes(data.storage.usage), quota: formatBytes(data.storage.quota) })}</dd>
          <dt>{t('diagnostics.persisted')}</dt>
          <dd data-testid="diagnostics-persisted">{yesNo(data.storage.persisted, t('diagnostics.persistedYes'), t('diagnostics.persistedNo'))}</dd>
          <dt>{t('diagnostics.readOnly')}</dt>
          <dd>{data.storage.readOnly ? t('diagnostics.readOnlyYes') : t('diagnostics.readOnlyNo')}</dd>
          <dt>{t('diagnostics.records')}</dt>
          <dd>{t('diagnostics.recordsValue', data.records)}</dd>
        </dl>
      ) : (
        <p aria-busy="true">{t('app.loading')}</p>
      )}
      <div className="button-row">
        <button type="button" onClick={() => void refresh()}>
          {t('diagnostics.refresh')}
        </button>
        <button type="button" onClick={() => void copy()} disabled={!data}>
          {t('diagnostics.copy')}
        </button>
        <button type="button" onClick={() => void save()}>
          {t('storage.saveUnsent')}
        </button>
        <button type="button" onClick={onClose}>
          {t('diagnostics.close')}
        </button>
      </div>
      <p aria-live="polite" className="hint">
        {note}
      </p>
    </section>
  );
}
