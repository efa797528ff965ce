import type { OtklikDb } from './schema';

/** Keys of the meta table: small facts about the replica. */
export const META = {
  /** seq of the last change written locally; the next pull starts after it. */
  cursor: 'cursor',
  /** This workstation's id for the server's per-client idempotency. */
  clientId: 'clientId',
  /** ISO time of the last pull that reached the end of the change log. */
  lastSyncAt: 'lastSyncAt',
  /** The user whose scope the replica holds. */
  ownerId: 'ownerId',
  /**
   * While the closed appeals' threads download (sync/snapshot.ts): the appeals the log has taken
   * out of the scope meanwhile (string[]), whose threads, still on their way, are not to be kept.
   * Absent at any other time.
   */
  leftScope: 'snapshotLeftScope',
} as const;

export async function getMeta<T>(db: OtklikDb, key: string): Promise<T | undefined> {
  const row = await db.meta.get(key);
  return row?.value as T | undefined;
}

export async function setMeta(db: OtklikDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

export async function getCursor(db: OtklikDb): Promise<number> {
  return (await getMeta<number>(db, META.cursor)) ?? 0;
}

/** The workstation's client id, made once and kept with the replica. */
export async function getClientId(db: OtklikDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await getMeta<string>(db, META.clientId);
    if (existing) return existing;
    const id = crypto.randomUUID();
    await setMeta(db, META.clientId, id);
    return id;
  });
}
