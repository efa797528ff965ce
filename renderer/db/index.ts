import { createDb, type OtklikDb } from './schema';

export * from './schema';
export * from './meta';

let instance: OtklikDb | null = null;

/** The one database of this window. */
export function getDb(): OtklikDb {
  instance ??= createDb();
  return instance;
}

/** What the browser answered to the request for persistent storage; null until asked. */
let persistAnswer: boolean | null = null;

export function persistenceAnswer(): boolean | null {
  return persistAnswer;
}

/**
 * Asks the browser to keep this origin's storage under pressure: the replica and the outbox are
 * days of a clerk's work offline. Resolves to whether storage is persistent (and remembers it for
 * the diagnostics view).
 */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    if (!navigator.storage?.persist) return (persistAnswer = false);
    if (await navigator.storage.persisted()) return (persistAnswer = true);
    return (persistAnswer = await navigator.storage.persist());
  } catch {
    return (persistAnswer = false);
  }
}

export interface StorageInfo {
  /** Bytes this origin uses and may use, as the browser estimates them; null where unknown. */
  usage: number | null;
  quota: number | null;
  /** Whether the browser keeps this origin's data under storage pressure; null where unknown. */
  persisted: boolean | null;
}

export async function storageInfo(storage: Partial<StorageManager> | undefined = globalThis.navigator?.storage): Promise<StorageInfo> {
  const [estimate, persisted] = await Promise.all([
    storage?.estimate?.().catch(() => null) ?? null,
    storage?.persisted?.().catch(() => null) ?? null,
  ]);
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
}

export * from './drafts';
export * from './health';
export * from './replica-marker';
export * from './thread-packs';
export * from './row-packs';
