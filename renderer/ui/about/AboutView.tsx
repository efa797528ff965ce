import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { version as APP_VERSION } from '../../../package.json';
import type { UpdateStatus } from '../../../shared/updates';
import { getBridge } from '../../bridge';
import { getDb, storageInfo } from '../../db';
import { formatDateTime } from '../../i18n/format';
import { useSession } from '../../state/session';
import { formatBytes } from '../diagnostics/collect';
import { useCurrent } from '../hooks/use-current';
import { useSyncStatus } from '../hooks/use-sync-status';
import { appealCount } from '../../db/row-packs';
import { useUpdateStatus } from '../UpdateNotice';

/** The updater's state in one Russian line. */
function useUpdateText(status: UpdateStatus | null): string {
  const { t } = useTranslation();
  if (!status) return '…';
  switch (status.state) {
    case 'downloading':
      return t('updates.state.downloading', { version: status.version, percent: status.percent });
    case 'ready':
      return t('updates.state.ready', { version: status.version });
    case 'error':
      return `${t('updates.state.error')}: ${t(`updates.errors.${status.code}`)}`;
    default:
      return t(`updates.state.${status.state}`);
  }
}

/**
 * «О программе»: which version runs, which server it talks to and where that address came from,
 * how big the local replica is and when it last synced, and where updates stand. Opened from the
 * header or the application menu; Escape closes it.
 */
export function AboutView({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { client } = useCurrent();
  const config = useSession((s) => s.config);
  const status = useSyncStatus(client);
  const update = useUpdateStatus();
  const updateText = useUpdateText(update);
  const [replica, setReplica] = useState<{ size: number | null; appeals: number } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    let alive = true;
    void Promise.all([storageInfo(), appealCount(getDb()).catch(() => 0)]).then(([storage, appeals]) => {
      if (alive) setReplica({ size: storage.usage, appeals });
    });
    return () => {
      alive = false;
    };
  }, [status.lastSyncAt]);

  return (
    <section
      id="about-panel"
      className="diagnostics-panel"
      aria-labelledby="about-heading"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <h2 id="about-heading" ref={heading} tabIndex={-1}>
        {t('about.heading')}
      </h2>
      <p className="hint">{t('about.intro')}</p>
      <dl className="diagnostics-list">
        <dt>{t('about.version')}</dt>
        <dd data-testid="about-version">{APP_VERSION}</dd>
        <dt>{t('about.mode')}</dt>
        <dd>{getBridge().kind === 'electron' ? t('about.modeElectron') : t('about.modeBrowser')}</dd>
        <dt>{t('about.server')}</dt>
        <dd data-testid="about-server">
          {client.api.serverUrl}
          {config && ` (${t(`about.source.${config.serverUrlSource}`)})`}
        </dd>
        <dt>{t('about.replica')}</dt>
        <dd data-testid="about-replica">
          {replica ? t('about.replicaValue', { size: formatBytes(replica.size), appeals: replica.appeals }) : '…'}
        </dd>
        <dt>{t('about.lastSync')}</dt>
        <dd data-testid="about-last-sync">{status.lastSyncAt ? formatDateTime(status.lastSyncAt) : t('about.never')}</dd>
        <dt>{t('about.updates')}</dt>
        <dd data-testid="about-updates">{updateText}</dd>
      </dl>
      <button type="button" onClick={onClose}>
        {t('about.close')}
      </button>
    </section>
  );
}
