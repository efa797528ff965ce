import { version as APP_VERSION } from '../../../package.json';
import { persistenceAnswer, storageInfo, type OtklikDb, type StorageInfo } from '../../db';
import type { StorageHealthState } from '../../db/health';
import type { SyncStatus } from '../../sync/status';

/** What support asks for when a clerk calls: the state of this workstation's sync and storage. */
export interface Diagnostics {
  collectedAt: string;
  appVersion: string;
  serverUrl: string;
  clientId: string;
  user: { id: string; name: string; role: string };
  connection: SyncStatus['connection'];
  error: string | null;
  live: boolean;
  cursor: number;
  lastSyncAt: string | null;
  pending: number;
  rejected: Array<{ name: string; code: string | null; createdAt: string; appealId: string }>;
  storage: StorageInfo & { persistRequested: boolean | null; readOnly: boolean };
  records: Record<string, number>;
  userAgent: string;
}

export interface DiagnosticsSource {
  db: OtklikDb;
  serverUrl: string;
  user: { id: string; displayName: string; role: string };
  status: SyncStatus;
  health: StorageHealthState;
  storage?: Partial<StorageManager>;
}

const COUNTED = ['appeals', 'replies', 'notes', 'histories', 'outbox', 'drafts'] as const;

/** Reads only (it must work on a full disk); each part that fails is left out, not fatal. */
export async function collectDiagnostics(src: DiagnosticsSource, now: Date = new Date()): Promise<Diagnostics> {
  const [clientId, storage, rejected, ...counts] = await Promise.all([
    getClientIdReadOnly(src.db),
    storageInfo(src.storage ?? globalThis.navigator?.storage),
    src.db.outbox
      .where('state')
      .equals('rejected')
      .filter((e) => e.userId === src.user.id)
      .toArray()
      .catch(() => []),
    ...COUNTED.map((t) => src.db.table(t).count().catch(() => -1)),
  ]);
  return {
    collectedAt: now.toISOString(),
    appVersion: APP_VERSION,
    serverUrl: src.serverUrl,
    clientId,
    user: { id: src.user.id, name: src.user.displayName, role: src.user.role },
    connection: src.status.connection,
    error: src.status.error,
    live: src.status.live,
    cursor: src.status.cursor,
    lastSyncAt: src.status.lastSyncAt,
    pending: src.status.pending,
    rejected: rejected.map((e) => ({ name: e.name, code: e.code ?? null, createdAt: e.createdAt, appealId: e.appealId })),
    storage: { ...storage, persistRequested: persistenceAnswer(), readOnly: src.health.readOnly },
    records: Object.fromEntries(COUNTED.map((t, i) => [t, counts[i] as number])),
    userAgent: globalThis.navigator?.userAgent ?? '',
  };
}

/** The client id without making one: diagnostics never write. */
async function getClientIdReadOnly(db: OtklikDb): Promise<string> {
  try {
    const row = await db.meta.get('clientId');
    return typeof row?.value === 'string' ? row.value : '';
  } catch {
    return '';
  }
}

/** «1,5 МБ» — sizes as a person reads them. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || bytes < 0) return '—';
  const units = ['Б', 'КБ', 'МБ', 'ГБ', 'ТБ'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 ? String(value) : value.toLocaleString('ru-RU', { maximumFractionDigits: 1 });
  return `${text} ${units[unit]}`;
}
