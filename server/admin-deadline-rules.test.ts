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

/** «Календарь»: the region's own days off and working weekends, counted in every new deadline. */
describe.each(BACKENDS)('the region’s calendar days (%s)', (backend) => {
  let s: TestServer;
  let admin: string;
  const PATH = '/api/v1/admin/calendar';

  beforeAll(async () => {
    s = await startTestServer(backend);
    admin = (await s.login('admin')).accessToken;
  });
  afterAll(async () => s?.close());

  async function dueOf(receivedAt: string): Promise<string> {
    const res = await fetch(`${s.url}/api/v1/intake/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.integrationToken}` },
      body: JSON.stringify({ source: 'vk', externalRef: `vk:${Math.random()}`, author: { name: 'Житель' }, text: 'Яма у школы.', municipalityId: 'maykop', receivedAt }),
    });
    const { id } = (await res.json()) as { id: string };
    return new Date((await s.db.query<{ due: Date }>('SELECT due_at AS due FROM appeals WHERE id = $1', [id])).rows[0]!.due).toISOString();
  }

  it('a regional holiday moves the next appeal’s deadline by a working day; a weekend «holiday» is refused; the log has it', async () => {
    expect((await s.call('GET', PATH, { token: admin })).body).toEqual({ holidays: [], workdays: [] });
    expect(await dueOf('2026-12-01T07:00:00.000Z')).toBe('2026-12-10T15:00:00.000Z');
    const refused = await s.call('PUT', PATH, { token: admin, body: { holidays: ['2026-12-05'], workdays: [] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    expect((await s.call('PUT', PATH, { token: admin, body: { holidays: ['2026-12-04', '2026-12-04'], workdays: [] } })).body).toEqual({ holidays: ['2026-12-04'], workdays: [] });
    expect(await dueOf('2026-12-01T07:00:00.000Z')).toBe('2026-12-11T15:00:00.000Z');
    expect((await s.call('PUT', PATH, { token: (await s.login('curator')).accessToken, body: { holidays: [], workdays: [] } })).status).toBe(403);
    // Every workstation reads the days, to colour deadlines as the server counts them.
    expect((await s.call('GET', '/api/v1/policy/calendar', { token: (await s.login('operator')).accessToken })).body).toEqual({ holidays: ['2026-12-04'], workdays: [] });
    const log = await s.call('GET', '/api/v1/admin/audit?kind=admin.change', { token: admin });
    expect(log.body.entries.find((e: { data: { action?: string } }) => e.data.action === 'calendar.update')).toMatchObject({ data: { before: { holidays: [], workdays: [] }, after: { holidays: ['2026-12-04'], workdays: [] } } });
  });
});
