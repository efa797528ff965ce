import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import type { Appeal, Note, Reply } from '../shared/domain';
import { BACKENDS } from './test-support/backends';
import { tinyDemoData } from './test-support/fixture';
import { startTestServer, type TestServer } from './test-support/server';
import { pullAll, push, replay, snapshotAll, uid } from './test-support/sync';
import { fillRowDocs, fillThreadDocs } from './closed-docs';

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
    // The docs are filled by the tests themselves, not by the timer (off in test servers).
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

  const keptDocs = async () => (await s.db.query<{ appeal_id: string }>('SELECT appeal_id FROM thread_docs WHERE frame IS NOT NULL ORDER BY appeal_id')).rows.map((r) => r.appeal_id);

  it('the closed threads as frames hold what the JSON pages hold, for every kind of caller, whether their docs are kept or assembled', async () => {
    const json = new Map<string, Map<string, unknown>>();
    for (const user of Object.keys(tokens)) json.set(user, (await snapshotAll(s, tokens[user]!)).state);
    await s.db.query('UPDATE thread_docs SET frame = NULL, gen = gen + 1');
    await s.db.query('UPDATE row_docs SET json = NULL, gen = gen + 1');
    for (const user of Object.keys(tokens)) expect((await snapshotAll(s, tokens[user]!, undefined, true)).state, user).toEqual(json.get(user));
    expect(await fillRowDocs(s.db)).toBe(3);
    // The timer's work: the closed appeals' docs are kept, and the pages read them.
    expect(await fillThreadDocs(s.db)).toBe(3);
    expect(await keptDocs()).toEqual(['a-m4', 'a-m5', 'a-t2']);
    for (const user of Object.keys(tokens)) {
      const frames = await snapshotAll(s, tokens[user]!, 1, true);
      expect(frames.state, user).toEqual(json.get(user));
      expect(frames.ids.threads, user).toEqual((await snapshotAll(s, tokens[user]!, 1)).ids.threads);
    }
    expect(await fillThreadDocs(s.db)).toBe(0);
  });

  it('a thread written after its doc was kept comes with what was written, and its doc is kept again by the next fill', async () => {
    await fillThreadDocs(s.db);
    const body = 'Жительница подтвердила: вывезли';
    const [r] = await push(s, tokens.curator!, [{ name: 'note.add', args: { noteId: uid('n'), appealId: 'a-m4', body } }]);
    expect(r!.status).toBe('applied');
    expect(await keptDocs()).not.toContain('a-m4');
    const hasNote = (run: Awaited<ReturnType<typeof snapshotAll>>) => [...run.state.values()].some((v) => (v as Note).body === body);
    expect(hasNote(await snapshotAll(s, tokens.operator!, undefined, true))).toBe(true);
    expect(await fillThreadDocs(s.db)).toBe(1);
    expect(hasNote(await snapshotAll(s, tokens.operator!, undefined, true))).toBe(true);
  });

  it('a closed appeal’s row changed after its doc was kept comes changed, and its doc is kept again by the next fill', async () => {
    await fillRowDocs(s.db);
    await s.db.query(`UPDATE appeals SET priority = 'high', version = version + 1 WHERE id = 'a-m5'`);
    const row = async () => (await snapshotAll(s, tokens.operator!)).state.get('appeal:a-m5') as Appeal;
    expect(await row()).toMatchObject({ priority: 'high', version: 6 });
    expect(await fillRowDocs(s.db)).toBe(1);
    expect(await row()).toMatchObject({ priority: 'high', version: 6 });
    await s.db.query(`UPDATE appeals SET priority = 'normal', version = version - 1 WHERE id = 'a-m5'`);
  });

  it('names a closed thread with a reply waiting for approval as unsettled, so the workstation keeps it where «На согласовании» reads', async () => {
    await fillThreadDocs(s.db);
    await s.db.query(`UPDATE replies SET state = 'submitted' WHERE id = 'r-a-t2'`);
    try {
      const frames = await snapshotAll(s, tokens.curator!, undefined, true);
      expect(frames.unsettled).toEqual(['a-t2']);
      expect((frames.state.get('reply:r-a-t2') as Reply).state).toBe('submitted');
    } finally {
      await s.db.query(`UPDATE replies SET state = 'published' WHERE id = 'r-a-t2'`);
    }
    expect((await snapshotAll(s, tokens.curator!, undefined, true)).unsettled).toEqual([]);
  });

  it('refuses a bad phase and an anonymous caller', async () => {
    expect((await s.call('GET', '/api/v1/sync/snapshot?phase=all', { token: tokens.operator })).status).toBe(400);
    expect((await s.call('GET', '/api/v1/sync/snapshot?phase=mine')).status).toBe(401);
    expect((await s.call('GET', '/api/v1/sync/thread/a-m1')).status).toBe(401);
  });
});

// PGlite has one connection: two statements never overlap there, so the race below is PostgreSQL's.
describe('thread docs beside concurrent writes (postgres)', () => {
  let s: TestServer;
  let token: string;
  beforeAll(async () => {
    s = await startTestServer('postgres', { data: data() });
    token = (await s.login('curator')).accessToken;
  });
  afterAll(async () => s?.close());
  const keptDocs = async () => (await s.db.query<{ appeal_id: string }>('SELECT appeal_id FROM thread_docs WHERE frame IS NOT NULL ORDER BY appeal_id')).rows.map((r) => r.appeal_id);
  /** Until a statement writing `table` is seen waiting for a lock (the fill, behind the open transaction). */
  const untilBlockedOn = async (table: string) => {
    for (let i = 0; i < 100; i++) {
      const waiting = await s.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE $1`, [`%${table}%`]);
      if (waiting.rows[0]!.n !== '0') return;
      await new Promise((done) => setTimeout(done, 20));
    }
  };

  it('a doc assembled while a write to its thread commits is not kept over the write', async () => {
    await fillThreadDocs(s.db);
    const [r] = await push(s, token, [{ name: 'note.add', args: { noteId: uid('n'), appealId: 'a-m5', body: 'Первая' } }]);
    expect(r!.status).toBe('applied');
    const body = 'Вторая, пока собирался документ';
    let filling: Promise<number> | null = null;
    await s.db.tx(async (q) => {
      await q.query(`INSERT INTO notes (id, appeal_id, author_id, author_name, body, created_at) VALUES ($1, 'a-m5', 'u-curator', 'Куратор', $2, now())`, [uid('n'), body]);
      // The fill reads the thread without the uncommitted note and waits for its doc's row.
      filling = fillThreadDocs(s.db);
      await untilBlockedOn('thread_docs');
    });
    expect(await filling!).toBe(0);
    expect(await keptDocs()).toEqual(['a-m4', 'a-t2']);
    const notes = [...(await snapshotAll(s, token, undefined, true)).state.values()].filter((v) => (v as Note).appealId === 'a-m5' && 'body' in (v as Note));
    expect(notes.map((n) => (n as Note).body)).toContain(body);
  });

  it('a row doc built while a change to the appeal commits is not kept over the change', async () => {
    await fillRowDocs(s.db);
    await s.db.query(`UPDATE appeals SET priority = 'low' WHERE id = 'a-t2'`);
    let filling: Promise<number> | null = null;
    await s.db.tx(async (q) => {
      await q.query(`UPDATE appeals SET priority = 'high' WHERE id = 'a-t2'`);
      filling = fillRowDocs(s.db);
      await untilBlockedOn('row_docs');
    });
    expect(await filling!).toBe(0);
    expect((await s.db.query(`SELECT json FROM row_docs WHERE appeal_id = 'a-t2'`)).rows[0]).toEqual({ json: null });
    expect(((await snapshotAll(s, token)).state.get('appeal:a-t2') as Appeal).priority).toBe('high');
  });
});

describe('thread docs on the server’s timer', () => {
  it('a closed appeal’s thread written to is kept again without anyone asking', async () => {
    const s = await startTestServer('pglite', { data: data(), closedDocIntervalMs: 50 });
    try {
      const token = (await s.login('curator')).accessToken;
      const [r] = await push(s, token, [{ name: 'note.add', args: { noteId: uid('n'), appealId: 'a-t2', body: 'Проверено' } }]);
      expect(r!.status).toBe('applied');
      await expect
        .poll(async () => {
          const frame = (await s.db.query<{ frame: Uint8Array | null }>(`SELECT frame FROM thread_docs WHERE appeal_id = 'a-t2'`)).rows[0]?.frame;
          return frame ? gunzipSync(frame).toString() : '';
        }, { timeout: 5000 })
        .toContain('Проверено');
    } finally {
      await s.close();
    }
  });
});
