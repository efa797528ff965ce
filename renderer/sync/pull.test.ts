import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type OtklikDb } from '../db/schema';
import { getCursor } from '../db/meta';
import type { PullResponse } from '../../shared/protocol';
import { createApi } from './api';
import { enqueue } from './outbox';
import { pullAll } from './pull';
import { replyMutation, statusMutation } from './actions';
import { CLERK, FakeServer, makeAppeal } from './testing/fake-server';

let db: OtklikDb;
let server: FakeServer;
const fetchPage = (cursor: number, limit: number) => createApi('http://server', server.fetch).pull(server.accessToken, cursor, limit);

beforeEach(() => {
  db = createDb(`pull-${crypto.randomUUID()}`);
  server = new FakeServer();
});

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('pull', () => {
  it('bootstraps every page into the replica and stores the cursor', async () => {
    for (let i = 0; i < 23; i++) server.upsert('appeal', makeAppeal({ id: `a${i}` }));
    server.upsert('user', CLERK);
    const progress = await pullAll(db, fetchPage, { limit: 5 });
    expect(progress.pages).toBe(5);
    expect(await db.appeals.count()).toBe(23);
    expect(await db.users.get(CLERK.id)).toEqual(CLERK);
    expect(await getCursor(db)).toBe(server.head);
  });

  it('fetches the next page while writing the current one', async () => {
    for (let i = 0; i < 12; i++) server.upsert('appeal', makeAppeal({ id: `a${i}` }));
    let requested = 0;
    const seenAtWrite: number[] = [];
    await pullAll(
      db,
      (c, l) => {
        requested++;
        return fetchPage(c, l);
      },
      { limit: 5, onPage: () => seenAtWrite.push(requested) },
    );
    // When page 1 is written, page 2 has already been asked for.
    expect(seenAtWrite).toEqual([2, 3, 3]);
  });

  it('an interrupted bootstrap resumes from the stored cursor', async () => {
    for (let i = 0; i < 10; i++) server.upsert('appeal', makeAppeal({ id: `a${i}` }));
    let calls = 0;
    const flaky = (c: number, l: number): Promise<PullResponse> => (++calls === 2 ? Promise.reject(new Error('link dropped')) : fetchPage(c, l));
    await expect(pullAll(db, flaky, { limit: 4 })).rejects.toThrow('link dropped');
    expect(await db.appeals.count()).toBe(4);
    expect(await getCursor(db)).toBe(4);

    const cursors: number[] = [];
    await pullAll(db, (c, l) => (cursors.push(c), fetchPage(c, l)), { limit: 4 });
    expect(cursors[0]).toBe(4);
    expect(await db.appeals.count()).toBe(10);
  });

  it('re-applies pending local changes on top of newer server rows', async () => {
    server.upsert('appeal', makeAppeal({ id: 'a1', version: 1, status: 'assigned' }));
    await pullAll(db, fetchPage);
    await enqueue(db, CLERK, await statusMutation(db, 'a1', 'in_progress'));

    // Meanwhile the server raised the priority (someone else's change, a newer version).
    server.upsert('appeal', makeAppeal({ id: 'a1', version: 2, status: 'assigned', priority: 'urgent' }));
    await pullAll(db, fetchPage);

    const view = await db.appeals.get('a1');
    expect(view?.priority).toBe('urgent');
    expect(view?.status).toBe('in_progress');
    expect(view?.version).toBe(3);
    expect((await db.shadows.get('a1'))?.version).toBe(2);
  });

  it('once no change is pending the server row replaces the local view', async () => {
    server.upsert('appeal', makeAppeal({ id: 'a1', version: 1 }));
    await pullAll(db, fetchPage);
    const entry = await enqueue(db, CLERK, await statusMutation(db, 'a1', 'in_progress'));
    await db.outbox.delete(entry.seq!);
    server.upsert('appeal', makeAppeal({ id: 'a1', version: 2, status: 'in_progress' }));
    await pullAll(db, fetchPage);
    expect(await db.appeals.get('a1')).toEqual(makeAppeal({ id: 'a1', version: 2, status: 'in_progress' }));
    expect(await db.shadows.count()).toBe(0);
  });

  it('a delete removes the appeal and its thread but keeps what the clerk has not sent yet', async () => {
    server.upsert('appeal', makeAppeal({ id: 'a1' }));
    server.upsert('appeal', makeAppeal({ id: 'a2' }));
    server.upsert('reply', { id: 'r1', appealId: 'a1', authorId: 'x', authorName: 'X', body: 'старый ответ', attachments: [], state: 'published', createdAt: '2025-03-03T08:00:00.000Z', updatedAt: '2025-03-03T08:00:00.000Z' } as never);
    server.upsert('event', { id: 'e1', appealId: 'a1', actorId: null, actorName: null, kind: 'received', data: {}, version: 1, at: '2025-03-03T07:00:00.000Z' } as never);
    await pullAll(db, fetchPage);
    const mine = await enqueue(db, CLERK, replyMutation('a1', 'неотправленный ответ'));

    server.remove('appeal', 'a1');
    await pullAll(db, fetchPage);

    expect(await db.appeals.get('a1')).toBeUndefined();
    expect(await db.appeals.get('a2')).toBeDefined();
    expect(await db.histories.count()).toBe(0);
    expect((await db.replies.toArray()).map((r) => r.id)).toEqual([mine.args.replyId]);
  });

  it('keeps each appeal history whole and in order, across pages', async () => {
    const event = (id: string, at: string, version: number) =>
      ({ id, appealId: 'a1', actorId: null, actorName: null, kind: 'status_changed', data: { to: 'in_progress' }, version, at }) as never;
    server.upsert('appeal', makeAppeal({ id: 'a1' }));
    server.upsert('event', event('e2', '2025-03-03T09:00:00.000Z', 2));
    server.upsert('event', event('e1', '2025-03-03T08:00:00.000Z', 1));
    server.upsert('event', event('e3', '2025-03-03T10:00:00.000Z', 3));
    await pullAll(db, fetchPage, { limit: 2 });
    expect((await db.histories.get('a1'))?.events.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    // The same event again (a re-sent page) does not duplicate it.
    server.upsert('event', event('e2', '2025-03-03T09:00:00.000Z', 2));
    await pullAll(db, fetchPage);
    expect((await db.histories.get('a1'))?.events).toHaveLength(3);
  });

  it('within one page the later change to a record wins', async () => {
    server.upsert('appeal', makeAppeal({ id: 'a1' }));
    server.remove('appeal', 'a1');
    server.upsert('appeal', makeAppeal({ id: 'a2', version: 1 }));
    server.upsert('appeal', makeAppeal({ id: 'a2', version: 5 }));
    await pullAll(db, fetchPage);
    expect(await db.appeals.get('a1')).toBeUndefined();
    expect((await db.appeals.get('a2'))?.version).toBe(5);
  });

  it('refuses a malformed page without writing anything', async () => {
    const bad = async () => ({ changes: [{ seq: 1, entity: 'appeal', id: 'a1', op: 'upsert' }], cursor: 1, hasMore: false }) as unknown as PullResponse;
    const api = createApi('http://server', async () => new Response(JSON.stringify(await bad()), { status: 200 }));
    await expect(pullAll(db, (c, l) => api.pull('t', c, l))).rejects.toThrow(/Upsert without data/);
    expect(await getCursor(db)).toBe(0);
  });
});
