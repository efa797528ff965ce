import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDeadlines } from '../shared/deadlines';
import { DEFAULT_RULES_BY_SOURCE, withSourceRules } from '../shared/deadline-rules';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';

/** «Сроки ответа»: the deadline rules per source, the law's until the administrator sets the region's; new appeals get them. */
describe.each(BACKENDS)('deadline rules per source (%s)', (backend) => {
  let s: TestServer;
  let admin: string;
  const PATH = '/api/v1/admin/deadline-rules';
  const shorterVk = { ...DEFAULT_RULES_BY_SOURCE, vk: { ...DEFAULT_RULES_BY_SOURCE.vk, final: { unit: 'workingDays', amount: 3 } } };

  beforeAll(async () => {
    s = await startTestServer(backend);
    admin = (await s.login('admin')).accessToken;
  });
  afterAll(async () => s?.close());

  async function intake(source: string, receivedAt: string): Promise<{ dueAt: string }> {
    const res = await fetch(`${s.url}/api/v1/intake/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.integrationToken}` },
      body: JSON.stringify({ source, externalRef: `${source}:${Math.random()}`, author: { name: 'Житель' }, text: 'Не убран снег на остановке.', municipalityId: 'maykop', receivedAt }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const row = await s.db.query<{ due: Date }>('SELECT due_at AS due FROM appeals WHERE id = $1', [id]);
    return { dueAt: new Date(row.rows[0]!.due).toISOString() };
  }

  it('starts as the law’s, and only an administrator may read or change them', async () => {
    expect((await s.call('GET', PATH, { token: admin })).body).toEqual(DEFAULT_RULES_BY_SOURCE);
    for (const who of ['operator', 'curator']) {
      const token = (await s.login(who)).accessToken;
      expect((await s.call('GET', PATH, { token })).status).toBe(403);
      expect((await s.call('PUT', PATH, { token, body: shorterVk })).status).toBe(403);
    }
  });

  it('refuses a term of zero with validation_failed and keeps the rules', async () => {
    const bad = { ...DEFAULT_RULES_BY_SOURCE, vk: { ...DEFAULT_RULES_BY_SOURCE.vk, final: { unit: 'workingDays', amount: 0 } } };
    const res = await s.call('PUT', PATH, { token: admin, body: bad });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect((await s.call('GET', PATH, { token: admin })).body).toEqual(DEFAULT_RULES_BY_SOURCE);
  });

  it('a new VK appeal gets the region’s shorter term, an OK one the law’s; the log has before and after', async () => {
    const receivedAt = '2026-12-01T07:00:00.000Z';
    expect((await s.call('PUT', PATH, { token: admin, body: shorterVk })).status).toBe(200);
    expect(await intake('vk', receivedAt)).toEqual({ dueAt: '2026-12-04T15:00:00.000Z' });
    expect(await intake('ok', receivedAt)).toEqual({ dueAt: computeDeadlines({ source: 'ok', priority: 'normal', receivedAt: new Date(receivedAt) }, withSourceRules(DEFAULT_RULES_BY_SOURCE)).dueAt.toISOString() });
    const log = await s.call('GET', '/api/v1/admin/audit?kind=admin.change', { token: admin });
    expect(log.body.entries.find((e: { data: { action?: string } }) => e.data.action === 'deadlineRules.update')).toMatchObject({ data: { before: DEFAULT_RULES_BY_SOURCE, after: shorterVk } });
  });
});
