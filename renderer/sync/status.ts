import type { DownloadProgress } from './snapshot';

/** What the status bar shows about synchronisation. */
export type Connection = 'online' | 'offline' | 'syncing' | 'error';

export interface SyncStatus {
  connection: Connection;
  /** This user's outbox entries waiting for the server. */
  pending: number;
  /** This user's outbox entries the server refused, until dismissed. */
  rejected: number;
  lastSyncAt: string | null;
  cursor: number;
  /** Why the last sync failed: an error code of the protocol, or 'network' / 'storage_full' / 'protocol'. */
  error: string | null;
  /** The refresh token was refused: the person must log in again. */
  sessionExpired: boolean;
  /** The live channel is connected (pokes arrive without polling). */
  live: boolean;
  /** The first sync of an empty replica is running. */
  bootstrapping: boolean;
  /**
   * The database was found empty although it held a replica (see db/replica-marker.ts): nothing
   * is synced until the person has read that and asked for a fresh download.
   */
  replicaLost: boolean;
  /** How much of the first download has arrived, while it runs (sync/snapshot.ts); null otherwise. */
  download: DownloadProgress | null;
}

export const INITIAL_STATUS: SyncStatus = {
  connection: 'offline',
  pending: 0,
  rejected: 0,
  lastSyncAt: null,
  cursor: 0,
  error: null,
  sessionExpired: false,
  live: false,
  bootstrapping: false,
  replicaLost: false,
  download: null,
};

/** A tiny observable value, shaped for React's useSyncExternalStore. */
export class StatusStore {
  private value: SyncStatus = INITIAL_STATUS;
  private readonly listeners = new Set<() => void>();

  get = (): SyncStatus => this.value;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(patch: Partial<SyncStatus>): void {
    let changed = false;
    for (const key of Object.keys(patch) as (keyof SyncStatus)[]) {
      if (patch[key] !== this.value[key]) changed = true;
    }
    if (!changed) return;
    this.value = { ...this.value, ...patch };
    for (const listener of this.listeners) listener();
  }
}
