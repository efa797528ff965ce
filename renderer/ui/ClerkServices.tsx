import { useEffect, useLayoutEffect, useRef } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { uploadQueued } from '../clerk/uploads';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../bridge';
import { getDb } from '../db';
import { NotificationWatcher } from '../notifications/watcher';
import { useSyncStatus } from './hooks/use-sync-status';
import { useCurrent } from './hooks/use-current';
import { getAppealSearch, getReplicaIndex } from './queue/index-context';
import { useQueue } from './queue/queue-store';
import { OPEN_STATUSES } from '../../shared/domain';
import { refreshWorkCalendar } from '../clerk/calendar';

/**
 * Background work of the clerk's screen: the queue's projection of the replica, the search
 * index's warm-up, and the person's saved queue preferences. Renders nothing.
 */
export function ClerkServices() {
  const { user, client } = useCurrent();
  const status = useSyncStatus(client);
  const queued = useLiveQuery(() => getDb().attachments.where('state').equals('queued').count(), []) ?? 0;
  const uploading = useRef(false);
  // Before the first paint: the queue opens on the view the person left it on.
  useLayoutEffect(() => {
    useQueue.getState().load(user.id);
    getReplicaIndex().setUser(user.id);
    void getReplicaIndex().preload(user.id, OPEN_STATUSES);
  }, [user.id]);
  const { t } = useTranslation();
  // What happens to this person's work becomes notifications (the bell and the desktop).
  useEffect(() => {
    const watcher = new NotificationWatcher({
      db: getDb(),
      index: getReplicaIndex(),
      userId: user.id,
      supervisor: user.role !== 'clerk',
      bridge: getBridge(),
      t,
      bootstrapping: () => client.status.get().bootstrapping || client.status.get().lastSyncAt === null,
    });
    watcher.start();
    return () => watcher.stop();
  }, [client, user.id, user.role, t]);

  // The region's own calendar days, for deadline colours and notices (kept for offline days).
  useEffect(() => {
    void refreshWorkCalendar(client);
    const timer = setInterval(() => void refreshWorkCalendar(client), 30 * 60_000);
    return () => clearInterval(timer);
  }, [client]);

  useEffect(() => {
    const index = getReplicaIndex();
    const search = getAppealSearch();
    // The reply map is built once the queue is on screen, not while it is being read.
    void index.ready().then(() => search.warm());
  }, []);
  // Files of sent replies go up whenever there is something to send and the server answers.
  useEffect(() => {
    if (queued === 0 || status.connection !== 'online' || uploading.current) return;
    uploading.current = true;
    void uploadQueued(client).finally(() => {
      uploading.current = false;
    });
  }, [queued, status.connection, status.lastSyncAt, client]);

  return null;
}
