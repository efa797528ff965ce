import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppealEvent, User } from '../../shared/domain';
import type { PullResponse } from '../../shared/protocol';
import { createDb, type OtklikDb } from '../db/schema';
import { getCursor } from '../db/meta';
import { assignMutation, replyMutation, statusMutation } from './actions';
import { createApi } from './api';
import { applyPushResults, enqueue } from './outbox';
import { pullAll, writePage } from './pull';
import { CLERK, FakeServer, makeAppeal } from './testing/fake-server';

/**
 * Bugs the randomized convergence test (integration/convergence.test.ts) found, each pinned by the
 * smallest case that shows it.
 */

const SUPERVISOR: User = { id: 'u-head', username: 'head', displayName: 'Светлана Берзегова', role: 'supervisor', municipalityId: 'maykop' };
const NEIGHBOUR: User = { id: 'u-op2', username: 'operator2', displayName: 'Зарема Хагауджева', role: 'clerk', municipalityId: 'takhtamukaysky' };

let name: string;
let db: OtklikDb;
let server: FakeServer;
const fetchPage = (cursor: number, limit: number) => createApi('http://server', server.fetch).pull(server.accessToken, cursor, limit);

const event = (id: string, appealId: string, version: number): AppealEvent => ({
  id,
  appealId,
  actorId: null,
  actorName: null,
  kind: 'status_changed',
  data: {},
  version,
  at: `2025-03-03T0${version}:00:00.000Z`,
});

beforeEach(() => {
  name = `regressions-${crypto.randomUUID()}`;
  db = createDb(name);
  server = new FakeServer();
});

afterEach(async () => {
  db.close();
  await createDb(name).delete();
});

describe('found by the convergence test', () => {
  it('an appeal that leaves the scope on the same page as a new event of it leaves no history behind', async () => {
    server.upsert('appeal', makeAppeal({ id: 'a1' }));
    await pullAll(db, fetchPage);
    // The page ends after the appeal's delete; its event's own delete is on the next page.
    server.upsert('event', event('e1', 'a1', 2));
    server.remove('appeal', 'a1');
    server.remove('event', 'e1');
    await pullAll(db, fetchPage, { limit: 2 });
    expect(await db.appeals.get('a1')).toBeUndefined();
    expect(await db.histories.get('a1')).toBeUndefined();
  });

  it('a reply acknowledged after its appeal left the scope leaves no row of an appeal that is not here', async () => {
    server.upsert('appeal', makeAppeal({ id: 'a1' }));
    await pullAll(db, fetchPage);
    const entry = await enqueue(db, CLERK, replyMutation('a1', 'Ответ без связи'));
    // The appeal is reassigned to another municipality before the reply goes out.
    server.remove('appeal', 'a1');
    await pullAll(db, fetchPage);
    expect(await db.replies.get(String(entry.args.replyId))).toMatchObject({ pending: true });
    // The server accepts it (the clerk was the assignee) and shows it to the new one.
    await applyPushResults(db, [entry], [{ id: entry.id, status: 'applied' }]);
    expect(await db.replies.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('two windows recording the same acknowledgement fold the change into the server state once', async () => {
    server.upsert('appeal', makeAppeal({ id: 'a1', version: 3, status: 'in_progress' }));
    await pullAll(db, fetchPage);
    await db.users.bulkPut([SUPERVISOR, NEIGHBOUR, CLERK]);
    const entry = await enqueue(db, SUPERVISOR, await assignMutation(db, 'a1', CLERK.id));
    const second = createDb(name);
    try {
      // Both windows pushed it; the server applied one push and answered the other as a duplicate.
      await applyPushResults(db, [entry], [{ id: entry.id, status: 'applied' }]);
      await applyPushResults(second, [entry], [{ id: entry.id, status: 'duplicate' }]);
    } finally {
      second.close();
    }
    // The server is at version 4 now; the next change must say so, or it is refused.
    expect((await db.appeals.get('a1'))?.version).toBe(4);
    const next = await statusMutation(db, 'a1', 'answered');
    expect(next.args).toMatchObject({ baseVersion: 4 });
  });

  it('a page fetched before another window moved the cursor is not written over newer rows', async () => {
    server.upsert('appeal', makeAppeal({ id: 'a1', version: 1 }));
    const stale: PullResponse = await fetchPage(0, 100);
    server.upsert('appeal', makeAppeal({ id: 'a1', version: 2, status: 'in_progress' }));
    // The other window pulls everything first.
    await pullAll(db, fetchPage);
    expect(await writePage(db, stale, { from: 0 })).toBe(false);
    expect((await db.appeals.get('a1'))?.version).toBe(2);
    expect(await getCursor(db)).toBe(server.head);
  });

  it('a pull that was overtaken carries on from the other window’s cursor', async () => {
    for (let i = 0; i < 6; i++) server.upsert('appeal', makeAppeal({ id: `a${i}`, version: 1 }));
    let overtake = true;
    const cursors: number[] = [];
    await pullAll(
      db,
      async (cursor, limit) => {
        cursors.push(cursor);
        const page = await fetchPage(cursor, limit);
        if (overtake) {
          overtake = false;
          // Another window writes the first four changes while this page is on its way.
          await writePage(db, await fetchPage(0, 4));
        }
        return page;
      },
      { limit: 2 },
    );
    expect(cursors[0]).toBe(0);
    expect(cursors).toContain(4);
    expect(await db.appeals.count()).toBe(6);
    expect(await getCursor(db)).toBe(server.head);
  });
});
