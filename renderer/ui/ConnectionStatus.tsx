import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../sync';
import { formatTime } from '../i18n/format';
import { errorMessage } from '../i18n';

/** A quick poke-and-pull shows no «Синхронизация…» flicker; only a sync longer than this does. */
const SYNCING_SHOWN_AFTER_MS = 600;

function useShownConnection(status: SyncStatus): SyncStatus['connection'] | 'sessionExpired' {
  const [showSyncing, setShowSyncing] = useState(false);
  useEffect(() => {
    if (status.connection !== 'syncing') {
      setShowSyncing(false);
      return;
    }
    const timer = setTimeout(() => setShowSyncing(true), status.bootstrapping ? 0 : SYNCING_SHOWN_AFTER_MS);
    return () => clearTimeout(timer);
  }, [status.connection, status.bootstrapping]);
  if (status.sessionExpired) return 'sessionExpired';
  if (status.connection === 'syncing') {
    // While online, a quick sync keeps saying «В сети»; after a failure, trying again shows at once.
    return showSyncing || status.error || !status.lastSyncAt ? 'syncing' : 'online';
  }
  return status.connection;
}

/** «В сети» / «Нет связи» / «Синхронизация…» in words, not only colour, announced politely. */
export function ConnectionStatus({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const shown = useShownConnection(status);
  return (
    <span role="status" className={`connection-state connection-${shown}`}>
      <span aria-hidden="true" className="dot" />
      {t(`connection.${shown}`)}
    </span>
  );
}

/**
 * The line under the status bar: why the last sync failed, or when it last succeeded. Always one
 * line high, so a message coming or going never moves the controls under the clerk's pointer.
 */
export function ConnectionDetail({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const failed = status.error !== null && status.error !== 'unauthorized' && status.connection !== 'syncing';
  const text = failed
    ? errorMessage(status.error)
    : status.lastSyncAt
      ? t('connection.lastSync', { time: formatTime(status.lastSyncAt) })
      : t('connection.neverSynced');
  const tone = !failed ? 'hint' : status.connection === 'offline' ? 'detail-offline' : 'detail-error';
  return (
    <p className={`header-detail ${tone}`} title={text}>
      {text}
    </p>
  );
}
