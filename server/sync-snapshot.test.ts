import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appeal, Note, Reply } from '../shared/domain';
import { BACKENDS } from './test-support/backends';
import { tinyDemoData } from './test-support/fixture';
import { startTestServer, type TestServer } from './test-support/server';
import { pullAll, push, replay, snapshotAll, uid } from './test-support/sync';

/** The tiny region plus closed appeals with threads, so every phase has something to carry. */
function data() {
  const base = tinyDemoData();
  const closed = (id: string, municipalityId: string, assigneeId: string): Appeal => ({ ...base.appeals[0]!, id, externalRef: `ref-${id}`, municipalityId, assigneeId, status: 'closed', version: 5 });
  const appeals = [...base.appeals, closed('a-m4', 'maykop', 'u-operator'), closed('a-m5', 'maykop', 'u-clerk-m2'), closed('a-t2', 'takhtamukaysky', 'u-operator2')];
  const at = '2025-03-04T08:00:00.000Z';
  const replies: Reply[] = ['a-m4', 'a-t2'].map((appealId) => ({ id: `r-${appealId}`, appealId, authorId: 'u-operator', authorName: 'Ирина Петрова', body: 'Мусор вывезли.', attachments: [], state: 'published', createdAt: at, updatedAt: at }));
  const notes: Note[] = [{ id: 'n-a-m4', appealId: 'a-m4', authorId: 'u-operator', authorName: 'Ирина Петрова', body: 'Позвонила в УК.', createdAt: at }];
  return { ...base, appeals, replies, notes };
}

describe.each(BACKENDS)('sync snapshot (%s)', (backend) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    s = await startTestServer(backend, { data: data() });
    for (const u of ['operator', 'operator2', 'curator', 'head-m', 'clerk-g']) tokens[u] = (await s.login(u)).accessToken;
    // A live note after the seed, so the tables and the log both have it.
    const [r] = await push(s, tokens.operator!, [{ name: 'note.add', args: { noteId: uid('n'), appealId: 'a-m1', body: 'Уточнила адрес' } }]);
    expect(r!.status).toBe('applied');
  });
  afterAll(async () => s?.close());

  it('all phases together hold exactly what a pull from zero holds, for every kind of caller', async () => {
    for (const user of Object.keys(tokens)) {
      const pulled = replay((await pullAll(s, tokens[user]!)).changes);
      const snap = await snapshotAll(s, tokens[user]!);
      expect([...snap.state.keys()].sort(), user).toEqual([...pulled.keys()].sort());
      for (const [key, value] of pulled) expect(snap.state.get(key), `${user} ${key}`).toEqual(value);
    }
  });

  it('phases come in order of use: own open appeals with threads, other open ones, closed rows, closed threads', async () => {
    const op = await snapshotAll(s, tokens.operator!);
    expect(op.ids.mine.sort()).toEqual(['a-m1', 'a-m2']);
    expect(op.ids.open).toEqual(['a-m3']);
    expect(op.ids.rows).toEqual(['a-m4', 'a-m5']);
    expect(op.ids.threads).toEqual(['a-m4', 'a-m5']);
    expect({ total: op.directory.total, closed: op.directory.closed }).toEqual({ total: 5, closed: 2 });

    const curator = await snapshotAll(s, tokens.curator!);
    expect(curator.ids.mine).toEqual([]);
    expect(curator.ids.open).toEqual(['a-m1', 'a-m2', 'a-m3', 'a-t1']);
    expect(curator.ids.rows).toEqual(['a-m4', 'a-m5', 'a-t2']);
    expect(curator.directory.total).toBe(7);
    // The curator sees no clerk's private template.
    expect(curator.directory.templates.map((t) => t.id)).toEqual(['t-shared']);
  });

  it('pages of one appeal give the same download, and the head is the log position read before the rows', async () => {
    const whole = await snapshotAll(s, tokens.curator!);
    const paged = await snapshotAll(s, tokens.curator!, 1);
    expect(paged.pages).toBeGreaterThan(whole.pages);
    expect(paged.ids).toEqual(whole.ids);
    expect(paged.state).toEqual(whole.state);
    expect(whole.head).toBe((await pullAll(s, tokens.curator!)).cursor);
  });

  it('a change committed after the head is in the pull that follows the snapshot', async () => {
    const snap = await snapshotAll(s, tokens.operator!);
    const body = 'Пришёл ответ из УК';
    const [r] = await push(s, tokens.curator!, [{ name: 'note.add', args: { noteId: uid('n'), appealId: 'a-m4', body } }]);
    expect(r!.status).toBe('applied');
    const after = await pullAll(s, tokens.operator!, snap.head);
    expect(after.changes.some((c) => c.op === 'upsert' && c.entity === 'note' && c.data.body === body)).toBe(true);
  });

  it('one thread on demand: in scope it comes with its appeal; outside scope it does not exist', async () => {
    const mine = await s.call('GET', '/api/v1/sync/thread/a-m4', { token: tokens.operator });
    expect(mine.status).toBe(200);
    expect(mine.body.appeal.id).toBe('a-m4');
    expect(mine.body.thread.replies.map((x: Reply) => x.id)).toEqual(['r-a-m4']);
    expect(mine.body.thread.notes.map((x: Note) => x.id)).toContain('n-a-m4');
    const other = await s.call('GET', '/api/v1/sync/thread/a-t2', { token: tokens.operator });
    expect(other.status).toBe(404);
    expect((await s.call('GET', '/api/v1/sync/thread/a-t2', { token: tokens['clerk-g'] })).status).toBe(404);
    expect((await s.call('GET', '/api/v1/sync/thread/nope', { token: tokens.curator })).status).toBe(404);
  });

  it('refuses a bad phase and an anonymous caller', async () => {
    expect((await s.call('GET', '/api/v1/sync/snapshot?phase=all', { token: tokens.operator })).status).toBe(400);
    expect((await s.call('GET', '/api/v1/sync/snapshot?phase=mine')).status).toBe(401);
    expect((await s.call('GET', '/api/v1/sync/thread/a-m1')).status).toBe(401);
  });
});
