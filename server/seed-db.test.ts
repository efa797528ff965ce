import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullResponseSchema, type Change } from '../shared/protocol';
import { migrate } from './db/migrate';
import { isEmpty, seedDemo } from './db/seed';
import type { Db } from './db/types';
import { pullPage } from './pull';
import { callerScope } from './scopes';
import { generateDemoData } from './seed/generate';
import type { DemoData } from './seed/types';
import { BACKENDS, createTestDatabase, type TestDatabase } from './test-support/backends';

const region = callerScope({ id: 'u-admin', role: 'admin', municipalityId: null });

describe.each(BACKENDS)('demo seeding (%s)', (backend) => {
  let database: TestDatabase;
  let db: Db;
  let data: DemoData;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
    db = await database.open();
    await migrate(db);
    data = generateDemoData({ now: new Date('2025-06-02T09:00:00Z'), appealCount: 300, seed: 7 });
  });
  afterAll(async () => database?.dispose());

  it('seeds once, even when two starts race on an empty database', async () => {
    const other = backend === 'postgres' ? await database.open() : db;
    const [a, b] = await Promise.all([seedDemo(db, data), seedDemo(other, data)]);
    expect([a.seeded, b.seeded].sort()).toEqual([false, true]);
    expect(a.demoIntegrationToken).toMatch(/^otk_/);
    expect(b.demoIntegrationToken).toBe(a.demoIntegrationToken);
    expect(await isEmpty(db)).toBe(false);
    expect((await seedDemo(db, data)).seeded).toBe(false);
  });

  it('logs a change for every record, in the wire shape, appeals newest first', async () => {
    const changes: Change[] = [];
    let cursor = 0;
    for (;;) {
      const page = pullResponseSchema.parse(JSON.parse((await pullPage(db, region, cursor, 5000)).body.toString()));
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const count = (entity: string) => changes.filter((c) => c.entity === entity).length;
    expect(count('appeal')).toBe(data.appeals.length);
    expect(count('event')).toBe(data.events.length);
    expect(count('reply')).toBe(data.replies.length);
    expect(count('note')).toBe(data.notes.length);
    expect(count('user')).toBe(data.users.length);
    expect(count('body')).toBe(data.bodies?.length);
    // The directory comes first: the ЦУР, then everything under it.
    expect(changes[0]).toMatchObject({ entity: 'body', id: 'cur' });
    const received = changes.flatMap((c) => (c.op === 'upsert' && c.entity === 'appeal' ? [c.data.receivedAt] : []));
    expect(received).toEqual([...received].sort().reverse());
  });

  it('seeded change data is exactly what the database builds for later changes', async () => {
    const res = await db.query<{ same: boolean }>(
      `SELECT bool_and(c.data::jsonb = appeal_json(a)::jsonb) AS same FROM changes c JOIN appeals a ON a.id = c.entity_id WHERE c.entity = 'appeal'`,
    );
    expect(res.rows[0]?.same).toBe(true);
    for (const [entity, table, fn] of [['event', 'events', 'event_json'], ['reply', 'replies', 'reply_json'], ['note', 'notes', 'note_json'], ['user', 'users', 'user_json'], ['template', 'templates', 'template_json'], ['municipality', 'municipalities', 'municipality_json']]) {
      const r = await db.query<{ same: boolean | null }>(
        `SELECT bool_and(c.data::jsonb = ${fn}(t)::jsonb) AS same FROM changes c JOIN ${table} t ON t.id = c.entity_id WHERE c.entity = '${entity}'`,
      );
      expect([entity, r.rows[0]?.same]).toEqual([entity, true]);
    }
  });
});
