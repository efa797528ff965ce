import 'fake-indexeddb/auto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDb, type OtklikDb } from '../db/schema';
import { makeAppeal } from '../sync/testing/fake-server';
import { writePage } from '../sync/pull';
import { serveSearch, type ServedPort } from './protocol';
import { AppealSearch } from './query';
import { WorkerSearch, type SearchPort } from './search-client';

/**
 * The window's side of search against a worker's side over a real message channel; the worker's
 * engine has its own connection to the database, as in the app.
 */
let name: string;
let db: OtklikDb;
let workerDb: OtklikDb;
let channel: MessageChannel;
let client: WorkerSearch;

const asPort = (port: MessagePort) => {
  const listen = (type: string, listener: (event: unknown) => void) => port.addEventListener(type, listener as never);
  return { postMessage: (m: unknown) => port.postMessage(m), addEventListener: listen, start: () => port.start() };
};

beforeEach(async () => {
  name = `search-client-${crypto.randomUUID()}`;
  db = createDb(name);
  workerDb = createDb(name);
  channel = new MessageChannel();
  const served = asPort(channel.port2);
  const engine = new AppealSearch(workerDb, { listen: false, slice: false });
  engine.start();
  serveSearch(engine, served as unknown as ServedPort);
  served.start();
  const port = asPort(channel.port1);
  client = new WorkerSearch(db, port as unknown as SearchPort, () => new AppealSearch(db));
  port.start();
  client.start();
  await writePage(db, {
    cursor: 1,
    hasMore: false,
    changes: [{ seq: 1, entity: 'appeal', id: 'roads', op: 'upsert', data: makeAppeal({ id: 'roads', text: 'Разбита дорога у школы' }) }],
  });
});

afterEach(async () => {
  client.stop();
  channel.port1.close();
  channel.port2.close();
  db.close();
  workerDb.close();
  await db.delete();
});

const ids = async (q: string) => [...((await client.search(q)) ?? [])].sort();

it('answers a search from the index the other side built', async () => {
  await client.warm();
  expect(await ids('дороги')).toEqual(['roads']);
  expect(await client.search('   ')).toBeNull();
});

it('finds a reply written just before the search: the write reaches the index first', async () => {
  await client.warm();
  await db.replies.put({ id: 'r1', appealId: 'roads', authorId: 'u', authorName: 'И', body: 'Подрядчик заасфальтирует яму', attachments: [], state: 'published', createdAt: '2025-03-03T07:00:00.000Z', updatedAt: '2025-03-03T07:00:00.000Z' });
  expect(await ids('заасфальтирует')).toEqual(['roads']);
  await db.appeals.delete('roads');
  expect(await ids('дорога')).toEqual([]);
});

it('says when a result shown may be stale: a write to what it reads moves the count and tells subscribers, and a search asked then finds it', async () => {
  await client.warm();
  const reply = { id: 'r2', appealId: 'roads', authorId: 'u', authorName: 'И', body: 'Прожекторы заменят до пятницы', attachments: [], state: 'published' as const, createdAt: '2025-03-03T07:00:00.000Z', updatedAt: '2025-03-03T07:00:00.000Z' };
  // The clerk types the words while the reply is still being written.
  const before = client.changes();
  const told = new Promise<void>((resolve) => {
    const unsubscribe = client.subscribe(() => {
      unsubscribe();
      resolve();
    });
  });
  await Promise.all([ids('прожектор'), db.replies.put(reply)]);
  await told;
  expect(client.changes()).toBeGreaterThan(before);
  expect(await ids('прожектор')).toEqual(['roads']);
  // A write to something search does not read does not make a result stale.
  const now = client.changes();
  await db.meta.put({ key: 'lastSyncAt', value: '2025-03-03T08:00:00.000Z' });
  expect(client.changes()).toBe(now);
});

it('builds the index on this thread when the worker fails to start, and answers what was already asked', async () => {
  const listeners: Record<string, ((e: unknown) => void)[]> = {};
  const dead: SearchPort = {
    postMessage: () => undefined,
    addEventListener: (type: string, l: (e: never) => void) => void (listeners[type] ??= []).push(l as (e: unknown) => void),
  } as SearchPort;
  const local = new WorkerSearch(db, dead, () => new AppealSearch(db));
  local.start();
  const asked = local.search('дорога');
  for (const l of listeners.error ?? []) l(new Event('error'));
  expect([...((await asked) ?? [])]).toEqual(['roads']);
  await db.appeals.put(makeAppeal({ id: 'light', text: 'Не горят фонари' }));
  expect([...((await local.search('фонарь')) ?? [])]).toEqual(['light']);
  local.stop();
});
