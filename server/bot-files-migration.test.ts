import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botTreeSchema } from '../shared/chatbot/model';
import { migrate } from './db/migrate';
import type { Db } from './db/types';
import { BACKENDS, createTestDatabase, type TestDatabase } from './test-support/backends';
import { migrateBefore } from './test-support/migrations';

/**
 * 200-bot-files adds the files of a topic's answer: a bot published before it keeps its versions,
 * its tree (which names no files) still reads, and the new table takes the bot's files.
 */
describe.each(BACKENDS)('migration 200-bot-files (%s)', (backend) => {
  let database: TestDatabase;
  let db: Db;
  const oldTree = { greeting: 'Здравствуйте!', topics: [{ id: 'record', title: 'Запись к врачу', answer: 'На Госуслугах.', links: [], questions: [], appealBodyId: null, children: [] }] };

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    db = await database.open();
    await migrateBefore(db, '200-bot-files');
    await db.query(`INSERT INTO bots (id, name, version) VALUES ('b-1', 'Бот Минздрава', 1)`);
    await db.query(`INSERT INTO bot_versions (bot_id, version, tree) VALUES ('b-1', 1, $1::jsonb)`, [JSON.stringify(oldTree)]);
    expect(await migrate(db)).toContain('200-bot-files');
  });
  afterAll(async () => database?.dispose());

  it('keeps the published tree readable, with no files', async () => {
    const row = (await db.query<{ tree: unknown }>(`SELECT tree FROM bot_versions WHERE bot_id = 'b-1' AND version = 1`)).rows[0]!;
    const parsed = botTreeSchema.parse(typeof row.tree === 'string' ? JSON.parse(row.tree) : row.tree);
    expect(parsed).toEqual(oldTree);
    expect(parsed.topics[0]!.files).toBeUndefined();
  });

  it('stores a file for the bot, bytes intact, and drops it with the bot', async () => {
    const bytes = Buffer.from('%PDF-1.4 памятка');
    await db.query(`INSERT INTO bot_files (id, bot_id, name, mime, size, data) VALUES ('f-1', 'b-1', 'Памятка.pdf', 'application/pdf', $1, $2)`, [bytes.length, bytes]);
    const back = (await db.query<{ data: Uint8Array }>(`SELECT data FROM bot_files WHERE id = 'f-1'`)).rows[0]!;
    expect(Buffer.from(back.data).equals(bytes)).toBe(true);
    await db.query(`DELETE FROM bots WHERE id = 'b-1'`);
    expect((await db.query(`SELECT 1 FROM bot_files`)).rows).toHaveLength(0);
  });
});
