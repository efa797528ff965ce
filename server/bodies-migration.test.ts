import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodySchema } from '../shared/bodies';
import type { Appeal } from '../shared/domain';
import { buildApp, closeApp } from './app';
import { migrate } from './db/migrate';
import type { Db } from './db/types';
import { BACKENDS } from './test-support/backends';
import { createTestDatabase, type TestDatabase } from './test-support/backends';
import { tinyDemoData } from './test-support/fixture';
import { migrateBefore } from './test-support/migrations';
import { hashPassword } from './auth/passwords';
import { pullPage } from './pull';

/**
 * A region's database as it was before bodies, migrated: every municipality becomes a body with
 * its id, no appeal changes hands, and every person keeps exactly the appeals they had.
 */
/** What the seed wrote before bodies existed: the rows, and a change row per record. */
async function seedTheOldWay(db: Db): Promise<Appeal[]> {
  const data = tinyDemoData();
  const hash = await hashPassword('demo');
  let seq = 0;
  const log = (entity: string, id: string, scope: string, json: string) =>
    db.query(`INSERT INTO changes (seq, entity, entity_id, op, scope, data) VALUES ($1, $2, $3, 'upsert', $4, $5::json)`, [++seq, entity, id, scope, json]);
  for (const [i, m] of data.municipalities.entries()) {
    await db.query('INSERT INTO municipalities (id, name, kind, settlements, sort) VALUES ($1, $2, $3, $4, $5)', [m.id, m.name, m.kind, m.settlements, i]);
    await log('municipality', m.id, '*', JSON.stringify(m));
  }
  for (const u of data.users) {
    await db.query('INSERT INTO users (id, username, display_name, role, municipality_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6)', [u.id, u.username, u.displayName, u.role, u.municipalityId, hash]);
    await log('user', u.id, '*', JSON.stringify(u));
  }
  for (const a of data.appeals) {
    await db.query(
      `INSERT INTO appeals (id, source, external_ref, author, text, received_at, category, municipality_id, assignee_id, status, priority, due_at, version, updated_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [a.id, a.source, a.externalRef, JSON.stringify(a.author), a.text, a.receivedAt, a.category, a.municipalityId, a.assigneeId, a.status, a.priority, a.dueAt, a.version, a.updatedAt],
    );
    await log('appeal', a.id, `m:${a.municipalityId}`, JSON.stringify(a));
  }
  await db.query('UPDATE change_seq SET last = $1', [seq]);
  return data.appeals;
}

describe.each(BACKENDS)('migrating a region of municipalities to bodies (%s)', (backend) => {
  let database: TestDatabase;
  let db: Db;
  let before: Appeal[];
  let cursorBefore: number;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    db = await database.open();
    await migrateBefore(db, '040-bodies');
    before = await seedTheOldWay(db);
    cursorBefore = Number((await db.query<{ last: string }>('SELECT last FROM change_seq')).rows[0]!.last);
    expect(await migrate(db)).toContain('040-bodies');
  });
  afterAll(async () => database?.dispose());

  it('makes each municipality a body with the same id under the ЦУР, and each district settlement a body under it', async () => {
    const bodies = (await db.query<{ id: string; name: string; kind: string; parent_id: string | null }>('SELECT id, name, kind, parent_id FROM bodies ORDER BY sort')).rows;
    expect(bodies[0]).toMatchObject({ id: 'cur', kind: 'cur', parent_id: null });
    expect(bodies.filter((b) => b.kind === 'municipality').map((b) => b.id).sort()).toEqual(['giaginsky', 'maykop', 'takhtamukaysky']);
    expect(bodies.filter((b) => b.kind === 'municipality').every((b) => b.parent_id === 'cur')).toBe(true);
    // Майкоп is a city: its settlements are not administrations of their own.
    expect(bodies.filter((b) => b.kind === 'settlement').map((b) => [b.parent_id, b.name])).toEqual([
      ['takhtamukaysky', 'Тахтамукай'],
      ['takhtamukaysky', 'Яблоновский'],
      ['giaginsky', 'Гиагинская'],
      ['giaginsky', 'Дондуковская'],
    ]);
  });

  it('changes hands of no appeal', async () => {
    const after = (await db.query<{ id: string; municipality_id: string; assignee_id: string | null }>('SELECT id, municipality_id, assignee_id FROM appeals ORDER BY id')).rows;
    expect(after).toEqual([...before].sort((a, b) => a.id.localeCompare(b.id)).map((a) => ({ id: a.id, municipality_id: a.municipalityId, assignee_id: a.assigneeId })));
  });

  it('tells the workstations of the bodies through the change log, after the cursor they hold', async () => {
    const page = JSON.parse((await pullPage(db, { kind: 'list', scopes: ['*', 'u:nobody'] }, cursorBefore, 100)).body.toString()) as { changes: Array<{ entity: string; data: unknown }> };
    const bodies = page.changes.filter((c) => c.entity === 'body');
    expect(bodies).toHaveLength(8);
    for (const b of bodies) bodySchema.parse(b.data);
  });

  it('leaves every person exactly the appeals they had, over HTTP', async () => {
    const app = await buildApp({ db, staticDir: null, loginRateLimit: { max: 1000, timeWindowMs: 60_000 } });
    try {
      const appealsOf = async (username: string) => {
        const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'demo' } });
        const token = (login.json() as { accessToken: string }).accessToken;
        const pulled = await app.inject({ method: 'GET', url: '/api/v1/sync/pull?cursor=0&limit=5000', headers: { authorization: `Bearer ${token}` } });
        const changes = (pulled.json() as { changes: Array<{ entity: string; id: string }> }).changes;
        return changes.filter((c) => c.entity === 'appeal').map((c) => c.id).sort();
      };
      const ids = (m: string | null) => before.filter((a) => m === null || a.municipalityId === m).map((a) => a.id).sort();
      expect(await appealsOf('operator')).toEqual(ids('maykop'));
      expect(await appealsOf('head-m')).toEqual(ids('maykop'));
      expect(await appealsOf('operator2')).toEqual(ids('takhtamukaysky'));
      expect(await appealsOf('clerk-g')).toEqual(ids('giaginsky'));
      expect(await appealsOf('curator')).toEqual(ids(null));
    } finally {
      await closeApp(app, 100);
    }
  });
});
