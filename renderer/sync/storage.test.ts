import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredSession } from '../../shared/bridge';
import { createDb, type OtklikDb } from '../db/schema';
import { saveDraft } from '../db/drafts';
import { exportUnsent, isQuotaError, StorageHealth } from '../db/health';
import type { MarkerStore, ReplicaMarker } from '../db/replica-marker';
import { SyncClient } from './client';
import { CLERK, COLLEAGUE, FakeServer, makeAppeal } from './testing/fake-server';

let name: string;
let db: OtklikDb;
let server: FakeServer;
let health: StorageHealth;
let marker: MarkerStore & { value: ReplicaMarker | null };
const clients: SyncClient[] = [];

function memoryMarker(): MarkerStore & { value: ReplicaMarker | null } {
  return {
    value: null,
    get() {
      return this.value;
    },
    set(m) {
      this.value = m;
    },
    clear() {
      this.value = null;
    },
  };
}

function makeClient(user = CLERK): SyncClient {
  const session: StoredSession = { user, accessToken: server.accessToken, refreshToken: server.refreshToken, serverUrl: 'http://server' };
  const client = new SyncClient({ db, session, saveSession: () => undefined, fetch: server.fetch, createEventSource: null, events: null, health, replicaMarker: marker });
  clients.push(client);
  return client;
}

/** The disk is full: every write IndexedDB is asked for fails as Chromium fails it. */
function fillDisk() {
  const full = () => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  return [vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(full), vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(full)];
}

beforeEach(() => {
  name = `storage-${crypto.randomUUID()}`;
  db = createDb(name);
  server = new FakeServer();
  health = new StorageHealth();
  marker = memoryMarker();
  server.upsert('user', CLERK);
  server.upsert('user', COLLEAGUE);
  server.upsert('appeal', makeAppeal({ id: 'a1' }));
  server.upsert('appeal', makeAppeal({ id: 'a2' }));
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of clients.splice(0)) c.stop();
  db.close();
  await createDb(name).delete();
});

describe('a full disk', () => {
  it('switches to read-only, keeps the outbox and drafts, and refuses new changes without writing half of them', async () => {
    const c = makeClient();
    await c.start();
    await c.sync();
    server.reachable = false;
    await c.submitReply('a1', 'Ответ, который ждёт связи');
    await saveDraft(db, CLERK.id, 'a2', 'Недописанный ответ');

    const disk = fillDisk();
    await expect(c.submitReply('a2', 'ещё один ответ')).rejects.toSatisfy(isQuotaError);
    expect(health.get().readOnly).toBe(true);
    // The next change is refused before anything is written.
    disk.forEach((s) => s.mockClear());
    await expect(c.addNote('a2', 'заметка')).rejects.toMatchObject({ name: 'StorageReadOnlyError' });
    expect(disk[0]!.mock.calls.length + disk[1]!.mock.calls.length).toBe(0);

    // Nothing was deleted to make room; the unsent work can be saved to a file.
    expect(await db.outbox.count()).toBe(1);
    const file = await exportUnsent(db, new Date('2025-03-03T10:00:00Z'));
    expect(file).toMatchObject({ kind: 'otklik-unsent', exportedAt: '2025-03-03T10:00:00.000Z' });
    expect(file.outbox).toMatchObject([{ name: 'reply.submit', state: 'pending', args: { body: 'Ответ, который ждёт связи' } }]);
    expect(file.drafts).toMatchObject([{ appealId: 'a2', body: 'Недописанный ответ' }]);
    expect(JSON.parse(JSON.stringify(file))).toEqual(file);
  });

  it('still sends the outbox while full, and is writable again once there is room', async () => {
    const c = makeClient();
    await c.start();
    await c.sync();
    server.reachable = false;
    await c.submitReply('a1', 'ответ');
    server.reachable = true;

    const disk = fillDisk();
    server.upsert('appeal', makeAppeal({ id: 'a3' }));
    await c.sync();
    expect(health.get().readOnly).toBe(true);
    expect(c.status.get().error).toBe('storage_full');
    // The reply reached the server even though its acknowledgement could not be written.
    expect(server.pushed.map((m) => m.args)).toMatchObject([{ body: 'ответ' }]);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.appeals.get('a3')).toBeUndefined();

    disk.forEach((s) => s.mockRestore());
    await c.sync();
    expect(health.get().readOnly).toBe(false);
    expect(c.status.get()).toMatchObject({ error: null, pending: 0 });
    expect(await db.appeals.get('a3')).toBeDefined();
    // Sent again and recognised by its id: the server stores it once.
    expect(new Set(server.pushed.map((m) => m.id)).size).toBe(1);
  });

  it('a quota error wrapped by Dexie (a bulk write, or an aborted transaction) is recognised', () => {
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError({ name: 'BulkError', failures: [{ name: 'QuotaExceededError' }] })).toBe(true);
    expect(isQuotaError(new TypeError('Failed to fetch'))).toBe(false);
  });
});

describe('a database found empty where it had data', () => {
  it('is reported, not refilled, until the person asks for a new download', async () => {
    const first = makeClient();
    await first.start();
    await first.sync();
    expect(marker.value).toMatchObject({ ownerId: CLERK.id, cursor: server.head });
    first.stop();

    // Something wiped the database behind the workstation's back.
    db.close();
    await createDb(name).delete();
    db = createDb(name);
    const requestsBefore = server.requests.length;

    const c = makeClient();
    await c.start();
    await c.sync();
    expect(c.status.get().replicaLost).toBe(true);
    expect(server.requests.length).toBe(requestsBefore);
    expect(await db.appeals.count()).toBe(0);

    await c.confirmRedownload();
    await c.sync();
    expect(c.status.get()).toMatchObject({ replicaLost: false, connection: 'online' });
    expect(await db.appeals.count()).toBe(2);
  });

  it('a first start, or another person logging in on this PC, is not a loss', async () => {
    const c = makeClient();
    await c.start();
    await c.sync();
    expect(c.status.get().replicaLost).toBe(false);
    c.stop();

    const colleague = makeClient(COLLEAGUE);
    await colleague.start();
    await colleague.sync();
    expect(colleague.status.get().replicaLost).toBe(false);
    expect(marker.value?.ownerId).toBe(COLLEAGUE.id);
  });
});
