import { threadBytes } from '../../shared/thread-frames';
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppealEvent, Note } from '../../shared/domain';
import type { SnapshotPhase } from '../../shared/snapshot';
import { createDb, type OtklikDb } from '../db/schema';
import { getCursor } from '../db/meta';
import { allAppealIds, allAppeals, appealById } from '../db/row-packs';
import type { SyncClient } from './client';
import { clerkClient } from './testing/clients';
import { getSnapshotState, THREAD_WRITE_CHUNK, writeChunks } from './snapshot';
import { CLERK, COLLEAGUE, FakeServer, makeAppeal } from './testing/fake-server';
import { storedHistories, storedHistory, storedNotes, storedReplies } from './testing/stored-threads';

let db: OtklikDb;
let server: FakeServer;
const clients: SyncClient[] = [];

const makeClient = () => clerkClient(db, server, clients);

const event = (appealId: string, n: number, kind: AppealEvent['kind'] = 'status_changed'): AppealEvent => ({
  id: `ev-${appealId}-${n}`,
  appealId,
  actorId: null,
  actorName: null,
  kind,
  data: {},
  version: n,
  at: `2025-03-03T07:0${n}:00.000Z`,
});
const note = (appealId: string, id: string): Note => ({ id, appealId, authorId: COLLEAGUE.id, authorName: COLLEAGUE.displayName, body: 'Заметка', createdAt: '2025-03-03T08:00:00.000Z' });

/** Own open appeals m1, m2; a colleague's open o1; closed c1..c3; each with a history and a note. */
function seed() {
  server.upsert('user', CLERK);
  server.upsert('user', COLLEAGUE);
  server.upsert('municipality', { id: 'maykop', name: 'Майкоп', kind: 'city', settlements: [] } as never);
  const appeals = [
    makeAppeal({ id: 'm1' }),
    makeAppeal({ id: 'm2', status: 'in_progress' }),
    makeAppeal({ id: 'o1', assigneeId: COLLEAGUE.id }),
    makeAppeal({ id: 'c1', status: 'closed' }),
    makeAppeal({ id: 'c2', status: 'closed', assigneeId: COLLEAGUE.id }),
    makeAppeal({ id: 'c3', status: 'resolved' }),
  ];
  for (const a of appeals) {
    server.upsert('appeal', a);
    server.upsert('event', event(a.id, 1, 'received'));
    server.upsert('event', event(a.id, 2));
    server.upsert('note', note(a.id, `n-${a.id}`));
  }
}

beforeEach(() => {
  db = createDb(`snapshot-${crypto.randomUUID()}`);
  server = new FakeServer();
  server.snapshots = true;
  server.snapshotPageSize = 1;
  seed();
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.stop();
  db.close();
  await db.delete();
});

async function syncAndBackfill(client: SyncClient): Promise<void> {
  await client.start();
  await client.sync();
  await client.backfillIdle();
}

/** What the replica holds, as the server's latest state (events one by one, pending flags aside). */
async function replicaState(): Promise<Map<string, unknown>> {
  const state = new Map<string, unknown>();
  for (const [entity, rows] of [['appeal', await allAppeals(db)], ['note', await storedNotes(db)], ['reply', await storedReplies(db)], ['user', await db.users.toArray()], ['municipality', await db.municipalities.toArray()]] as const) {
    for (const row of rows) state.set(`${entity}:${row.id}`, row);
  }
  for (const h of await storedHistories(db)) for (const e of h.events) state.set(`event:${e.id}`, e);
  return state;
}

describe('the first download in phases', () => {
  it('stores own open appeals with their threads first, then the open ones, the rows, and the closed threads last', async () => {
    const seen: Array<{ phase: SnapshotPhase; appeals: string[]; complete: string[] }> = [];
    const client = makeClient();
    server.beforeSnapshotPage = async (phase) => {
      const histories = await storedHistories(db);
      seen.push({ phase, appeals: (await allAppealIds(db)).sort(), complete: histories.filter((h) => h.complete).map((h) => h.appealId).sort() });
    };
    await syncAndBackfill(client);
    const firstOpen = seen.find((s) => s.phase === 'open')!;
    expect(firstOpen).toMatchObject({ appeals: ['m1', 'm2'], complete: ['m1', 'm2'] });
    const firstThreads = seen.find((s) => s.phase === 'threads')!;
    expect(firstThreads).toMatchObject({ appeals: ['c1', 'c2', 'c3', 'm1', 'm2', 'o1'], complete: ['m1', 'm2', 'o1'] });
    // Everything is here in the end, exactly as the server has it, and nothing more is to come.
    expect(await replicaState()).toEqual(server.state());
    expect((await storedHistories(db)).every((h) => h.complete)).toBe(true);
    expect(await getSnapshotState(db)).toMatchObject({ phase: 'done', total: 6, closed: 3, rows: 6, threads: 3 });
    expect(client.status.get()).toMatchObject({ connection: 'online', download: null, cursor: server.head });
    // The log was not replayed from zero.
    expect(server.requests.some((r) => r.includes('/sync/pull?cursor=0'))).toBe(false);
  });

  it('misses nothing committed while it runs: the pull continues from the head read before the first page', async () => {
    const client = makeClient();
    let rowsChange = false;
    let threadsChange = false;
    server.beforeSnapshotPage = (phase, after) => {
      if (phase === 'rows' && !rowsChange) {
        rowsChange = true;
        // m1 (downloaded already) changes, and a new appeal arrives.
        server.upsert('appeal', makeAppeal({ id: 'm1', status: 'in_progress', version: 2 }));
        server.upsert('event', event('m1', 3));
        server.upsert('appeal', makeAppeal({ id: 'new1' }));
        server.upsert('event', event('new1', 1, 'received'));
      }
      if (phase === 'threads' && after === 'c1' && !threadsChange) {
        threadsChange = true;
        // A closed appeal's thread grows before its own page is read (c3), and after it was (c1).
        server.upsert('event', event('c3', 3));
        server.upsert('note', note('c1', 'n-late'));
        server.upsert('event', event('c1', 3));
      }
    };
    await syncAndBackfill(client);
    expect(rowsChange && threadsChange).toBe(true);
    await client.sync();
    expect(await replicaState()).toEqual(server.state());
    expect((await appealById(db, 'm1'))?.status).toBe('in_progress');
    expect((await storedHistory(db, 'c1'))?.events.map((e) => e.id)).toEqual(['ev-c1-1', 'ev-c1-2', 'ev-c1-3']);
    expect((await storedHistory(db, 'new1'))?.complete).toBe(true);
    expect(await getCursor(db)).toBe(server.head);
  });

  it('an appeal that reopens between the phases still gets its whole thread, and one that left the scope is not waited for', async () => {
    server.upsert('appeal', makeAppeal({ id: 'c4', status: 'closed' }));
    server.upsert('event', event('c4', 1, 'received'));
    let moved = false;
    server.beforeSnapshotPage = (phase) => {
      if (phase === 'rows' && !moved) {
        moved = true;
        // c1 was closed when the open appeals were read and is open by the time the closed
        // appeals' threads are: neither phase carries its thread. So is c4, whose thread will not
        // be had (the server answers 404, as for an appeal gone from the scope).
        for (const id of ['c1', 'c4']) {
          server.upsert('appeal', makeAppeal({ id, status: 'in_progress', version: 2 }));
          server.upsert('event', event(id, 3));
        }
        server.threadGone.add('c4');
      }
    };
    const client = makeClient();
    await syncAndBackfill(client);
    await client.sync();
    await client.backfillIdle();
    expect(moved).toBe(true);
    expect((await storedHistory(db, 'c1'))?.events.map((e) => e.id)).toEqual(['ev-c1-1', 'ev-c1-2', 'ev-c1-3']);
    expect((await storedHistory(db, 'c1'))?.complete).toBe(true);
    expect(await getSnapshotState(db)).toMatchObject({ phase: 'done' });
    expect(client.status.get().download).toBeNull();
  });

  it('resumes after a reload from where it stopped, in the phase it was in', async () => {
    let pages = 0;
    server.beforeSnapshotPage = () => {
      // The network goes after five pages (mine ×2, open, two of the rows).
      if (++pages === 5) server.reachable = false;
    };
    const first = makeClient();
    await syncAndBackfill(first);
    first.stop();
    const stopped = await getSnapshotState(db);
    expect(stopped).toMatchObject({ phase: 'rows', after: 'c2', rows: 5 });
    expect(await getCursor(db)).toBe(0);

    server.reachable = true;
    server.requests.length = 0;
    const reloaded = makeClient();
    await syncAndBackfill(reloaded);
    const asked = server.requests.filter((r) => r.includes('/sync/snapshot'));
    expect(asked[0]).toContain('phase=rows&after=c2');
    expect(asked.some((r) => r.includes('phase=mine'))).toBe(false);
    expect(await replicaState()).toEqual(server.state());
    expect(await getSnapshotState(db)).toMatchObject({ phase: 'done' });
  });

  it('a closed appeal whose thread has not come is readable from its row; online its thread is fetched on demand', async () => {
    server.beforeSnapshotPage = (phase) => {
      if (phase === 'threads') throw new TypeError('Failed to fetch');
    };
    const client = makeClient();
    await syncAndBackfill(client);
    expect((await appealById(db, 'c2'))?.status).toBe('closed');
    expect(await storedHistory(db, 'c2')).toBeUndefined();
    expect(client.status.get().download).toEqual({ stage: 'threads', done: 0, total: 3 });

    server.reachable = false;
    expect(await client.fetchThread('c2')).toBe(false);
    expect(await storedHistory(db, 'c2')).toBeUndefined();

    server.reachable = true;
    expect(await client.fetchThread('c2')).toBe(true);
    expect(await storedHistory(db, 'c2')).toMatchObject({ complete: true, events: [{ id: 'ev-c2-1' }, { id: 'ev-c2-2' }] });
    expect((await db.notes.get('n-c2'))?.body).toBe('Заметка');
  });

  it('what a clerk types while it runs waits for nothing and goes out', async () => {
    const client = makeClient();
    const typed: Promise<unknown>[] = [];
    server.beforeSnapshotPage = (phase, after) => {
      if (phase === 'rows' && after === '') typed.push(client.submitReply('m1', 'Ответ во время загрузки'));
    };
    await syncAndBackfill(client);
    await Promise.all(typed);
    await client.sync();
    expect(server.pushed.map((m) => m.name)).toEqual(['reply.submit']);
    expect(client.status.get().pending).toBe(0);
  });

  it('a server without the snapshot endpoint fills the replica from the log as before', async () => {
    server.snapshots = false;
    const client = makeClient();
    await syncAndBackfill(client);
    expect(await replicaState()).toEqual(server.state());
    expect(await getSnapshotState(db)).toBeUndefined();
    expect(client.status.get().download).toBeNull();
  });
});

describe('the closed threads, written in short transactions', () => {
  const doc = (i: number) => {
    const appealId = `c${String(i).padStart(4, '0')}`;
    return { appealId, settled: true, bytes: threadBytes({ appealId, replies: [], notes: [], events: [], deliveries: [] }) };
  };

  it('writes a page of two and a half chunks as three transactions, each recording the last appeal it stored, the last the page’s own next', () => {
    const n = THREAD_WRITE_CHUNK * 2 + THREAD_WRITE_CHUNK / 2;
    const id = (i: number) => doc(i).appealId;
    const page = { head: 7, appeals: [], threads: [], docs: Array.from({ length: n }, (_, i) => doc(i)), next: id(n - 1) };
    const chunks = writeChunks('threads', page);
    expect(chunks.map((c) => [c.docs?.length, c.next])).toEqual([
      [THREAD_WRITE_CHUNK, id(THREAD_WRITE_CHUNK - 1)],
      [THREAD_WRITE_CHUNK, id(2 * THREAD_WRITE_CHUNK - 1)],
      [THREAD_WRITE_CHUNK / 2, id(n - 1)],
    ]);
    expect(chunks.flatMap((c) => c.docs)).toEqual(page.docs);
    // The phase's last page ends the phase with its last chunk only.
    expect(writeChunks('threads', { ...page, next: null }).map((c) => c.next)).toEqual([id(THREAD_WRITE_CHUNK - 1), id(2 * THREAD_WRITE_CHUNK - 1), null]);
    // Rows pages and small pages go as they came.
    const rows = { head: 7, appeals: [], threads: [], docs: page.docs, next: 'x' };
    expect(writeChunks('rows', rows)).toEqual([rows]);
  });

  it('stores every closed thread of a page larger than a chunk, exactly as the server has it', async () => {
    server.snapshotPageSize = 1000;
    for (let i = 0; i < 230; i++) {
      const id = `z${String(i).padStart(4, '0')}`;
      server.upsert('appeal', makeAppeal({ id, status: 'closed' }));
      server.upsert('event', event(id, 1, 'received'));
      server.upsert('note', note(id, `n-${id}`));
    }
    await syncAndBackfill(makeClient());
    expect(await replicaState()).toEqual(server.state());
    expect((await storedHistories(db)).filter((h) => h.complete)).toHaveLength(236);
    expect(await getSnapshotState(db)).toMatchObject({ phase: 'done', closed: 233, threads: 233 });
  });
});
