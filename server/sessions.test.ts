import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSessionsResponseSchema } from '../shared/admin-sessions';
import { errorBodySchema, loginResponseSchema, type LoginResponse } from '../shared/protocol';
import { REFRESH_GRACE_SECONDS } from './auth/sessions';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';

describe.each(BACKENDS)('sessions: rotating refresh tokens, account lockout, signed-in devices (%s)', (backend) => {
  let s: TestServer;
  let admin: string;
  beforeAll(async () => {
    s = await startTestServer(backend, { accountLockout: { maxFailures: 3, windowMs: 60_000, lockMs: 60_000 } });
    admin = (await s.login('admin')).accessToken;
  });
  afterAll(async () => s?.close());

  const code = (res: { body: unknown }) => errorBodySchema.parse(res.body).error.code;
  const refresh = (refreshToken: string) => s.call('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
  const loginAs = async (username: string, userAgent: string): Promise<LoginResponse> => {
    const res = await s.call('POST', '/api/v1/auth/login', { body: { username, password: 'demo' }, headers: { 'user-agent': userAgent } });
    expect(res.status).toBe(200);
    return loginResponseSchema.parse(res.body);
  };
  /** As if the token had been spent longer ago than the grace window. */
  const ageSpentTokens = () => s.db.query(`UPDATE refresh_tokens SET used_at = used_at - make_interval(secs => $1) WHERE used_at IS NOT NULL`, [REFRESH_GRACE_SECONDS + 5]);

  it('each refresh returns a new refresh token; reusing a spent one ends the whole sign-in, not the other device', async () => {
    const pc1 = await loginAs('clerk-m2', 'Otklik/1.0 Electron PC-1');
    const pc2 = await loginAs('clerk-m2', 'Mozilla/5.0 PC-2');
    const r1 = loginResponseSchema.parse((await refresh(pc1.refreshToken)).body);
    const r2 = loginResponseSchema.parse((await refresh(r1.refreshToken)).body);
    expect(new Set([pc1.refreshToken, r1.refreshToken, r2.refreshToken]).size).toBe(3);
    await ageSpentTokens();
    // A copy of the first token (stolen, or a forgotten tab) comes back: the family is ended.
    const reuse = await refresh(pc1.refreshToken);
    expect([reuse.status, code(reuse)]).toEqual([401, 'unauthorized']);
    expect((await refresh(r2.refreshToken)).status).toBe(401);
    expect((await s.call('GET', '/api/v1/me', { token: r2.accessToken })).status).toBe(401);
    // The clerk's other PC is its own family and keeps working.
    expect((await s.call('GET', '/api/v1/me', { token: pc2.accessToken })).status).toBe(200);
    expect((await refresh(pc2.refreshToken)).status).toBe(200);
  });

  it('a refresh answer lost on the network does not lock the clerk out: the spent token gets the same successor again within the grace window', async () => {
    const pc = await loginAs('clerk-m2', 'PC-lossy');
    const lost = await refresh(pc.refreshToken);
    expect(lost.status).toBe(200);
    // The answer never arrived; the workstation tries again with the token it has.
    const retry = await refresh(pc.refreshToken);
    expect(retry.status).toBe(200);
    const kept = loginResponseSchema.parse(retry.body);
    // The same successor: had the first answer arrived after all, its token would be as good.
    expect(kept.refreshToken).toBe(loginResponseSchema.parse(lost.body).refreshToken);
    expect((await s.call('GET', '/api/v1/me', { token: kept.accessToken })).status).toBe(200);
    expect((await refresh(kept.refreshToken)).status).toBe(200);
  });

  it('a refresh delivered twice at once (a proxy retrying it) answers both with one token, and that token keeps the clerk signed in', async () => {
    const pc = await loginAs('clerk-m2', 'PC-duplicated');
    const [first, second] = await Promise.all([refresh(pc.refreshToken), refresh(pc.refreshToken)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const a = loginResponseSchema.parse(first.body);
    const b = loginResponseSchema.parse(second.body);
    expect(a.refreshToken).toBe(b.refreshToken);
    // Whichever answer the workstation kept, its next refresh works and the session goes on.
    const next = await refresh(a.refreshToken);
    expect(next.status).toBe(200);
    expect((await s.call('GET', '/api/v1/me', { token: loginResponseSchema.parse(next.body).accessToken })).status).toBe(200);
  });

  it('a spent token retried after the grace window ends the session: the clerk signs in again', async () => {
    const pc = await loginAs('clerk-m2', 'PC-long-offline');
    const lost = loginResponseSchema.parse((await refresh(pc.refreshToken)).body);
    await ageSpentTokens();
    const late = await refresh(pc.refreshToken);
    expect([late.status, code(late)]).toEqual([401, 'unauthorized']);
    expect((await refresh(lost.refreshToken)).status).toBe(401);
    expect((await s.call('GET', '/api/v1/me', { token: lost.accessToken })).status).toBe(401);
  });

  it('within the grace window, a spent token whose successor was already used is a reuse', async () => {
    const pc = await loginAs('clerk-m2', 'PC-race');
    const next = loginResponseSchema.parse((await refresh(pc.refreshToken)).body);
    const after = loginResponseSchema.parse((await refresh(next.refreshToken)).body);
    expect((await refresh(pc.refreshToken)).status).toBe(401);
    expect((await refresh(after.refreshToken)).status).toBe(401);
  });

  it('repeated failed sign-ins lock the account, even for the right password, and say until when', async () => {
    const wrong = () => s.call('POST', '/api/v1/auth/login', { body: { username: 'operator2', password: 'guess' } });
    for (let i = 0; i < 2; i++) expect(code(await wrong())).toBe('invalid_credentials');
    // The failure that locks the account says so at once.
    expect(code(await wrong())).toBe('account_locked');
    const locked = await s.call('POST', '/api/v1/auth/login', { body: { username: 'operator2', password: 'demo' } });
    expect(locked.status).toBe(423);
    const err = errorBodySchema.parse(locked.body).error;
    expect(err.code).toBe('account_locked');
    const until = Date.parse((err.details as { lockedUntil: string }).lockedUntil);
    expect(until).toBeGreaterThan(Date.now() + 50_000);
    expect(until).toBeLessThan(Date.now() + 61_000);
    // Another account is not affected.
    expect((await s.call('POST', '/api/v1/auth/login', { body: { username: 'clerk-g', password: 'demo' } })).status).toBe(200);
    // When the lock has run out, the right password works and the count starts again.
    await s.db.query(`UPDATE login_failures SET at = at - interval '2 minutes'`);
    expect((await s.call('POST', '/api/v1/auth/login', { body: { username: 'operator2', password: 'demo' } })).status).toBe(200);
    expect(code(await wrong())).toBe('invalid_credentials');
    expect((await s.call('POST', '/api/v1/auth/login', { body: { username: 'operator2', password: 'demo' } })).status).toBe(200);
  });

  it('an administrator sees a user\'s signed-in devices and ends one; its tokens stop at the next request', async () => {
    await s.call('POST', '/api/v1/admin/users/u-head-m/sessions/end', { token: admin });
    const office = await loginAs('head-m', 'Otklik/1.0 Electron (Windows)');
    const home = await loginAs('head-m', 'Mozilla/5.0 (X11; Linux) Chromium');
    const listed = await s.call('GET', '/api/v1/admin/users/u-head-m/sessions', { token: admin });
    expect(listed.status).toBe(200);
    const { sessions } = adminSessionsResponseSchema.parse(listed.body);
    expect(sessions.map((x) => x.userAgent).sort()).toEqual(['Mozilla/5.0 (X11; Linux) Chromium', 'Otklik/1.0 Electron (Windows)']);
    expect(sessions.every((x) => x.address === '127.0.0.1' && x.createdAt <= x.lastUsedAt)).toBe(true);
    const homeSession = sessions.find((x) => x.userAgent?.startsWith('Mozilla'))!;

    const ended = await s.call('POST', `/api/v1/admin/users/u-head-m/sessions/${homeSession.id}/end`, { token: admin });
    expect(ended).toEqual({ status: 200, body: { ended: 1 } });
    expect((await s.call('GET', '/api/v1/me', { token: home.accessToken })).status).toBe(401);
    expect((await refresh(home.refreshToken)).status).toBe(401);
    expect((await s.call('GET', '/api/v1/me', { token: office.accessToken })).status).toBe(200);
    const left = adminSessionsResponseSchema.parse((await s.call('GET', '/api/v1/admin/users/u-head-m/sessions', { token: admin })).body);
    expect(left.sessions.map((x) => x.userAgent)).toEqual(['Otklik/1.0 Electron (Windows)']);

    expect(await s.call('POST', '/api/v1/admin/users/u-head-m/sessions/end', { token: admin })).toEqual({ status: 200, body: { ended: 1 } });
    expect((await s.call('GET', '/api/v1/me', { token: office.accessToken })).status).toBe(401);
    const audit = await s.db.query<{ data: { action: string } }>(`SELECT data FROM audit_log WHERE kind = 'admin.change' AND subject = 'head-m'`);
    expect(audit.rows.map((r) => r.data.action)).toEqual(expect.arrayContaining(['session.end', 'session.endAll']));
  });

  it('only an administrator may see or end sessions; an unknown user or session is 404', async () => {
    const head = await loginAs('curator', 'x');
    for (const [method, path] of [['GET', '/api/v1/admin/users/u-operator/sessions'], ['POST', '/api/v1/admin/users/u-operator/sessions/end']] as const) {
      const res = await s.call(method, path, { token: head.accessToken });
      expect([res.status, code(res)]).toEqual([403, 'forbidden']);
      expect((await s.call(method, path)).status).toBe(401);
    }
    expect((await s.call('GET', '/api/v1/admin/users/u-nobody/sessions', { token: admin })).status).toBe(404);
    expect((await s.call('POST', '/api/v1/admin/users/u-operator/sessions/s-nope/end', { token: admin })).status).toBe(404);
  });
});
