import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appeal } from '../shared/domain';
import { purgeAudit } from './audit/log';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';
import { pullAll, push, replay } from './test-support/sync';

/** The audit log: what goes in, that nothing but the retention purge takes anything out, and its reading. */
describe.each(BACKENDS)('audit log (%s)', (backend) => {
  let s: TestServer;
  let admin: string;

  beforeAll(async () => {
    // The purge is run by the test itself: the app's timer firing in between would take its row.
    s = await startTestServer(backend, { auditPurgeIntervalMs: null });
    admin = (await s.login('admin')).accessToken;
  });
  afterAll(async () => s?.close());

  const read = async (query: string) => {
    const res = await s.call('GET', `/api/v1/admin/audit?${query}`, { token: admin });
    expect(res.status).toBe(200);
    return res.body as { entries: Array<{ id: string; at: string; kind: string; actorId: string | null; appealId: string | null; subject: string | null; address: string | null; data: Record<string, unknown> }>; total: number };
  };

  it('records sign-ins and failed sign-ins with the name tried and the address', async () => {
    await s.call('POST', '/api/v1/auth/login', { body: { username: 'operator', password: 'wrong' } });
    await s.call('POST', '/api/v1/auth/login', { body: { username: 'nobody.at.all', password: 'x' } });
    await s.login('operator');
    const failed = await read('kind=auth.login_failed');
    expect(failed.entries.find((e) => e.subject === 'nobody.at.all')).toMatchObject({ actorId: null, address: '127.0.0.1', data: { reason: 'invalid_credentials' } });
    expect(failed.entries.find((e) => e.subject === 'operator')).toMatchObject({ actorId: 'u-operator' });
    const ok = await read('kind=auth.login&person=operator');
    expect(ok.entries[0]).toMatchObject({ actorId: 'u-operator', subject: 'operator', address: '127.0.0.1' });
  });

  it('records the opens and the exports a workstation sends through its outbox, offline times kept', async () => {
    const clerk = (await s.login('operator')).accessToken;
    const openedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const results = await push(s, clerk, [
      { name: 'audit.appealOpened', args: { appealId: 'a-m1', openedAt } },
      { name: 'audit.export', args: { kind: 'worklist.xlsx', title: 'Мои обращения', rows: 12, reason: 'Отчёт для штаба', exportedAt: new Date().toISOString() } },
      { name: 'audit.export', args: { kind: 'worklist.xlsx', title: 'Без причины', rows: 1, reason: ' ', exportedAt: new Date().toISOString() } },
      { name: 'audit.export', args: { kind: 'audit.xlsx', title: 'Журнал', rows: 1, reason: 'Хочу посмотреть', exportedAt: new Date().toISOString() } },
    ]);
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['applied', undefined],
      ['rejected', 'validation_failed'],
      ['rejected', 'forbidden'],
    ]);
    const opened = await read('kind=appeal.opened&appealId=a-m1');
    expect(opened.entries[0]).toMatchObject({ actorId: 'u-operator', appealId: 'a-m1' });
    expect(Date.parse(opened.entries[0]!.at)).toBe(Date.parse(openedAt));
    const exports = await read('kind=export&person=operator');
    expect(exports.total).toBe(1);
    expect(exports.entries[0]!.data).toEqual({ kind: 'worklist.xlsx', title: 'Мои обращения', rows: 12, reason: 'Отчёт для штаба' });
    // Nothing of it reaches any workstation: the log is not a synced entity.
    const pulled = (await pullAll(s, admin)).changes;
    expect(JSON.stringify(pulled)).not.toContain('Отчёт для штаба');
  });

  it('records a forward and a move between municipalities with the reason', async () => {
    const head = (await s.login('head-m')).accessToken;
    const clerk = (await s.login('operator')).accessToken;
    const appealOf = async (id: string) => replay((await pullAll(s, head)).changes).get(`appeal:${id}`) as Appeal;
    const a = await appealOf('a-m2');
    const [fwd] = await push(s, clerk, [{ name: 'appeal.forward', args: { appealId: 'a-m2', to: 'Минздрав Республики Адыгея', reason: 'Вопрос о поликлинике', baseVersion: a.version } }]);
    expect(fwd?.status).toBe('applied');
    const b = await appealOf('a-m3');
    const [moved] = await push(s, head, [{ name: 'appeal.reassignMunicipality', args: { appealId: 'a-m3', municipalityId: 'giaginsky', reason: 'Станица Гиагинская', baseVersion: b.version } }]);
    expect(moved?.status).toBe('applied');
    expect((await read('kind=appeal.forwarded&appealId=a-m2')).entries[0]).toMatchObject({ actorId: 'u-operator', data: { to: 'Минздрав Республики Адыгея', reason: 'Вопрос о поликлинике' } });
    expect((await read('kind=appeal.moved&appealId=a-m3')).entries[0]).toMatchObject({ actorId: 'u-head-m', data: { from: 'maykop', to: 'giaginsky', reason: 'Станица Гиагинская' } });
  });

  it('filters by period and pages from the server, newest first', async () => {
    const all = await read('limit=500');
    expect(all.total).toBeGreaterThan(5);
    const first = await read('limit=2&offset=0');
    const second = await read('limit=2&offset=2');
    expect(first.total).toBe(all.total);
    expect([...first.entries, ...second.entries].map((e) => e.id)).toEqual(all.entries.slice(0, 4).map((e) => e.id));
    const times = all.entries.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    // The open recorded three days ago is outside «the last day».
    const lastDay = await read(`kind=appeal.opened&from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}`);
    expect(lastDay.total).toBe(0);
    expect((await s.call('GET', '/api/v1/admin/audit?kind=nonsense', { token: admin })).status).toBe(400);
    expect((await s.call('GET', '/api/v1/admin/audit?limit=100000', { token: admin })).status).toBe(400);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the log to the server database role itself', async () => {
    const before = (await read('limit=1')).total;
    await expect(s.db.query(`UPDATE audit_log SET actor_name = 'someone else'`)).rejects.toThrow(/insert-only/);
    await expect(s.db.query('DELETE FROM audit_log')).rejects.toThrow(/insert-only/);
    await expect(s.db.query('TRUNCATE audit_log')).rejects.toThrow(/insert-only/);
    // Even with the purge's switch set by hand, only rows past the retention may go.
    await expect(
      s.db.tx(async (q) => {
        await q.query(`SELECT set_config('otklik.audit_purge', 'on', true)`);
        await q.query('DELETE FROM audit_log');
      }),
    ).rejects.toThrow(/insert-only/);
    expect((await read('limit=1')).total).toBe(before);
  });

  it('the retention purge removes only entries older than the configured number of days', async () => {
    const old = new Date(Date.now() - 400 * 86_400_000).toISOString();
    const recent = new Date(Date.now() - 100 * 86_400_000).toISOString();
    await s.db.query(`INSERT INTO audit_log (at, kind, subject) VALUES ($1, 'auth.login_failed', 'old.one'), ($2, 'auth.login_failed', 'recent.one')`, [old, recent]);
    // Default retention (five years): nothing goes.
    expect(await purgeAudit(s.db)).toBe(0);
    const set = await s.call('POST', '/api/v1/admin/audit/retention', { token: admin, body: { days: 365 } });
    expect(set.status).toBe(200);
    expect((await s.call('GET', '/api/v1/admin/audit/retention', { token: admin })).body).toEqual({ days: 365 });
    expect((await s.call('POST', '/api/v1/admin/audit/retention', { token: admin, body: { days: 3 } })).status).toBe(400);
    expect(await purgeAudit(s.db)).toBe(1);
    const left = await read('kind=auth.login_failed&limit=500');
    expect(left.entries.map((e) => e.subject)).toContain('recent.one');
    expect(left.entries.map((e) => e.subject)).not.toContain('old.one');
    expect((await read('kind=admin.change&person=admin')).entries[0]!.data).toMatchObject({ action: 'audit.retention', before: { days: 1826 }, after: { days: 365 } });
  });
});
