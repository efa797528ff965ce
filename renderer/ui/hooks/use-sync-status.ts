import { useSyncExternalStore } from 'react';
import { INITIAL_STATUS, type SyncClient, type SyncStatus } from '../../sync';

const noop = () => () => undefined;

/** The sync client's status, re-rendering on every change. */
export function useSyncStatus(client: SyncClient | null): SyncStatus {
  return useSyncExternalStore(client ? client.status.subscribe : noop, client ? client.status.get : () => INITIAL_STATUS);
}
