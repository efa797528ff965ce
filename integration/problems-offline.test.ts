import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type OtklikDb } from '../renderer/db/schema';
import { createProblemMutations, linkMutation, problemDraftFrom } from '../renderer/problems/actions';
import { loadProblems } from '../renderer/problems/problem-view';
import { prepareReplica, SyncClient } from '../renderer/sync/client';
import { startTestServer, type TestServer } from '../server/test-support/server';

/**
 * Two supervisors' workstations, both offline, each link the same appeal into a problem of their
 * own. Each sees its own link at once; once both are back, the first to reach the server keeps
 * the appeal, the second sees its link refused as a conflict, and both replicas agree.
 */

let s: TestServer;
const replicas: { db: OtklikDb; client: SyncClient }[] = [];

beforeAll(async () => {
  s = await startTestServer('pglite');
});
afterAll(async () => {
  for (const r of replicas) {
    r.client.stop();
    r.db.close();
    await r.db.delete();
  }
  await s?.close();
});

let online = true;
async function workstation(username: string) {
  const login = await s.login(username);
  const db = createDb(`problems-${crypto.randomUUID()}`);
  await prepareReplica(db, login.user.id);
  const session = { user: login.user, accessToken: login.accessToken, refreshToken: login.refreshToken, serverUrl: s.url };
  const net = (input: string, init?: RequestInit) => (online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed (offline)')));
  const client = new SyncClient({ db, session, saveSession: () => undefined, fetch: net, createEventSource: null, events: null, replicaMarker: null });
  replicas.push({ db, client });
  await client.sync();
  return { db, client, user: login.user };
}

describe('linking offline', () => {
  it('shows each person their own link at once; the second to arrive is a conflict, and the replicas converge', async () => {
    const head = await workstation('head-m');
    const curator = await workstation('curator');
    expect((await head.db.appeals.get('a-m1'))?.problemId).toBeUndefined();

    online = false;
    const a = await createProblemMutations(head.db, { ...problemDraftFrom((await head.db.appeals.get('a-m1'))!), title: 'Яма у школы' }, ['a-m1']);
    for (const m of a.mutations) await head.client.enqueue(m);
    const b = await createProblemMutations(curator.db, { ...problemDraftFrom((await curator.db.appeals.get('a-m1'))!), title: 'Яма на Пионерской' }, ['a-m1', 'a-m3']);
    for (const m of b.mutations) await curator.client.enqueue(m);
    // Offline, each sees the appeal in their own problem, and the problem made from the outbox.
    expect((await head.db.appeals.get('a-m1'))?.problemId).toBe(a.problemId);
    expect((await curator.db.appeals.get('a-m1'))?.problemId).toBe(b.problemId);
    expect((await loadProblems(head.db, head.user)).get(a.problemId)).toMatchObject({ title: 'Яма у школы', state: 'identified', pending: true });

    online = true;
    await head.client.sync();
    await curator.client.sync();
    await head.client.sync();

    for (const r of [head, curator]) {
      expect((await r.db.appeals.get('a-m1'))?.problemId).toBe(a.problemId);
      expect((await r.db.appeals.get('a-m3'))?.problemId).toBe(b.problemId);
      const problems = await loadProblems(r.db, r.user);
      expect([...problems.values()].filter((p) => p.pending)).toEqual([]);
      expect(problems.get(a.problemId)?.title).toBe('Яма у школы');
    }
    const refused = await curator.db.outbox.where('state').equals('rejected').toArray();
    expect(refused.map((e) => [e.name, e.code, e.appealId])).toEqual([['problem.link', 'conflict', 'a-m1']]);

    // The curator moves it knowingly: a link on the basis of where it is now.
    await curator.client.enqueue(await linkMutation(curator.db, b.problemId, 'a-m1'));
    await curator.client.sync();
    await head.client.sync();
    expect((await head.db.appeals.get('a-m1'))?.problemId).toBe(b.problemId);
  });
});
