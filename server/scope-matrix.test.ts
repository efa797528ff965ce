import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyTree, type Body, type BodyKind } from '../shared/bodies';
import type { Appeal, Role } from '../shared/domain';
import { ROLES } from '../shared/domain';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';
import { SseClient } from './test-support/sse';
import { pullAll, push, snapshotAll, uid } from './test-support/sync';
import { tinyDemoData } from './test-support/fixture';

/**
 * The scope matrix: a person of a body of every kind, in every role, against an appeal held by a
 * body of every kind, on every endpoint that reads or writes appeals (pull, the first download's
 * snapshot and a thread on demand, push, the live channel, attachment download and upload). A
 * person sees an appeal exactly when its body is theirs or under theirs. Reports and analytics are
 * computed on the workstation from what pull gave it, so pull's filter is theirs too.
 */
const BODIES: Array<Body & { key: BodyKind | 'district' }> = [
  { key: 'cur', id: 'cur', name: 'ЦУР Республики Адыгея', kind: 'cur', parentId: null },
  { key: 'ministry', id: 'minzdrav', name: 'Министерство здравоохранения Республики Адыгея', kind: 'ministry', parentId: 'cur' },
  { key: 'agency', id: 'vet', name: 'Управление ветеринарии Республики Адыгея', kind: 'agency', parentId: 'cur' },
  { key: 'municipality', id: 'maykop', name: 'Майкоп', kind: 'municipality', parentId: 'cur' },
  { key: 'district', id: 'giaginsky', name: 'Гиагинский район', kind: 'municipality', parentId: 'cur' },
  { key: 'settlement', id: 'giaginsky.don', name: 'Администрация ст. Дондуковская', kind: 'settlement', parentId: 'giaginsky' },
];
const tree = new BodyTree(BODIES);
const ENDPOINTS = ['pull', 'snapshot', 'thread', 'push', 'live', 'attachment-get', 'attachment-post'] as const;
type Endpoint = (typeof ENDPOINTS)[number];
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const username = (b: Body, role: Role) => `${b.id}.${role}`;
const appealOf = (b: Body) => `a-${b.id}`;

function matrixData() {
  const base = tinyDemoData();
  const template = base.appeals[0]!;
  const appeals: Appeal[] = BODIES.map((b) => ({ ...template, id: appealOf(b), externalRef: `ref-${b.id}`, municipalityId: b.id, assigneeId: null, status: 'new' }));
  return {
    ...base,
    bodies: BODIES.map(({ key: _key, ...b }) => b),
    users: BODIES.flatMap((b) => ROLES.map((role) => ({ id: `u-${b.id}-${role}`, username: username(b, role), displayName: `${b.name}: ${role}`, role, municipalityId: b.id }))),
    appeals,
    events: [],
    templates: [],
  };
}

describe.each(BACKENDS)('scope matrix: body kinds × roles × endpoints (%s)', (backend) => {
  let s: TestServer;
  const tokens = new Map<string, string>();
  /** Observed access: caller username → appeal id → endpoint → allowed. */
  const seen = new Map<string, Map<string, Map<Endpoint, boolean>>>();
  const record = (user: string, appealId: string, endpoint: Endpoint, allowed: boolean) => {
    const perAppeal = seen.get(user) ?? new Map();
    seen.set(user, perAppeal);
    const perEndpoint = perAppeal.get(appealId) ?? new Map();
    perAppeal.set(appealId, perEndpoint);
    perEndpoint.set(endpoint, allowed);
  };
  const callers = BODIES.flatMap((b) => ROLES.map((role) => ({ body: b, role, name: username(b, role) })));

  beforeAll(async () => {
    s = await startTestServer(backend, { data: matrixData() });
    for (const c of callers) tokens.set(c.name, (await s.login(c.name)).accessToken);
    // One photo on every appeal, uploaded by the ЦУР's administrator.
    for (const b of BODIES) {
      const res = await fetch(`${s.url}/api/v1/attachments?id=att-${b.id}&appealId=${appealOf(b)}&name=photo.png`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.get('cur.admin')}`, 'content-type': 'image/png' },
        body: new Uint8Array(PNG),
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => s?.close());

  it('pull: a caller receives the appeals (and their records) of their body and the bodies under it', async () => {
    for (const c of callers) {
      const { changes } = await pullAll(s, tokens.get(c.name)!);
      const got = new Set(changes.flatMap((ch) => (ch.op === 'upsert' && ch.entity === 'appeal' ? [ch.id] : [])));
      const parents = new Set(changes.flatMap((ch) => (ch.op === 'upsert' && 'appealId' in ch.data ? [ch.data.appealId] : [])));
      for (const b of BODIES) record(c.name, appealOf(b), 'pull', got.has(appealOf(b)) || parents.has(appealOf(b)));
    }
  });

  it('snapshot and thread on demand: the first download and a thread follow pull\'s filter', async () => {
    for (const c of callers) {
      const { state } = await snapshotAll(s, tokens.get(c.name)!);
      for (const b of BODIES) record(c.name, appealOf(b), 'snapshot', state.has(`appeal:${appealOf(b)}`));
      for (const b of BODIES) {
        const res = await s.call('GET', `/api/v1/sync/thread/${appealOf(b)}`, { token: tokens.get(c.name) });
        expect([200, 404]).toContain(res.status);
        record(c.name, appealOf(b), 'thread', res.status === 200);
      }
    }
  });

  it('push: a note is taken on an appeal in scope and refused (forbidden) outside it', async () => {
    for (const c of callers) {
      for (const b of BODIES) {
        const [result] = await push(s, tokens.get(c.name)!, [{ name: 'note.add', args: { noteId: uid('n'), appealId: appealOf(b), body: 'Проверка доступа' } }], `client-${c.name}`);
        if (result!.status === 'rejected') expect(result!.code).toBe('forbidden');
        record(c.name, appealOf(b), 'push', result!.status === 'applied');
      }
    }
  });

  it('attachments: downloaded and uploaded only within scope', async () => {
    for (const c of callers) {
      const headers = { authorization: `Bearer ${tokens.get(c.name)}` };
      for (const b of BODIES) {
        const got = await fetch(`${s.url}/api/v1/attachments/att-${b.id}`, { headers });
        await got.arrayBuffer();
        expect([200, 404]).toContain(got.status);
        record(c.name, appealOf(b), 'attachment-get', got.status === 200);
        const up = await fetch(`${s.url}/api/v1/attachments?id=${uid('att')}&appealId=${appealOf(b)}&name=photo.png`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'image/png' },
          body: new Uint8Array(PNG),
        });
        await up.arrayBuffer();
        expect([201, 403]).toContain(up.status);
        record(c.name, appealOf(b), 'attachment-post', up.status === 201);
      }
    }
  });

  it('live: a change to an appeal pokes the callers whose scope holds it, and nobody else', async () => {
    const clients = new Map<string, SseClient>();
    for (const c of callers) {
      const client = await SseClient.connect(`${s.url}/api/v1/sync/live`, { authorization: `Bearer ${tokens.get(c.name)}` });
      await client.waitFor((e) => e.event === 'hello');
      clients.set(c.name, client);
    }
    try {
      for (const b of BODIES) {
        const before = new Map([...clients].map(([name, cl]) => [name, cl.events.length]));
        const [result] = await push(s, tokens.get('cur.admin')!, [{ name: 'note.add', args: { noteId: uid('n'), appealId: appealOf(b), body: 'Толчок' } }]);
        expect(result!.status).toBe('applied');
        const newPoke = (name: string) => (e: { event: string }) => e.event === 'poke' && clients.get(name)!.events.indexOf(e as never) >= before.get(name)!;
        // Those who should hear of it get a while to; then the rest get a moment to show a leak.
        const expected = callers.filter((c) => tree.isWithin(b.id, c.body.id));
        await Promise.all(expected.map((c) => clients.get(c.name)!.waitFor(newPoke(c.name), 5000).catch(() => undefined)));
        await new Promise((r) => setTimeout(r, 200));
        const poked = (name: string) => clients.get(name)!.events.slice(before.get(name)).some((e) => e.event === 'poke');
        for (const c of callers) record(c.name, appealOf(b), 'live', poked(c.name));
      }
    } finally {
      for (const cl of clients.values()) cl.close();
    }
  });

  it('matches the tree on every case, with no leaks', () => {
    let cases = 0;
    const leaks: string[] = [];
    const misses: string[] = [];
    for (const c of callers) {
      for (const b of BODIES) {
        const expected = tree.isWithin(b.id, c.body.id);
        for (const endpoint of ENDPOINTS) {
          const allowed = seen.get(c.name)?.get(appealOf(b))?.get(endpoint);
          expect(allowed, `${c.name} × ${b.id} × ${endpoint} was not tried`).toBeDefined();
          cases++;
          const label = `${c.body.key}/${c.role} → ${b.key} via ${endpoint}`;
          if (allowed && !expected) leaks.push(label);
          if (!allowed && expected) misses.push(label);
        }
      }
    }
    console.log(`scope matrix (${backend}): ${BODIES.length} caller bodies × ${ROLES.length} roles × ${BODIES.length} appeal bodies × ${ENDPOINTS.length} endpoints = ${cases} cases; leaks ${leaks.length}; refused in scope ${misses.length}`);
    expect(cases).toBe(BODIES.length * ROLES.length * BODIES.length * ENDPOINTS.length);
    expect(leaks).toEqual([]);
    expect(misses).toEqual([]);
  });
});
