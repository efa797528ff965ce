import { createDb, type OtklikDb } from './schema';

export * from './schema';
export * from './meta';

let instance: OtklikDb | null = null;

/** The one database of this window. */
export function getDb(): OtklikDb {
  instance ??= createDb();
  return instance;
}

/**
 * Asks the browser to keep this origin's storage under pressure: the replica and the outbox are
 * days of a clerk's work offline. Resolves to whether storage is persistent.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    if (!navigator.storage?.persist) return false;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}
export * from './drafts';
