import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { migrate } from './db/migrate';
import type { Db } from './db/types';
import { BACKENDS, createTestDatabase, type TestDatabase } from './test-support/backends';
import { insertMaykop, migrateBefore } from './test-support/migrations';
import { fillRowDocs, fillThreadDocs } from './closed-docs';

/**
 * 210-thread-docs and 211-row-docs keep each closed appeal's thread and row as the JSON the first
 * download sends. A region upgraded to them has no docs yet: the timer fills the closed appeals'
 * (and only theirs), a write makes a doc stale, and an appeal removed takes its docs with it.
 */
interface KeptThread {
  appealId: string;
  notes: { body: string }[];
}

/** thread_docs as the threads the frames hold (null while stale). */
async function threadDocs(db: Db): Promise<{ appeal_id: string; thread: KeptThread | null }[]> {
  const rows = (await db.query<{ appeal_id: string; frame: Uint8Array | null }>('SELECT appeal_id, frame FROM thread_docs ORDER BY appeal_id')).rows;
  return rows.map((r) => ({ appeal_id: r.appeal_id, thread: r.frame ? (JSON.parse(gunzipSync(r.frame).toString()) as KeptThread) : null }));
}

const insertAppeal = (db: Db, id: string, status: string) =>
  db.query(
    `INSERT INTO appeals (id, source, external_ref, author, text, received_at, category, municipality_id, status, priority, due_at, version, updated_at)
     VALUES ($1, 'vk', $1, '{"name":"Анна"}'::jsonb, 'Яма во дворе', '2026-11-01T09:00:00Z', 'roads', 'maykop', $2, 'normal', '2026-11-10T09:00:00Z', 1, '2026-11-01T09:00:00Z')`,
    [id, status],
  );

describe.each(BACKENDS)('migrations 210-thread-docs and 211-row-docs (%s)', (backend) => {
  let database: TestDatabase;
  let db: Db;
  const appeal = (id: string, status: string) => insertAppeal(db, id, status);
  const note = (id: string, appealId: string, body: string) =>
    db.query(`INSERT INTO notes (id, appeal_id, author_id, author_name, body, created_at) VALUES ($1, $2, 'u-1', 'Ирина', $3, '2026-11-02T09:00:00Z')`, [id, appealId, body]);
  const docs = async () => threadDocs(db);

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    db = await database.open();
    await migrateBefore(db, '210-thread-docs');
    await insertMaykop(db);
    await appeal('a-closed', 'closed');
    await appeal('a-open', 'in_progress');
    await note('n-1', 'a-closed', 'Позвонила в УК');
    await note('n-2', 'a-open', 'Жду ответа');
    expect(await migrate(db)).toEqual(expect.arrayContaining(['210-thread-docs', '211-row-docs', '212-thread-frames']));
  });
  afterAll(async () => database?.dispose());

  it('starts with no docs; the fill keeps the closed appeals’ threads and not the open ones’', async () => {
    expect(await docs()).toEqual([]);
    expect(await fillThreadDocs(db)).toBe(1);
    const [kept] = await docs();
    expect(kept!.appeal_id).toBe('a-closed');
    expect(kept!.thread!.notes.map((n: { body: string }) => n.body)).toEqual(['Позвонила в УК']);
    expect(kept!.thread).toMatchObject({ appealId: 'a-closed', replies: [], events: [], deliveries: [] });
  });

  it('a note written later makes the doc stale until the next fill, which has the note', async () => {
    await note('n-3', 'a-closed', 'Вывезли');
    expect((await docs()).find((d) => d.appeal_id === 'a-closed')?.thread).toBeNull();
    expect(await fillThreadDocs(db)).toBe(1);
    const thread = (await docs()).find((d) => d.appeal_id === 'a-closed')!.thread!;
    expect(thread.notes.map((n: { body: string }) => n.body)).toEqual(['Позвонила в УК', 'Вывезли']);
  });

  const rowDocs = async () => (await db.query<{ appeal_id: string; json: string | null }>('SELECT appeal_id, json FROM row_docs ORDER BY appeal_id')).rows;
  const appealJson = async (id: string) => (await db.query<{ j: string }>('SELECT appeal_json(a)::text AS j FROM appeals a WHERE id = $1', [id])).rows[0]!.j;

  it('keeps the closed appeal’s row as appeal_json has it, and a change to the row makes it stale until the next fill', async () => {
    expect(await rowDocs()).toEqual([]);
    expect(await fillRowDocs(db)).toBe(1);
    expect(await rowDocs()).toEqual([{ appeal_id: 'a-closed', json: await appealJson('a-closed') }]);
    await db.query(`UPDATE appeals SET priority = 'high', version = version + 1 WHERE id IN ('a-closed', 'a-open')`);
    expect((await rowDocs()).map((d) => [d.appeal_id, d.json])).toEqual([
      ['a-closed', null],
      ['a-open', null],
    ]);
    expect(await fillRowDocs(db)).toBe(1);
    const kept = (await rowDocs()).find((d) => d.appeal_id === 'a-closed')!.json!;
    expect(JSON.parse(kept)).toMatchObject({ id: 'a-closed', priority: 'high', version: 2 });
  });

  it('an appeal removed takes its docs with it', async () => {
    await db.query(`DELETE FROM notes WHERE appeal_id = 'a-closed'`);
    await db.query(`DELETE FROM appeals WHERE id = 'a-closed'`);
    expect((await docs()).map((d) => d.appeal_id)).not.toContain('a-closed');
    expect((await rowDocs()).map((d) => d.appeal_id)).not.toContain('a-closed');
  });
});

/**
 * 212-thread-frames keeps a thread as the gzip frame the download sends instead of 210's JSON
 * parts. A region upgraded from 211 has its docs in the old form: they all go stale, and the fill
 * makes frames of them.
 */
describe.each(BACKENDS)('migration 212-thread-frames (%s)', (backend) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    db = await database.open();
    await migrateBefore(db, '212-thread-frames');
    await insertMaykop(db);
    await insertAppeal(db, 'a-closed', 'closed');
    await db.query(`INSERT INTO notes (id, appeal_id, author_id, author_name, body, created_at) VALUES ('n-1', 'a-closed', 'u-1', 'Ирина', 'Позвонила в УК', '2026-11-02T09:00:00Z')`);
    // The doc as 210's fill kept it.
    await db.query(`UPDATE thread_docs SET core = '"replies":[],"notes":[],"events":[]', deliveries = '[]', replies_settled = true, deliveries_settled = true`);
    expect(await migrate(db)).toEqual(['212-thread-frames']);
  });
  afterAll(async () => database?.dispose());

  it('leaves every kept doc stale, so none in the old form is ever sent', async () => {
    expect(await threadDocs(db)).toEqual([{ appeal_id: 'a-closed', thread: null }]);
    const columns = await db.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'thread_docs' ORDER BY column_name`);
    expect(columns.rows.map((c) => c.column_name)).toEqual(['appeal_id', 'deliveries_settled', 'frame', 'gen', 'replies_settled']);
  });

  it('the fill makes a frame of the whole thread, and a write makes it stale again', async () => {
    expect(await fillThreadDocs(db)).toBe(1);
    expect(await threadDocs(db)).toEqual([{ appeal_id: 'a-closed', thread: expect.objectContaining({ appealId: 'a-closed', notes: [expect.objectContaining({ body: 'Позвонила в УК' })] }) }]);
    await db.query(`UPDATE notes SET body = 'Позвонила в УК дважды' WHERE id = 'n-1'`);
    expect((await threadDocs(db))[0]!.thread).toBeNull();
  });
});
