import type { OtklikDb } from './schema';

/**
 * Whether this workstation can still write to its database. A full disk or an exhausted quota
 * switches it to read-only: nothing is deleted to make room (the outbox and the drafts are what
 * the clerk typed), new changes are refused with a clear message, and the unsent work can be
 * saved to a file. A successful test write switches it back.
 */
export interface StorageHealthState {
  readOnly: boolean;
  /** When the last quota error was seen (ISO). */
  since: string | null;
}

export class StorageReadOnlyError extends Error {
  constructor() {
    super('Local storage is full: the workstation is read-only');
    this.name = 'StorageReadOnlyError';
  }
}

/** A quota or disk-full error, as IndexedDB or Dexie report it (possibly wrapped). */
export function isQuotaError(error: unknown): boolean {
  const e = error as { name?: string; inner?: { name?: string }; failures?: unknown[] } | null;
  if (!e) return false;
  if (e.name === 'QuotaExceededError' || e.name === 'StorageReadOnlyError' || e.inner?.name === 'QuotaExceededError') return true;
  // A bulk write reports each failed record.
  return Array.isArray(e.failures) && e.failures.some((f) => isQuotaError(f));
}

export class StorageHealth {
  private state: StorageHealthState = { readOnly: false, since: null };
  private readonly listeners = new Set<() => void>();

  get = (): StorageHealthState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Looks at a failed write; a quota error switches to read-only. Returns whether it was one. */
  report(error: unknown): boolean {
    if (!isQuotaError(error)) return false;
    if (!this.state.readOnly) this.set({ readOnly: true, since: new Date().toISOString() });
    return true;
  }

  /** Throws while read-only: a new change would fail to be written half-way, or not at all. */
  assertWritable(): void {
    if (this.state.readOnly) throw new StorageReadOnlyError();
  }

  /** Tries a small write; when it goes through, the workstation is writable again. */
  async probe(db: OtklikDb): Promise<boolean> {
    try {
      await db.transaction('rw', db.meta, async () => {
        await db.meta.put({ key: 'storageProbe', value: new Date().toISOString() });
        await db.meta.delete('storageProbe');
      });
    } catch (error) {
      this.report(error);
      return false;
    }
    if (this.state.readOnly) this.set({ readOnly: false, since: null });
    return true;
  }

  private set(state: StorageHealthState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

/** The one store of this window (each test makes its own). */
export const storageHealth = new StorageHealth();

/** Everything not yet on the server, as a file a person can keep, send or open in a text editor. */
export interface UnsentExport {
  kind: 'otklik-unsent';
  version: 1;
  exportedAt: string;
  clientId: string | null;
  outbox: unknown[];
  drafts: unknown[];
}

/** Reads only: works on a full disk. Includes every person's entries of this PC. */
export async function exportUnsent(db: OtklikDb, now: Date = new Date()): Promise<UnsentExport> {
  const [outbox, drafts, clientId] = await Promise.all([
    db.outbox.toArray(),
    db.drafts.toArray(),
    db.meta.get('clientId').then((row) => (typeof row?.value === 'string' ? row.value : null)),
  ]);
  return { kind: 'otklik-unsent', version: 1, exportedAt: now.toISOString(), clientId, outbox, drafts };
}

export function unsentFileName(now: Date = new Date()): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[:T]/g, '-');
  return `otklik-neotpravlennoe-${stamp}.json`;
}
