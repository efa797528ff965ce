import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appeal, AppealEvent } from '../shared/domain';
import { intakeResponseSchema } from '../shared/protocol';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';
import { SseClient } from './test-support/sse';
import { pullAll, replay, uid } from './test-support/sync';

describe.each(BACKENDS)('intake (%s)', (backend) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    s = await startTestServer(backend);
    for (const u of ['operator', 'operator2', 'clerk-m2']) tokens[u] = (await s.login(u)).accessToken;
  });
  afterAll(async () => s?.close());

  const post = (body: unknown, token = s.integrationToken) =>
    s.call('POST', '/api/v1/intake/appeals', { body, headers: { authorization: `Bearer ${token}` } });

  const vkPost = (settlement?: string) => ({
    source: 'vk',
    externalRef: `https://vk.com/wall-2_${uid('post')}`,
    author: { name: 'Руслан Ешугов', profileUrl: 'https://vk.com/id77' },
    text: 'На дороге к школе огромная яма, машины объезжают по встречной',
    ...(settlement ? { settlement } : {}),
  });

  it('routes by settlement to the least busy clerk, computes deadlines and pokes that clerk at once', async () => {
    const live = await SseClient.connect(`${s.url}/api/v1/sync/live`, { authorization: `Bearer ${tokens.operator2}` });
    try {
      await live.waitFor((e) => e.event === 'hello');
      const before = await pullAll(s, tokens.operator2!);
      const res = await post(vkPost('а. Тахтамукай'));
      expect(res.status).toBe(201);
      const created = intakeResponseSchema.parse(res.body);
      expect(created).toMatchObject({ duplicate: false, municipalityId: 'takhtamukaysky', assigneeId: 'u-operator2' });
      await live.waitFor((e) => e.event === 'poke');

      const after = replay((await pullAll(s, tokens.operator2!, before.cursor)).changes);
      const appeal = after.get(`appeal:${created.id}`) as Appeal;
      expect(appeal).toMatchObject({ status: 'assigned', category: 'roads', settlement: 'а. Тахтамукай', priority: 'normal', version: 1 });
      expect(new Date(appeal.dueAt).getTime()).toBeGreaterThan(new Date(appeal.receivedAt).getTime());
      const kinds = [...after.values()].filter((v) => (v as AppealEvent).appealId === created.id).map((v) => (v as AppealEvent).kind);
      expect(kinds.sort()).toEqual(['assigned', 'received', 'routed']);
      // Not delivered to a clerk of another municipality.
      const other = replay((await pullAll(s, tokens.operator!)).changes);
      expect(other.has(`appeal:${created.id}`)).toBe(false);
    } finally {
      live.close();
    }
  });

  it('is idempotent on (source, externalRef)', async () => {
    const body = vkPost('Яблоновский');
    const first = await post(body);
    const second = await post({ ...body, text: 'Повтор того же поста' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: first.body.id, duplicate: true, municipalityId: 'takhtamukaysky' });
    const count = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM appeals WHERE external_ref = $1', [body.externalRef]);
    expect(count.rows[0]?.n).toBe(1);
  });

  it('spreads appeals over the clerks by their open workload', async () => {
    // Майкоп has operator (two open appeals in the fixture) and clerk-m2 (none): the next goes to clerk-m2.
    const res = await post(vkPost('г. Майкоп'));
    expect(res.body).toMatchObject({ municipalityId: 'maykop', assigneeId: 'u-clerk-m2' });
  });

  it('uses the municipality and category the source gives, and the regional centre when nothing matches', async () => {
    const given = await post({ ...vkPost(), municipalityId: 'giaginsky', category: 'health' });
    expect(given.body).toMatchObject({ municipalityId: 'giaginsky', assigneeId: 'u-clerk-g' });
    const unknown = await post(vkPost('Неизвестное село'));
    expect(unknown.body).toMatchObject({ municipalityId: 'maykop' });
    const bad = await post({ ...vkPost(), municipalityId: 'atlantis' });
    expect(bad.status).toBe(400);
  });

  it('refuses requests without a valid integration token, and invalid bodies', async () => {
    expect((await post(vkPost(), 'wrong-token')).status).toBe(401);
    const noAuth = await s.call('POST', '/api/v1/intake/appeals', { body: vkPost() });
    expect(noAuth.status).toBe(401);
    // A clerk's access token is not an integration token.
    expect((await post(vkPost(), tokens.operator)).status).toBe(401);
    const invalid = await post({ ...vkPost(), source: 'fax' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('validation_failed');
  });
});
