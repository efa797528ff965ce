import { META, getCursor, getMeta } from './meta';
import type { OtklikDb } from './schema';

/**
 * A note, kept outside IndexedDB, that this profile's database held a replica. IndexedDB can be
 * emptied behind the workstation's back (a cleaning tool, a profile repair, a database the
 * browser found corrupt and recreated); without the note, an empty database looks like a first
 * start and would be silently refilled — hiding that unsent work may have gone with it.
 */
export interface ReplicaMarker {
  ownerId: string;
  cursor: number;
  at: string;
}

export interface MarkerStore {
  get(): ReplicaMarker | null;
  set(marker: ReplicaMarker): void;
  clear(): void;
}

/** The marker in localStorage, per database name; null where there is no localStorage. */
export function localStorageMarker(dbName: string): MarkerStore | null {
  let storage: Storage;
  try {
    if (typeof localStorage === 'undefined') return null;
    storage = localStorage;
  } catch {
    return null;
  }
  const key = `otklik.replica.${dbName}`;
  return {
    get() {
      try {
        const value = JSON.parse(storage.getItem(key) ?? 'null') as Partial<ReplicaMarker> | null;
        if (!value || typeof value.ownerId !== 'string' || typeof value.cursor !== 'number') return null;
        return { ownerId: value.ownerId, cursor: value.cursor, at: String(value.at ?? '') };
      } catch {
        return null;
      }
    },
    set(marker) {
      try {
        storage.setItem(key, JSON.stringify(marker));
      } catch {
        // localStorage full or refused: the check is a safety net, the sync goes on without it
      }
    },
    clear() {
      try {
        storage.removeItem(key);
      } catch {
        // as above
      }
    },
  };
}

/**
 * Is the database empty although the marker says it held a replica? True when the database has
 * no owner at all (it was made afresh) or its owner's cursor is back at zero. A database rebuilt
 * for another person who logged in (prepareReplica) has that person as owner: not a loss.
 */
export async function isReplicaLost(db: OtklikDb, marker: ReplicaMarker | null): Promise<boolean> {
  if (!marker || marker.cursor <= 0) return false;
  const owner = await getMeta<string>(db, META.ownerId);
  if (owner === undefined) return true;
  return owner === marker.ownerId && (await getCursor(db)) === 0;
}
