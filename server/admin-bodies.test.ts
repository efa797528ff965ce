import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';
import { pullAll, push, replay } from './test-support/sync';

/** «Органы»: the administrator edits the body tree; every change is audited and synced. */
describe.each(BACKENDS)('bodies in the administrator’s console (%s)', (backend) => {
  let s: TestServer;
  let admin: string;
  const BODIES = '/api/v1/admin/bodies';

  beforeAll(async () => {
    s = await startTestServer(backend);
    admin = (await s.login('admin')).accessToken;
  });
  afterAll(async () => s?.close());

  type Entry = { actorName: string | null; subject: string | null; data: { action?: string; before?: unknown; after?: unknown } };
  const bodyAudit = async (): Promise<Entry[]> => {
    const res = await s.call('GET', '/api/v1/admin/audit?kind=admin.change', { token: admin });
    return (res.body.entries as Entry[]).filter((e) => e.data.action?.startsWith('body.')).reverse();
  };
  const create = (body: unknown) => s.call('POST', BODIES, { token: admin, body });
  const bodyRow = (changes: Awaited<ReturnType<typeof pullAll>>['changes'], id: string) => replay(changes).get(`body:${id}`);

  it('is the administrator’s alone: 403 for clerks and supervisors, 401 without a token, and nothing changes', async () => {
    for (const who of ['operator', 'head-m', 'curator']) {
      const token = (await s.login(who)).accessToken;
      expect((await s.call('GET', BODIES, { token })).status).toBe(403);
      expect((await s.call('POST', BODIES, { token, body: { name: 'Минтранс', kind: 'ministry', parentId: 'cur' } })).status).toBe(403);
      expect((await s.call('POST', `${BODIES}/maykop`, { token, body: { name: 'Город' } })).status).toBe(403);
      expect((await s.call('POST', `${BODIES}/maykop/disabled`, { token, body: { disabled: true } })).status).toBe(403);
    }
    expect((await s.call('GET', BODIES)).status).toBe(401);
    const list = (await s.call('GET', BODIES, { token: admin })).body.bodies as Array<{ id: string; name: string; disabled: boolean }>;
    expect(list.find((b) => b.id === 'maykop')).toMatchObject({ name: 'Майкоп', disabled: false });
    expect(await bodyAudit()).toEqual([]);
  });

  it('lists the tree with each body’s staff count', async () => {
    const list = (await s.call('GET', BODIES, { token: admin })).body.bodies as Array<{ id: string; kind: string; parentId: string | null; staffCount: number }>;
    expect(list.find((b) => b.id === 'cur')).toMatchObject({ kind: 'cur', parentId: null, staffCount: 2 });
    expect(list.find((b) => b.id === 'maykop')).toMatchObject({ kind: 'municipality', parentId: 'cur', staffCount: 3 });
  });

  it('creates a ministry; a clerk’s workstation receives it at the next pull; the log has it with its after', async () => {
    const operator = (await s.login('operator')).accessToken;
    const { cursor } = await pullAll(s, operator);
    const res = await create({ name: 'Министерство транспорта Республики Адыгея', kind: 'ministry', parentId: 'cur' });
    expect(res.status).toBe(201);
    expect(res.body.body).toMatchObject({ name: 'Министерство транспорта Республики Адыгея', kind: 'ministry', parentId: 'cur', disabled: false, staffCount: 0 });
    const id = res.body.body.id as string;
    const pulled = await pullAll(s, operator, cursor);
    // An enabled body's row has no `disabled` key, like the rows of the bodies that were always there.
    expect(bodyRow(pulled.changes, id)).toEqual({ id, name: 'Министерство транспорта Республики Адыгея', kind: 'ministry', parentId: 'cur' });
    expect(await bodyAudit()).toEqual([
      expect.objectContaining({ actorName: 'Администратор', data: { action: 'body.create', before: null, after: { id, name: 'Министерство транспорта Республики Адыгея', kind: 'ministry', parentId: 'cur', disabled: false } } }),
    ]);
  });

  it('refuses with validation_failed a body that does not fit the tree, a second root, an unknown parent and an empty name; nothing is logged', async () => {
    const before = (await bodyAudit()).length;
    for (const body of [
      { name: 'Администрация посёлка', kind: 'settlement', parentId: 'cur' },
      { name: 'Второй ЦУР', kind: 'cur', parentId: 'cur' },
      { name: 'Управление', kind: 'agency', parentId: 'nowhere' },
      { name: '', kind: 'agency', parentId: 'cur' },
      { name: 'Я'.repeat(301), kind: 'agency', parentId: 'cur' },
    ]) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect(await bodyAudit()).toHaveLength(before);
  });

  it('renames and moves, refusing a cycle; each change is logged with its before and after', async () => {
    const ministry = (await create({ name: 'Министерство культуры', kind: 'ministry', parentId: 'cur' })).body.body;
    const agency = (await create({ name: 'Управление по охране памятников', kind: 'agency', parentId: ministry.id })).body.body;
    const cycle = await s.call('POST', `${BODIES}/${ministry.id}`, { token: admin, body: { parentId: agency.id } });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'parentId', message: 'cycle' }] });
    expect((await s.call('POST', `${BODIES}/${ministry.id}`, { token: admin, body: { parentId: ministry.id } })).status).toBe(400);
    expect((await s.call('POST', `${BODIES}/cur`, { token: admin, body: { parentId: ministry.id } })).status).toBe(400);
    expect((await s.call('POST', `${BODIES}/nowhere`, { token: admin, body: { name: 'Кто-то' } })).status).toBe(404);

    const renamed = await s.call('POST', `${BODIES}/${ministry.id}`, { token: admin, body: { name: 'Министерство культуры Республики Адыгея' } });
    expect(renamed.status).toBe(200);
    const moved = await s.call('POST', `${BODIES}/${agency.id}`, { token: admin, body: { parentId: 'cur' } });
    expect(moved.status).toBe(200);
    expect(moved.body.body).toMatchObject({ parentId: 'cur' });
    const entries = await bodyAudit();
    const rename = entries.find((e) => e.data.action === 'body.rename');
    const move = entries.find((e) => e.data.action === 'body.move');
    const rest = entries.filter((e) => e !== rename && e !== move);
    expect(rename).toMatchObject({ data: { action: 'body.rename', before: { name: 'Министерство культуры' }, after: { name: 'Министерство культуры Республики Адыгея' } } });
    expect(move).toMatchObject({ subject: 'Управление по охране памятников', data: { action: 'body.move', before: { parentId: ministry.id }, after: { parentId: 'cur' } } });
    expect(rest.filter((e) => e.data.action !== 'body.create')).toEqual([]);
  });

  it('disables a body: forwards to it are refused, workstations see it disabled; the ЦУР cannot be disabled', async () => {
    const ministry = (await create({ name: 'Министерство спорта', kind: 'ministry', parentId: 'cur' })).body.body;
    const operator = (await s.login('operator')).accessToken;
    const off = await s.call('POST', `${BODIES}/${ministry.id}/disabled`, { token: admin, body: { disabled: true } });
    expect(off.status).toBe(200);
    expect(off.body.body).toMatchObject({ disabled: true });
    expect(bodyRow((await pullAll(s, operator)).changes, ministry.id)).toMatchObject({ disabled: true });
    const [refused] = await push(s, operator, [{ name: 'appeal.forward', args: { appealId: 'a-m2', to: ministry.id, reason: 'Спортплощадка', baseVersion: 2 } }]);
    expect(refused).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    expect((await s.call('POST', `${BODIES}/cur/disabled`, { token: admin, body: { disabled: true } })).status).toBe(409);
    expect((await bodyAudit()).at(-1)).toMatchObject({ data: { action: 'body.disable', before: { disabled: false }, after: { disabled: true } } });
    const on = await s.call('POST', `${BODIES}/${ministry.id}/disabled`, { token: admin, body: { disabled: false } });
    expect(on.body.body).toMatchObject({ disabled: false });
  });

  it('moves a settlement to another district: its appeals leave the old district’s workstations and reach the new one’s', async () => {
    const settlement = (await create({ name: 'Администрация х. Новый', kind: 'settlement', parentId: 'giaginsky' })).body.body;
    const operator = (await s.login('operator')).accessToken;
    const [forwarded] = await push(s, operator, [{ name: 'appeal.forward', args: { appealId: 'a-m1', to: settlement.id, reason: 'Вопрос поселения', baseVersion: 1 } }]);
    expect(forwarded).toMatchObject({ status: 'applied' });
    const giaginsky = (await s.login('clerk-g')).accessToken;
    const takhtamukaysky = (await s.login('operator2')).accessToken;
    const g0 = await pullAll(s, giaginsky);
    const t0 = await pullAll(s, takhtamukaysky);
    expect(replay(g0.changes).has('appeal:a-m1')).toBe(true);
    expect(replay(t0.changes).has('appeal:a-m1')).toBe(false);

    const moved = await s.call('POST', `${BODIES}/${settlement.id}`, { token: admin, body: { parentId: 'takhtamukaysky' } });
    expect(moved.status).toBe(200);
    const g1 = await pullAll(s, giaginsky, g0.cursor);
    expect(g1.changes).toContainEqual(expect.objectContaining({ entity: 'appeal', id: 'a-m1', op: 'delete' }));
    const t1 = await pullAll(s, takhtamukaysky, t0.cursor);
    expect(replay(t1.changes).get('appeal:a-m1')).toMatchObject({ municipalityId: settlement.id });
    expect([...replay(t1.changes).keys()].some((k) => k.startsWith('event:'))).toBe(true);
    // A fresh pull agrees: the old district sees nothing of it, the new one has it.
    expect(replay((await pullAll(s, giaginsky)).changes).has('appeal:a-m1')).toBe(false);
    expect(replay((await pullAll(s, takhtamukaysky)).changes).has('appeal:a-m1')).toBe(true);
  });
});
