import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from './test-support/backends';
import { tinyDemoData } from './test-support/fixture';
import { startTestServer, type TestServer } from './test-support/server';
import { pullAll, push, uid } from './test-support/sync';
import { bodiesFromMunicipalities } from './seed/bodies';

/** A forward to a body of the directory moves the appeal to that body's queue for real. */
describe.each(BACKENDS)('forwarding to a body (%s)', (backend) => {
  let s: TestServer;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    const data = tinyDemoData();
    const bodies = [...bodiesFromMunicipalities(data.municipalities), { id: 'minzdrav', name: 'Министерство здравоохранения Республики Адыгея', kind: 'ministry' as const, parentId: 'cur' }];
    const users = [...data.users, { id: 'u-mz', username: 'minzdrav.clerk1', displayName: 'Галина Киселёва', role: 'clerk' as const, municipalityId: 'minzdrav' }];
    s = await startTestServer(backend, { data: { ...data, bodies, users } });
    for (const u of ['operator', 'clerk-m2', 'minzdrav.clerk1', 'curator']) token[u] = (await s.login(u)).accessToken;
  });
  afterAll(async () => s?.close());

  it("lands in the ministry clerk's queue with its history; the forwarding body keeps following it read-only; the ЦУР sees the chain", async () => {
    const before = await pullAll(s, token.operator!);
    const [res] = await push(s, token.operator!, [{ name: 'appeal.forward', args: { appealId: 'a-m1', to: 'minzdrav', reason: 'Вопрос о лекарственном обеспечении', baseVersion: 1 } }]);
    expect(res!.status).toBe('applied');

    const ministry = await pullAll(s, token['minzdrav.clerk1']!);
    const appeal = ministry.changes.filter((c) => c.entity === 'appeal' && c.id === 'a-m1').at(-1);
    expect(appeal?.op === 'upsert' && appeal.entity === 'appeal' && appeal.data).toMatchObject({ municipalityId: 'minzdrav', assigneeId: 'u-mz', status: 'assigned' });
    const history = ministry.changes.flatMap((c) => (c.op === 'upsert' && c.entity === 'event' && c.data.appealId === 'a-m1' ? [c.data] : []));
    expect(history.map((e) => e.kind)).toEqual(['assigned', 'forwarded', 'assigned']);
    expect(history[1]!.data).toMatchObject({ bodyId: 'minzdrav', fromBodyId: 'maykop', reason: 'Вопрос о лекарственном обеспечении' });

    // Майкоп keeps it (no delete) and sees what the ministry does next, but may not change it.
    const after = await pullAll(s, token.operator!, before.cursor);
    expect(after.changes.some((c) => c.id === 'a-m1' && c.op === 'delete')).toBe(false);
    expect(after.changes.find((c) => c.entity === 'appeal' && c.id === 'a-m1' && c.op === 'upsert')).toBeDefined();
    const noteId = uid('n');
    expect((await push(s, token['minzdrav.clerk1']!, [{ name: 'note.add', args: { noteId, appealId: 'a-m1', body: 'Запросили аптеку' } }]))[0]!.status).toBe('applied');
    const later = await pullAll(s, token.operator!, after.cursor);
    expect(later.changes.some((c) => c.entity === 'note' && c.id === noteId)).toBe(true);
    // A colleague of Майкоп (never its assignee) follows it but may not add to it.
    expect((await pullAll(s, token['clerk-m2']!)).changes.some((c) => c.entity === 'note' && c.id === noteId)).toBe(true);
    const refused = await push(s, token['clerk-m2']!, [{ name: 'note.add', args: { noteId: uid('n'), appealId: 'a-m1', body: 'Ещё комментарий' } }]);
    expect(refused[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });

    const region = await pullAll(s, token.curator!);
    // The ЦУР gets a row per body that holds the appeal; its replica keeps one record per id.
    const chain = [...new Map(region.changes.flatMap((c) => (c.op === 'upsert' && c.entity === 'event' && c.data.appealId === 'a-m1' && c.data.kind === 'forwarded' ? [[c.id, c.data.data] as const] : []))).values()];
    expect(chain).toEqual([expect.objectContaining({ fromBodyId: 'maykop', bodyId: 'minzdrav' })]);
  });

  it('an old outbox entry with a free-text target is still taken, as a note of where it went', async () => {
    const [res] = await push(s, token.operator!, [{ name: 'appeal.forward', args: { appealId: 'a-m2', to: 'Филиал «Газпром газораспределение Майкоп»', reason: 'Газоснабжение', baseVersion: 2 } }]);
    expect(res).toMatchObject({ status: 'applied', current: { municipalityId: 'maykop', status: 'forwarded' } });
  });
});
