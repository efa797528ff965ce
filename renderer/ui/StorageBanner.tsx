import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { getDb } from '../db';
import { useCurrent } from './hooks/use-current';
import { useSyncStatus } from './hooks/use-sync-status';
import { downloadUnsent } from './diagnostics/download';

/**
 * The two storage troubles a clerk must hear about: a full disk (the workstation is read-only,
 * the unsent work is kept and can be saved to a file — nothing is deleted to make room) and a
 * local database found empty although it held data (reported, and refilled only when asked).
 */
export function StorageBanner() {
  const { t } = useTranslation();
  const { client } = useCurrent();
  const status = useSyncStatus(client);
  const health = useSyncExternalStore(client.health.subscribe, client.health.get);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  if (!health.readOnly && !status.replicaLost) return null;

  const save = async () => {
    try {
      setNote(t('storage.saved', { name: await downloadUnsent(getDb()) }));
    } catch {
      setNote(t('storage.saveFailed'));
    }
  };

  const retry = async () => {
    setBusy(true);
    const writable = await client.health.probe(getDb());
    setBusy(false);
    setNote(writable ? '' : t('storage.stillFull'));
    if (writable) void client.sync();
  };

  return (
    <div className="storage-banners">
      {health.readOnly && (
        <div role="alert" className="banner banner-error storage-banner">
          <strong>{t('storage.fullTitle')}</strong> {t('storage.full')}
          <div className="button-row">
            <button type="button" onClick={() => void save()}>
              {t('storage.saveUnsent')}
            </button>
            <button type="button" disabled={busy} onClick={() => void retry()}>
              {t('storage.retry')}
            </button>
          </div>
        </div>
      )}
      {status.replicaLost && (
        <div role="alert" className="banner banner-error storage-banner">
          <strong>{t('storage.lostTitle')}</strong> {t('storage.lost')}
          <div className="button-row">
            <button type="button" onClick={() => void client.confirmRedownload()}>
              {t('storage.redownload')}
            </button>
          </div>
        </div>
      )}
      {note && (
        <p aria-live="polite" className="hint">
          {note}
        </p>
      )}
    </div>
  );
}
