import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealSchema } from '../shared/domain';
import { migrate } from './db/migrate';
import type { Db } from './db/types';
import { BACKENDS, createTestDatabase, type TestDatabase } from './test-support/backends';
import { insertMaykop, migrateBefore } from './test-support/migrations';

/**
 * 180-problems redefines the appeal's JSON: an appeal in no problem must read exactly as before
 * (the rows already in the log and in every replica are compared with it), a rated one keeps its
 * citizenRating, and a linked one gains problemId.
 */
describe.each(BACKENDS)('migration 180-problems (%s)', (backend) => {
  let database: TestDatabase;
  let db: Db;
  const json = async (id: string) => (await db.query<{ j: Record<string, unknown> }>('SELECT appeal_json(a) AS j FROM appeals a WHERE id = $1', [id])).rows[0]!.j;
  let before: Record<string, Record<string, unknown>>;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    db = await database.open();
    await migrateBefore(db, '180-problems');
    await insertMaykop(db);
    for (const [id, score] of [['a-plain', null], ['a-rated', 2]] as const) {
      await db.query(
        `INSERT INTO appeals (id, source, external_ref, author, text, received_at, category, municipality_id, status, priority, due_at, version, updated_at, citizen_score, citizen_solved)
         VALUES ($1, 'vk', $1, '{"name":"Анна"}'::jsonb, 'Яма', '2026-12-01T09:00:00Z', 'roads', 'maykop', 'new', 'normal', '2026-12-10T09:00:00Z', 1, '2026-12-01T09:00:00Z', $2::int, $3::boolean)`,
        [id, score, score === null ? null : false],
      );
    }
    before = { plain: await json('a-plain'), rated: await json('a-rated') };
    expect(await migrate(db)).toContain('180-problems');
  });
  afterAll(async () => database?.dispose());

  it('leaves an unlinked appeal’s JSON as it was, citizenRating included', async () => {
    expect(await json('a-plain')).toEqual(before.plain);
    expect(await json('a-rated')).toEqual(before.rated);
    expect(before.rated!.citizenRating).toEqual({ score: 2, solved: false });
  });

  it('gives a linked appeal its problemId, in a shape the wire schema accepts', async () => {
    await db.query(
      `INSERT INTO problems (id, title, category, municipality_id, state, created_by, created_at, updated_at) VALUES ('p-1', 'Яма', 'roads', 'maykop', 'identified', 'u-1', now(), now())`,
    );
    await db.query(`UPDATE appeals SET problem_id = 'p-1' WHERE id = 'a-rated'`);
    const linked = await json('a-rated');
    expect(linked).toEqual({ ...before.rated, problemId: 'p-1' });
    expect(appealSchema.safeParse(linked).success).toBe(true);
  });
});
