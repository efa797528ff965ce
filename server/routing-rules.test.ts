import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './test-support/backends';
import { tinyDemoData } from './test-support/fixture';
import { startTestServer, type TestServer } from './test-support/server';
import { pullAll } from './test-support/sync';
import { bodiesFromMunicipalities } from './seed/bodies';

/** Routing rules as the administrator edits them, and an appeal routed by one at intake. */
describe.each(BACKENDS)('routing rules (%s)', (backend) => {
  let s: TestServer;
  let admin: string;
  const RULES = '/api/v1/admin/routing-rules';
  const healthRule = {
    name: 'Здравоохранение — Минздрав РА (кроме муниципальных вопросов)',
    position: 20,
    when: { categories: ['health'], unlessKeywords: ['дорог', 'освещени'] },
    target: { kind: 'body', bodyId: 'minzdrav' },
  };

  beforeAll(async () => {
    const data = tinyDemoData();
    const bodies = [...bodiesFromMunicipalities(data.municipalities), { id: 'minzdrav', name: 'Министерство здравоохранения Республики Адыгея', kind: 'ministry' as const, parentId: 'cur' }];
    s = await startTestServer(backend, { data: { ...data, bodies } });
    admin = (await s.login('admin')).accessToken;
  });
  afterAll(async () => s?.close());

  type Entry = { kind: string; actorName: string | null; subject: string | null; data: { action?: string; before?: unknown; after?: unknown } };
  /** The routing rules' entries in the audit log, oldest first. */
  const ruleAudit = async (): Promise<Entry[]> => {
    const res = await s.call('GET', '/api/v1/admin/audit?kind=admin.change', { token: admin });
    expect(res.status).toBe(200);
    return (res.body.entries as Entry[]).filter((e) => e.data.action?.startsWith('routingRule.')).reverse();
  };

  const intake = (externalRef: string, text: string, settlement = 'Ханская') =>
    s.call('POST', '/api/v1/intake/appeals', {
      headers: { authorization: `Bearer ${s.integrationToken}` },
      body: { source: 'vk', externalRef, author: { name: 'Анна Смирнова' }, text, settlement },
    });

  it('is the administrator’s alone', async () => {
    for (const who of ['operator', 'curator', 'head-m']) {
      const token = (await s.login(who)).accessToken;
      expect((await s.call('GET', RULES, { token })).status).toBe(403);
      expect((await s.call('POST', RULES, { token, body: healthRule })).status).toBe(403);
    }
    expect((await s.call('GET', RULES)).status).toBe(401);
  });

  it('refuses a rule without a name or to a body that does not exist, with validation_failed', async () => {
    const noName = await s.call('POST', RULES, { token: admin, body: { ...healthRule, name: '' } });
    expect(noName.status).toBe(400);
    expect(noName.body.error.code).toBe('validation_failed');
    const nowhere = await s.call('POST', RULES, { token: admin, body: { ...healthRule, target: { kind: 'body', bodyId: 'minsport' } } });
    expect(nowhere.status).toBe(400);
    expect((await s.call('GET', RULES, { token: admin })).body.rules).toEqual([]);
    // A refused change leaves no trace in the audit log either.
    expect(await ruleAudit()).toEqual([]);
  });

  it('an administrator creates a ministry clerk and a rule; a health appeal then lands in that clerk’s queue, the rule named in its history', async () => {
    const created = await s.call('POST', '/api/v1/admin/users', {
      token: admin,
      body: { username: 'minzdrav.clerk', displayName: 'Галина Киселёва', role: 'clerk', municipalityId: 'minzdrav', password: 'zdravoohranenie' },
    });
    expect(created.status).toBe(201);
    const rule = await s.call('POST', RULES, { token: admin, body: healthRule });
    expect(rule.status).toBe(201);
    expect(rule.body).toMatchObject({ ...healthRule, enabled: true });
    const { updatedAt: _createdAt, ...createdRule } = rule.body;
    expect(await ruleAudit()).toEqual([
      expect.objectContaining({ kind: 'admin.change', actorName: 'Администратор', subject: healthRule.name, data: { action: 'routingRule.create', before: null, after: createdRule } }),
    ]);

    const check = await s.call('POST', `${RULES}/check`, { token: admin, body: { text: 'В поликлинике нет талонов к терапевту', settlement: 'Ханская' } });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ bodyId: 'minzdrav', bodyName: 'Министерство здравоохранения Республики Адыгея', category: 'health', by: 'rule', rule: { id: rule.body.id, name: healthRule.name } });
    const municipal = await s.call('POST', `${RULES}/check`, { token: admin, body: { text: 'Дорога к поликлинике вся в ямах', settlement: 'Ханская', category: 'health' } });
    expect(municipal.body).toMatchObject({ bodyId: 'maykop', by: 'settlement', rule: null });

    const res = await intake('vk-health-1', 'В поликлинике нет талонов к терапевту уже месяц');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ municipalityId: 'minzdrav' });
    const clerk = await s.call('POST', '/api/v1/auth/login', { body: { username: 'minzdrav.clerk', password: 'zdravoohranenie' } });
    const { changes } = await pullAll(s, clerk.body.accessToken);
    const appeal = changes.find((c) => c.entity === 'appeal' && c.id === res.body.id);
    expect(appeal?.op === 'upsert' && appeal.data).toMatchObject({ municipalityId: 'minzdrav', assigneeId: created.body.user.id, status: 'assigned' });
    const routed = changes.find((c) => c.op === 'upsert' && c.entity === 'event' && c.data.appealId === res.body.id && c.data.kind === 'routed');
    expect(routed?.op === 'upsert' && routed.entity === 'event' && routed.data.data).toMatchObject({ by: 'rule', ruleId: rule.body.id, ruleName: healthRule.name });
    // Майкоп's clerk never sees it.
    const operator = (await s.login('operator')).accessToken;
    expect((await pullAll(s, operator)).changes.some((c) => c.id === res.body.id)).toBe(false);
  });

  it('changes and deletes a rule; a deleted rule no longer routes', async () => {
    const [rule] = (await s.call('GET', RULES, { token: admin })).body.rules;
    const renamed = await s.call('PUT', `${RULES}/${rule.id}`, { token: admin, body: { ...healthRule, name: 'Медицина — Минздрав', enabled: false } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Медицина — Минздрав', enabled: false });
    expect((await s.call('POST', `${RULES}/check`, { token: admin, body: { text: 'В поликлинике нет талонов', settlement: 'Ханская' } })).body.bodyId).toBe('maykop');
    expect((await s.call('DELETE', `${RULES}/${rule.id}`, { token: admin })).status).toBe(204);
    expect((await s.call('DELETE', `${RULES}/${rule.id}`, { token: admin })).status).toBe(404);
    expect((await s.call('PUT', `${RULES}/${rule.id}`, { token: admin, body: healthRule })).status).toBe(404);
    // The change and the deletion are each in the log with what the rule was before and after.
    const { updatedAt: _before, ...before } = rule;
    const { updatedAt: _after, ...after } = renamed.body;
    const [, changed, deleted, ...rest] = await ruleAudit();
    expect(changed).toMatchObject({ actorName: 'Администратор', subject: 'Медицина — Минздрав', data: { action: 'routingRule.update', before, after } });
    expect(deleted).toMatchObject({ subject: 'Медицина — Минздрав', data: { action: 'routingRule.delete', before: after, after: null } });
    // The refused second deletion and the change of a deleted rule wrote nothing.
    expect(rest).toEqual([]);
    expect((await intake('vk-health-2', 'В поликлинике грубит регистратура')).body.municipalityId).toBe('maykop');
  });
});
