import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';
import { push, uid } from './test-support/sync';

/** The approval policy in the console: seeded by OTKLIK_APPROVAL's value, then the administrator's. */
describe.each(BACKENDS)('the approval policy (%s)', (backend) => {
  let s: TestServer;
  let admin: string;
  const PATH = '/api/v1/admin/approval-policy';

  beforeAll(async () => {
    s = await startTestServer(backend, { approvalPolicy: { rules: { takhtamukaysky: ['*'] } } });
    admin = (await s.login('admin')).accessToken;
  });
  afterAll(async () => s?.close());

  it('starts as the variable seeded it, and only an administrator may read or change it', async () => {
    expect((await s.call('GET', PATH, { token: admin })).body).toEqual({ rules: { takhtamukaysky: ['*'] } });
    for (const who of ['operator', 'head-m', 'curator']) {
      const token = (await s.login(who)).accessToken;
      expect((await s.call('GET', PATH, { token })).status).toBe(403);
      expect((await s.call('PUT', PATH, { token, body: { rules: {} } })).status).toBe(403);
    }
    expect((await s.call('PUT', PATH, { token: admin, body: { rules: { maykop: ['fax'] } } })).body.error.code).toBe('validation_failed');
  });

  it('an administrator’s change holds at the next push, workstations read it, and the log has before and after', async () => {
    const operator = (await s.login('operator')).accessToken;
    const [before] = await push(s, operator, [{ name: 'reply.submit', args: { replyId: uid('r'), appealId: 'a-m1', body: 'Проверим до пятницы.' } }]);
    expect(before).toMatchObject({ status: 'applied' });
    const set = await s.call('PUT', PATH, { token: admin, body: { rules: { maykop: ['vk', 'ok'] } } });
    expect(set.status).toBe(200);
    expect((await s.call('GET', '/api/v1/policy/approval', { token: operator })).body).toEqual({ rules: { maykop: ['vk', 'ok'] } });
    const replyId = uid('r');
    await push(s, operator, [{ name: 'reply.submit', args: { replyId, appealId: 'a-m2', body: 'Направим бригаду.' } }]);
    const head = (await s.login('head-m')).accessToken;
    const pending = await s.call('GET', '/api/v1/sync/pull?cursor=0&limit=1000', { token: head });
    const reply = (pending.body.changes as Array<{ entity: string; id: string; data: { state?: string } }>).filter((c) => c.entity === 'reply' && c.id === replyId).at(-1);
    expect(reply?.data.state).toBe('submitted');
    const log = await s.call('GET', '/api/v1/admin/audit?kind=admin.change', { token: admin });
    expect(log.body.entries.find((e: { data: { action?: string } }) => e.data.action === 'approvalPolicy.update')).toMatchObject({
      data: { before: { rules: { takhtamukaysky: ['*'] } }, after: { rules: { maykop: ['vk', 'ok'] } } },
    });
  });
});
