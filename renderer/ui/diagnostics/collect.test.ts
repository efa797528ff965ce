import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type OtklikDb } from '../../db/schema';
import { INITIAL_STATUS } from '../../sync/status';
import { CLERK } from '../../sync/testing/fake-server';
import { collectDiagnostics, formatBytes } from './collect';

let db: OtklikDb;
let name: string;

beforeEach(async () => {
  name = `diag-${crypto.randomUUID()}`;
  db = createDb(name);
  await db.meta.put({ key: 'clientId', value: 'client-42' });
  await db.outbox.bulkAdd([
    { id: 'm1', name: 'reply.submit', args: {}, createdAt: '2025-03-03T07:00:00.000Z', state: 'pending', appealId: 'a1', userId: CLERK.id },
    { id: 'm2', name: 'appeal.setStatus', args: {}, createdAt: '2025-03-03T07:05:00.000Z', state: 'rejected', code: 'stale_version', appealId: 'a1', userId: CLERK.id },
    { id: 'm3', name: 'note.add', args: {}, createdAt: '2025-03-03T07:06:00.000Z', state: 'rejected', code: 'forbidden', appealId: 'a2', userId: 'someone-else' },
  ]);
});

afterEach(async () => {
  db.close();
  await createDb(name).delete();
});

describe('diagnostics', () => {
  it('gathers what support asks for, without writing anything', async () => {
    const storage = { estimate: async () => ({ usage: 3_500_000, quota: 2_000_000_000 }), persisted: async () => false };
    const d = await collectDiagnostics(
      {
        db,
        serverUrl: 'https://otklik.region.ru',
        user: CLERK,
        status: { ...INITIAL_STATUS, connection: 'online', cursor: 1234, lastSyncAt: '2025-03-03T07:10:00.000Z', pending: 1, rejected: 1 },
        health: { readOnly: false, since: null },
        storage,
      },
      new Date('2025-03-03T08:00:00Z'),
    );
    expect(d).toMatchObject({
      collectedAt: '2025-03-03T08:00:00.000Z',
      serverUrl: 'https://otklik.region.ru',
      clientId: 'client-42',
      cursor: 1234,
      lastSyncAt: '2025-03-03T07:10:00.000Z',
      pending: 1,
      rejected: [{ name: 'appeal.setStatus', code: 'stale_version', appealId: 'a1' }],
      storage: { usage: 3_500_000, quota: 2_000_000_000, persisted: false, readOnly: false },
      records: { outbox: 3, appeals: 0 },
    });
    expect(d.appVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('a browser that cannot tell says «unknown» rather than failing', async () => {
    const d = await collectDiagnostics({ db, serverUrl: 'x', user: CLERK, status: INITIAL_STATUS, health: { readOnly: true, since: null }, storage: {} });
    expect(d.storage).toMatchObject({ usage: null, quota: null, persisted: null, readOnly: true });
  });

  it('sizes read as a person reads them', () => {
    expect(formatBytes(512)).toBe('512 Б');
    expect(formatBytes(3_500_000)).toBe('3,3 МБ');
    expect(formatBytes(null)).toBe('—');
  });
});
