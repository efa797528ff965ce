import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gunzipSync } from 'fflate';
import type { AppealEvent, Reply } from '../../shared/domain';
import type { Delivery } from '../../shared/channels/delivery';
import { createDb, type OtklikDb } from '../db/schema';
import { THREAD_PACK_SIZE } from '../db/thread-packs';
import { allAppeals, appealById, appealCount, ROW_PACK_SIZE } from '../db/row-packs';
import { ReplicaIndex } from '../ui/queue/replica-index';
import { undeliveredAppeals } from '../clerk/deliveries';
import { AppealSearch } from '../search/query';
import type { SyncClient } from './client';
import { clerkClient } from './testing/clients';
import { getSnapshotState, THREAD_WRITE_CHUNK, writeSnapshotPage } from './snapshot';
import { writePage } from './pull';
import { threadFrame } from '../../shared/thread-frames';
import { CLERK, COLLEAGUE, FakeServer, makeAppeal } from './testing/fake-server';
import { packedThread, storedHistory, storedNotes, storedReplies } from './testing/stored-threads';

/**
 * The closed appeals' rows and threads of the first download are kept many to a record
 * (db/row-packs.ts, db/thread-packs.ts). Whatever touches one afterwards (the log, what the clerk types, the
 * appeal leaving the scope) must see it whole, and the views that read by state must still find
 * what they look for.
 */
let db: OtklikDb;
let server: FakeServer;
const clients: SyncClient[] = [];

const makeClient = () => clerkClient(db, server, clients);

const at = (n: number) => `2025-03-03T07:${String(n).padStart(2, '0')}:00.000Z`;
const event = (appealId: string, n: number, kind: AppealEvent['kind'] = 'status_changed'): AppealEvent => ({ id: `ev-${appealId}-${n}`, appealId, actorId: null, actorName: null, kind, data: {}, version: n, at: at(n) });
const reply = (appealId: string, state: Reply['state'], body = 'Яма на дороге заделана'): Reply => ({
  id: `r-${appealId}`,
  appealId,
  authorId: COLLEAGUE.id,
  authorName: COLLEAGUE.displayName,
  body,
  attachments: [],
  state,
  createdAt: at(3),
  updatedAt: at(3),
});
const delivery = (appealId: string, state: Delivery['state']): Delivery => ({
  id: `d-${appealId}`,
  appealId,
  replyId: `r-${appealId}`,
  kind: 'reply',
  channelId: 'vk-main',
  platform: 'vk',
  state,
  attempts: 1,
  lastError: null,
  externalUrl: null,
  nextAttemptAt: null,
  createdAt: at(4),
  updatedAt: at(4),
  deliveredAt: null,
});

const CLOSED = THREAD_WRITE_CHUNK * 2 + 10;
const id = (i: number) => `c${String(i).padStart(4, '0')}`;

beforeEach(() => {
  db = createDb(`packs-${crypto.randomUUID()}`);
  server = new FakeServer();
  server.snapshots = true;
  server.snapshotPageSize = 1000;
  server.upsert('user', CLERK);
  server.upsert('user', COLLEAGUE);
  server.upsert('appeal', makeAppeal({ id: 'open1' }));
  server.upsert('event', event('open1', 1, 'received'));
  server.upsert('appeal', makeAppeal({ id: 'inproblem', status: 'closed', problemId: 'p1' }));
  for (let i = 0; i < CLOSED; i++) {
    server.upsert('appeal', makeAppeal({ id: id(i), status: 'closed' }));
    server.upsert('event', event(id(i), 1, 'received'));
    server.upsert('event', event(id(i), 2));
    server.upsert('reply', reply(id(i), 'published', i === 7 ? 'Контейнерная площадка вывезена' : 'Яма на дороге заделана'));
    server.upsert('delivery', delivery(id(i), 'delivered'));
  }
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.stop();
  db.close();
  await db.delete();
});

async function download(): Promise<SyncClient> {
  const client = makeClient();
  await client.start();
  await client.sync();
  await client.backfillIdle();
  return client;
}

describe('the closed threads kept a chunk to a record', () => {
  it('stores the closed threads many to a record, and each thread whole in it', async () => {
    await download();
    // Written a chunk to a transaction, each chunk in packs (the appeal in a problem is closed too).
    const chunks = [THREAD_WRITE_CHUNK, THREAD_WRITE_CHUNK, CLOSED + 1 - 2 * THREAD_WRITE_CHUNK];
    expect(await db.threadPacks.count()).toBe(chunks.reduce((n, c) => n + Math.ceil(c / THREAD_PACK_SIZE), 0));
    expect(await db.histories.get(id(0))).toBeUndefined();
    expect(await db.replies.count()).toBe(0);
    const thread = await packedThread(db, id(THREAD_WRITE_CHUNK + 3));
    expect(thread).toEqual(server.thread(id(THREAD_WRITE_CHUNK + 3)));
    expect(await storedHistory(db, id(0))).toMatchObject({ complete: true, events: [{ id: `ev-${id(0)}-1` }, { id: `ev-${id(0)}-2` }] });
    // The open appeal's thread came with the rows, into the tables.
    expect((await db.histories.get('open1'))?.complete).toBe(true);
  });

  it('keeps each closed thread as the gzip frame that came, smaller than its JSON, and reads it back whole', async () => {
    await download();
    expect(server.threadFramePages).toBe(1);
    const pack = await db.threadPacks.where('ids').equals(id(12)).first();
    const kept = pack!.docs[pack!.ids.indexOf(id(12))]!;
    expect(kept).toBeInstanceOf(Uint8Array);
    const json = gunzipSync(kept);
    expect(JSON.parse(new TextDecoder().decode(json))).toEqual(server.thread(id(12)));
    expect(kept.length).toBeLessThan(json.length);
    expect(await packedThread(db, id(12))).toEqual(server.thread(id(12)));
  });

  it('from an older server that sends the closed threads as JSON, the same packs', async () => {
    server.threadFrames = false;
    await download();
    expect(server.threadFramePages).toBe(0);
    expect(await db.replies.count()).toBe(0);
    for (const i of [0, THREAD_WRITE_CHUNK + 3, CLOSED - 1]) expect(await packedThread(db, id(i))).toEqual(server.thread(id(i)));
  });

  it('a closed appeal the log touches later has its whole thread back in the tables, with what the log brought', async () => {
    const client = await download();
    server.upsert('appeal', makeAppeal({ id: id(5), status: 'in_progress', version: 2 }));
    server.upsert('event', event(id(5), 9));
    server.upsert('note', { id: 'n-late', appealId: id(5), authorId: COLLEAGUE.id, authorName: COLLEAGUE.displayName, body: 'Житель написал снова', createdAt: at(9) } as never);
    await client.sync();
    expect(await packedThread(db, id(5))).toBeUndefined();
    expect((await db.histories.get(id(5)))?.events.map((e) => e.id)).toEqual([`ev-${id(5)}-1`, `ev-${id(5)}-2`, `ev-${id(5)}-9`]);
    expect((await db.replies.get(`r-${id(5)}`))?.body).toBe('Яма на дороге заделана');
    expect((await db.deliveries.get(`d-${id(5)}`))?.state).toBe('delivered');
    // The rest of its chunk stays packed.
    expect(await packedThread(db, id(4))).toBeDefined();
    const stored = new Map([...(await storedReplies(db))].map((r) => [r.id, r]));
    expect(stored.size).toBe(CLOSED);
  });

  it('a note the clerk adds to a packed appeal joins its thread, nothing of it lost', async () => {
    const client = await download();
    await client.addNote(id(60), 'Позвонила жителю');
    const notes = (await storedNotes(db)).filter((n) => n.appealId === id(60));
    expect(notes.map((n) => n.body)).toEqual(['Позвонила жителю']);
    expect((await db.replies.get(`r-${id(60)}`))?.state).toBe('published');
    expect((await db.histories.get(id(60)))?.events).toHaveLength(2);
    expect(await packedThread(db, id(60))).toBeUndefined();
  });

  it('an appeal that leaves the scope takes its packed thread with it', async () => {
    const client = await download();
    server.remove('appeal', id(1));
    await client.sync();
    expect(await appealById(db, id(1))).toBeUndefined();
    expect(await storedHistory(db, id(1))).toBeUndefined();
    expect((await storedReplies(db)).some((r) => r.appealId === id(1))).toBe(false);
    expect(await packedThread(db, id(2))).toBeDefined();
  });

  it('a closed thread read before its appeal left the scope, and written after the log took the appeal away, is not kept; one that came back is', async () => {
    // The download stops after the rows: the threads' first page is never answered.
    server.beforeSnapshotPage = (phase) => {
      if (phase === 'threads') throw new TypeError('Failed to fetch');
    };
    const client = await download();
    client.stop();
    const state = (await getSnapshotState(db))!;
    expect(state.phase).toBe('threads');
    const docs = [id(4), id(5), id(6)].map((appealId) => ({ appealId, settled: true, bytes: threadFrame(server.thread(appealId)) }));
    // The pull, meanwhile: id(5) leaves the scope, and id(6) leaves and comes back.
    const seq = server.head;
    await writePage(db, { changes: [{ seq: seq + 1, entity: 'appeal', op: 'delete', id: id(5) }, { seq: seq + 2, entity: 'appeal', op: 'delete', id: id(6) }], cursor: seq + 2, hasMore: false });
    await writePage(db, { changes: [{ seq: seq + 3, entity: 'appeal', op: 'upsert', id: id(6), data: makeAppeal({ id: id(6), status: 'closed' }) }], cursor: seq + 3, hasMore: false });
    const written = await writeSnapshotPage(db, state, 'threads', { head: state.head, appeals: [], threads: [], docs, next: id(6) });
    expect(written?.threads).toBe(2);
    expect(await packedThread(db, id(5))).toBeUndefined();
    expect(await packedThread(db, id(4))).toEqual(server.thread(id(4)));
    expect(await packedThread(db, id(6))).toEqual(server.thread(id(6)));
  });

  it('a thread with a reply awaiting approval or a failed delivery stays where «На согласовании» and «Не доставлено» read', async () => {
    server.upsert('reply', reply(id(3), 'submitted'));
    server.upsert('delivery', delivery(id(4), 'failed'));
    await download();
    expect(await packedThread(db, id(3))).toBeUndefined();
    expect(await db.replies.where('state').equals('submitted').primaryKeys()).toEqual([`r-${id(3)}`]);
    expect([...(await undeliveredAppeals(db))]).toEqual([id(4)]);
    expect(await packedThread(db, id(5))).toBeDefined();
  });

  it('search finds the words of a reply kept in a pack', async () => {
    await download();
    const search = new AppealSearch(db);
    expect([...((await search.search('контейнерной')) ?? [])]).toEqual([id(7)]);
  });
});

describe('the closed rows kept a hundred to a record', () => {
  it('stores the closed rows in packs and the open ones, and those in a problem, in the table its indexes serve', async () => {
    await download();
    expect(await db.rowPacks.count()).toBe(Math.ceil(CLOSED / ROW_PACK_SIZE));
    expect((await db.appeals.toCollection().primaryKeys()).sort()).toEqual(['inproblem', 'open1']);
    expect(await db.appeals.where('problemId').equals('p1').primaryKeys()).toEqual(['inproblem']);
    expect(await appealCount(db)).toBe(CLOSED + 2);
    expect((await appealById(db, id(42)))?.status).toBe('closed');
    // The queue's in-memory index, the source of every list and filter, holds them all.
    const index = new ReplicaIndex(db);
    index.start();
    await index.ready();
    expect(index.items.size).toBe(CLOSED + 2);
    expect(index.items.get(id(42))?.status).toBe('closed');
    index.stop();
  });

  it('a packed row the log changes is read from the table from then on, once', async () => {
    const client = await download();
    server.upsert('appeal', makeAppeal({ id: id(42), status: 'in_progress', version: 2 }));
    await client.sync();
    expect((await appealById(db, id(42)))?.status).toBe('in_progress');
    const all = await allAppeals(db);
    expect(all.filter((a) => a.id === id(42)).map((a) => a.status)).toEqual(['in_progress']);
    expect(all).toHaveLength(CLOSED + 2);
    expect(await db.appeals.where('status').equals('in_progress').primaryKeys()).toEqual([id(42)]);
  });

  it('a change the clerk makes offline to a packed appeal shows at once and goes out', async () => {
    const client = await download();
    server.reachable = false;
    await client.assign(id(43), COLLEAGUE.id);
    expect((await appealById(db, id(43)))?.assigneeId).toBe(COLLEAGUE.id);
    expect((await allAppeals(db)).filter((a) => a.id === id(43))).toHaveLength(1);
    server.reachable = true;
    await client.sync();
    expect(server.pushed.map((m) => m.name)).toEqual(['appeal.assign']);
  });
});
