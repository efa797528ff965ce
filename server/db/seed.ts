import { fillAllClosedDocs } from '../closed-docs';
import type { Appeal, AppealEvent, Municipality, Note, Reply, Template, User } from '../../shared/domain';
import type { Body } from '../../shared/bodies';
import { bodiesFromMunicipalities } from '../seed/bodies';
import { insertRoutingRule } from '../repo/routing-rules';
import type { DemoData } from '../seed/types';
import { addIntegrationToken } from '../auth/integration';
import { hashPassword } from '../auth/passwords';
import { ensureSetting } from '../auth/tokens';
import { GLOBAL_SCOPE, municipalityScope, templateScope } from '../scopes';
import type { Db, Queryable } from './types';

export const DEMO_PASSWORD = 'demo';
const SEED_LOCK = 7270002;
const CHUNK = 2000;

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** The form the *_json SQL functions give, so seeded and later change rows look alike. */
const iso = (s: string): string => (ISO.test(s) ? s : new Date(s).toISOString());
const isoOrNull = (s: string | null): string | null => (s === null ? null : iso(s));

// Records exactly as the wire protocol has them (and as the *_json SQL functions build them).
const wire = {
  body: (b: Body) => ({ id: b.id, name: b.name, kind: b.kind, parentId: b.parentId }),
  municipality: (m: Municipality) => ({ id: m.id, name: m.name, kind: m.kind, settlements: m.settlements }),
  user: (u: User) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, municipalityId: u.municipalityId }),
  template: (t: Template) => ({ id: t.id, title: t.title, body: t.body, ownerId: t.ownerId, municipalityId: t.municipalityId, updatedAt: iso(t.updatedAt) }),
  appeal: (a: Appeal) => ({
    id: a.id, source: a.source, externalRef: a.externalRef, author: a.author, text: a.text, attachments: a.attachments,
    receivedAt: iso(a.receivedAt), category: a.category, municipalityId: a.municipalityId, settlement: a.settlement,
    address: a.address, assigneeId: a.assigneeId, status: a.status, priority: a.priority,
    firstResponseDueAt: isoOrNull(a.firstResponseDueAt), dueAt: iso(a.dueAt), firstRespondedAt: isoOrNull(a.firstRespondedAt),
    version: a.version, updatedAt: iso(a.updatedAt),
  }),
  reply: (r: Reply) => ({
    id: r.id, appealId: r.appealId, authorId: r.authorId, authorName: r.authorName, body: r.body, attachments: r.attachments,
    state: r.state, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt),
  }),
  note: (n: Note) => ({ id: n.id, appealId: n.appealId, authorId: n.authorId, authorName: n.authorName, body: n.body, createdAt: iso(n.createdAt) }),
  event: (e: AppealEvent) => ({
    id: e.id, appealId: e.appealId, actorId: e.actorId, actorName: e.actorName, kind: e.kind, data: e.data, version: e.version, at: iso(e.at),
  }),
};

const TABLE_SQL = {
  body: `INSERT INTO bodies (id, name, kind, parent_id, sort)
    SELECT id, name, kind, "parentId", $5::int + row_number() OVER ()
    FROM json_to_recordset($1::json) AS x(id text, name text, kind text, "parentId" text)`,
  municipality: `INSERT INTO municipalities (id, name, kind, settlements, sort)
    SELECT id, name, kind, ARRAY(SELECT json_array_elements_text(settlements)), $5::int + row_number() OVER ()
    FROM json_to_recordset($1::json) AS x(id text, name text, kind text, settlements json)`,
  user: `INSERT INTO users (id, username, display_name, role, municipality_id, password_hash)
    SELECT id, username, "displayName", role, "municipalityId", $5
    FROM json_to_recordset($1::json) AS x(id text, username text, "displayName" text, role text, "municipalityId" text)`,
  template: `INSERT INTO templates (id, title, body, owner_id, municipality_id, updated_at)
    SELECT id, title, body, "ownerId", "municipalityId", "updatedAt"
    FROM json_to_recordset($1::json) AS x(id text, title text, body text, "ownerId" text, "municipalityId" text, "updatedAt" timestamptz)`,
  appeal: `INSERT INTO appeals (id, source, external_ref, author, text, attachments, received_at, category, municipality_id,
      settlement, address, assignee_id, status, priority, first_response_due_at, due_at, first_responded_at, version, updated_at)
    SELECT id, source, "externalRef", author, text, attachments, "receivedAt", category, "municipalityId",
      settlement, address, "assigneeId", status, priority, "firstResponseDueAt", "dueAt", "firstRespondedAt", version, "updatedAt"
    FROM json_to_recordset($1::json) AS x(id text, source text, "externalRef" text, author jsonb, text text, attachments jsonb,
      "receivedAt" timestamptz, category text, "municipalityId" text, settlement text, address text, "assigneeId" text,
      status text, priority text, "firstResponseDueAt" timestamptz, "dueAt" timestamptz, "firstRespondedAt" timestamptz,
      version int, "updatedAt" timestamptz)`,
  reply: `INSERT INTO replies (id, appeal_id, author_id, author_name, body, attachments, state, created_at, updated_at)
    SELECT id, "appealId", "authorId", "authorName", body, attachments, state, "createdAt", "updatedAt"
    FROM json_to_recordset($1::json) AS x(id text, "appealId" text, "authorId" text, "authorName" text, body text,
      attachments jsonb, state text, "createdAt" timestamptz, "updatedAt" timestamptz)`,
  note: `INSERT INTO notes (id, appeal_id, author_id, author_name, body, created_at)
    SELECT id, "appealId", "authorId", "authorName", body, "createdAt"
    FROM json_to_recordset($1::json) AS x(id text, "appealId" text, "authorId" text, "authorName" text, body text, "createdAt" timestamptz)`,
  event: `INSERT INTO events (id, appeal_id, actor_id, actor_name, kind, data, version, at)
    SELECT id, "appealId", "actorId", "actorName", kind, data, version, at
    FROM json_to_recordset($1::json) AS x(id text, "appealId" text, "actorId" text, "actorName" text, kind text,
      data jsonb, version int, at timestamptz)`,
} as const;

/**
 * One statement per chunk: the rows go into their table and, as the very same JSON text, into the
 * change log, so the (large) parameter crosses into the database once and no JSON is built twice.
 */
const withChanges = (tableSql: string) => `WITH ins AS (${tableSql})
  INSERT INTO changes (seq, entity, entity_id, op, scope, leave, data)
  SELECT $2::bigint + e.ord, $3, e.v->>'id', 'upsert', s.scope, false, e.v
  FROM json_array_elements($1::json) WITH ORDINALITY AS e(v, ord)
  JOIN json_array_elements_text($4::json) WITH ORDINALITY AS s(scope, ord) USING (ord)`;
const CHUNK_SQL = Object.fromEntries(Object.entries(TABLE_SQL).map(([k, sql]) => [k, withChanges(sql)])) as Record<Kind, string>;

type Kind = keyof typeof TABLE_SQL;

class SeedWriter {
  constructor(
    private readonly q: Queryable,
    public seq: number,
  ) {}

  async write<T>(kind: Kind, rows: readonly T[], scope: (r: T) => string, extra: unknown[] = []): Promise<void> {
    const toWire = wire[kind] as (r: T) => object;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const json = JSON.stringify(chunk.map(toWire));
      const params = [json, this.seq, kind, JSON.stringify(chunk.map(scope)), ...(kind === 'municipality' || kind === 'body' ? [i] : extra)];
      await this.q.query(CHUNK_SQL[kind], params);
      this.seq += chunk.length;
    }
  }
}

export async function isEmpty(q: Queryable): Promise<boolean> {
  const res = await q.query('SELECT 1 FROM municipalities LIMIT 1');
  return res.rows.length === 0;
}

/**
 * Inserts a demo region in one transaction, with a change row for every record, and creates the
 * demo integration token. Every user's password is `demo`, hashed once (bcrypt is slow on
 * purpose). Reference data comes first in the log, then appeals newest first, so a workstation
 * bootstrapping shows recent work soonest, then their replies, notes and history.
 */
export async function seedDemo(db: Db, data: DemoData): Promise<{ demoIntegrationToken: string; seeded: boolean }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const municipalityOf = new Map(data.appeals.map((a) => [a.id, a.municipalityId]));
  const child = (r: { appealId: string }) => municipalityScope(municipalityOf.get(r.appealId) ?? '');
  const appeals = [...data.appeals].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0));
  const users: User[] = data.users.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, municipalityId: u.municipalityId }));

  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    // Another process may have seeded while this one waited for the lock.
    if (!(await isEmpty(q))) return { demoIntegrationToken: (await demoIntegrationToken(q)) ?? '', seeded: false };
    // The tables are empty; truncating them in this transaction lets PostgreSQL (with
    // wal_level=minimal, as PGlite runs) write the bulk data without logging every row.
    await q.exec('TRUNCATE appeal_followers, bodies, municipalities, users, refresh_tokens, sessions, login_failures, templates, appeals, replies, notes, events, changes, thread_docs, row_docs');
    // Holding the change_seq row lock for the whole seed keeps every other writer behind it.
    const base = await q.query<{ last: number }>('UPDATE change_seq SET last = last WHERE id = 1 RETURNING last');
    const w = new SeedWriter(q, Number(base.rows[0]?.last ?? 0));
    // Parents before children: the tree's foreign key is checked row by row.
    await w.write('body', data.bodies ?? bodiesFromMunicipalities(data.municipalities), () => GLOBAL_SCOPE);
    await w.write('municipality', data.municipalities, () => GLOBAL_SCOPE);
    await w.write('user', users, () => GLOBAL_SCOPE, [passwordHash]);
    await w.write('template', data.templates, templateScope);
    await w.write('appeal', appeals, (a) => municipalityScope(a.municipalityId));
    await w.write('reply', data.replies, child);
    await w.write('note', data.notes, child);
    await w.write('event', data.events, child);
    // The closed appeals' docs as a running server's timer would have them (server/closed-docs.ts).
    await fillAllClosedDocs(q);
    await q.query('UPDATE change_seq SET last = $1 WHERE id = 1', [w.seq]);
    await q.exec('DELETE FROM routing_rules');
    for (const r of data.routingRules ?? []) await insertRoutingRule(q, r.id, r);

    const token = await ensureSetting(q, 'demo_integration_token', () => '');
    return { demoIntegrationToken: token !== '' ? token : await createDemoToken(q), seeded: true };
  });
}

/** The demo token is kept readable (like the demo password) so a restart can print it again. */
async function createDemoToken(q: Queryable): Promise<string> {
  const token = await addIntegrationToken(q, 'demo');
  await q.query(`UPDATE settings SET value = $1 WHERE key = 'demo_integration_token'`, [token]);
  return token;
}

export async function demoIntegrationToken(q: Queryable): Promise<string | null> {
  const res = await q.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'demo_integration_token'`);
  const value = res.rows[0]?.value;
  return value ? value : null;
}
