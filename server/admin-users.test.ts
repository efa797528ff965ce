import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../shared/domain';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';
import { pullAll, replay } from './test-support/sync';

/** The administrator's users screen through its HTTP API, and the rule that only admins reach it. */
describe.each(BACKENDS)('admin users (%s)', (backend) => {
  let s: TestServer;
  let admin: string;

  beforeAll(async () => {
    s = await startTestServer(backend);
    admin = (await s.login('admin')).accessToken;
  });
  afterAll(async () => s?.close());

  const loginWith = (username: string, password: string) => s.call('POST', '/api/v1/auth/login', { body: { username, password } });
  const auditOf = async (query: string) => (await s.call('GET', `/api/v1/admin/audit?${query}`, { token: admin })).body;

  it('answers 401 without a token and 403 to a clerk and a supervisor, on every admin route', async () => {
    const clerk = (await s.login('operator')).accessToken;
    const curator = (await s.login('curator')).accessToken;
    const head = (await s.login('head-m')).accessToken;
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/admin/users'],
      ['POST', '/api/v1/admin/users', { username: 'x1', displayName: 'X', role: 'clerk', municipalityId: 'maykop', password: 'password1' }],
      ['POST', '/api/v1/admin/users/u-operator', { role: 'admin' }],
      ['POST', '/api/v1/admin/users/u-operator/password', { password: 'password1' }],
      ['POST', '/api/v1/admin/users/u-admin/disabled', { disabled: true }],
      ['GET', '/api/v1/admin/audit'],
      ['GET', '/api/v1/admin/audit/retention'],
      ['POST', '/api/v1/admin/audit/retention', { days: 30 }],
    ];
    for (const [method, path, body] of routes) {
      expect((await s.call(method, path, { body })).status, `${method} ${path} anonymous`).toBe(401);
      for (const token of [clerk, curator, head]) {
        const res = await s.call(method, path, { token, body });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
    }
    // Nothing changed: the clerk is still a clerk, the admin can still sign in.
    const users = (await s.call('GET', '/api/v1/admin/users', { token: admin })).body.users as Array<User & { disabled: boolean }>;
    expect(users.find((u) => u.id === 'u-operator')).toMatchObject({ role: 'clerk', disabled: false });
    expect(users.find((u) => u.username === 'x1')).toBeUndefined();
  });

  it('creates a clerk who then signs in and is on every workstation; the audit has the after', async () => {
    const res = await s.call('POST', '/api/v1/admin/users', {
      token: admin,
      body: { username: 'new.clerk', displayName: 'Новый Исполнитель', role: 'clerk', municipalityId: 'giaginsky', password: 'first-pass-1' },
    });
    expect(res.status).toBe(201);
    const created = res.body.user;
    expect(created).toMatchObject({ username: 'new.clerk', role: 'clerk', municipalityId: 'giaginsky', disabled: false });

    const login = await loginWith('new.clerk', 'first-pass-1');
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ id: created.id, role: 'clerk', municipalityId: 'giaginsky' });

    // Synced: a colleague's workstation receives the new person.
    const colleague = (await s.login('clerk-g')).accessToken;
    expect(replay((await pullAll(s, colleague)).changes).get(`user:${created.id}`)).toMatchObject({ displayName: 'Новый Исполнитель' });

    const audit = await auditOf('kind=admin.change&person=admin');
    const entry = audit.entries.find((e: { subject: string; data: { action: string } }) => e.subject === 'new.clerk' && e.data.action === 'user.create');
    expect(entry.actorId).toBe('u-admin');
    expect(entry.data.before).toBeNull();
    expect(entry.data.after).toEqual({ username: 'new.clerk', displayName: 'Новый Исполнитель', role: 'clerk', municipalityId: 'giaginsky', disabled: false });
    expect(JSON.stringify(audit)).not.toContain('first-pass-1');
  });

  it('refuses bad input with validation_failed and a taken username with conflict, changing nothing', async () => {
    const bad = [
      { username: 'a', displayName: 'X', role: 'clerk', municipalityId: 'maykop', password: 'password1' },
      { username: 'ok.name', displayName: '', role: 'clerk', municipalityId: 'maykop', password: 'password1' },
      { username: 'ok.name', displayName: 'X', role: 'clerk', municipalityId: null, password: 'password1' },
      { username: 'ok.name', displayName: 'X', role: 'clerk', municipalityId: 'maykop', password: 'short' },
      { username: 'ok.name', displayName: 'X', role: 'boss', municipalityId: 'maykop', password: 'password1' },
      { username: 'ok.name', displayName: 'X\u0000', role: 'clerk', municipalityId: 'nowhere', password: 'password1' },
      'not json at all',
    ];
    for (const body of bad) {
      const res = await s.call('POST', '/api/v1/admin/users', { token: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const taken = await s.call('POST', '/api/v1/admin/users', {
      token: admin,
      body: { username: 'OPERATOR', displayName: 'Двойник', role: 'clerk', municipalityId: 'maykop', password: 'password1' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('conflict');
    const users = (await s.call('GET', '/api/v1/admin/users', { token: admin })).body.users as User[];
    expect(users.filter((u) => u.username.toLowerCase() === 'operator' || u.username === 'ok.name')).toHaveLength(1);
    expect((await s.call('POST', '/api/v1/admin/users/u-nobody', { token: admin, body: { role: 'clerk' } })).status).toBe(404);
  });

  it('changes a role and a municipality with before and after in the audit, at once for the person', async () => {
    const before = (await s.login('clerk-m2')).accessToken;
    const res = await s.call('POST', '/api/v1/admin/users/u-clerk-m2', { token: admin, body: { role: 'supervisor', municipalityId: 'takhtamukaysky' } });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ role: 'supervisor', municipalityId: 'takhtamukaysky' });
    // The same access token now carries the new scope: the guard reads the user on each request.
    const me = await s.call('GET', '/api/v1/me', { token: before });
    expect(me.body).toMatchObject({ role: 'supervisor', municipalityId: 'takhtamukaysky' });
    const entry = (await auditOf('kind=admin.change&person=clerk-m2')).entries[0];
    expect(entry.data).toMatchObject({
      action: 'user.update',
      before: { role: 'clerk', municipalityId: 'maykop' },
      after: { role: 'supervisor', municipalityId: 'takhtamukaysky' },
    });
    // A clerk needs a municipality; an admin cannot demote themselves.
    expect((await s.call('POST', '/api/v1/admin/users/u-clerk-m2', { token: admin, body: { role: 'clerk', municipalityId: null } })).status).toBe(400);
    expect((await s.call('POST', '/api/v1/admin/users/u-admin', { token: admin, body: { role: 'clerk', municipalityId: 'maykop' } })).status).toBe(409);
  });

  it('a disabled user is refused at the next request, cannot refresh or sign in; enabled again they can', async () => {
    const session = await s.login('operator2');
    expect((await s.call('GET', '/api/v1/sync/pull?cursor=0&limit=1', { token: session.accessToken })).status).toBe(200);

    const off = await s.call('POST', '/api/v1/admin/users/u-operator2/disabled', { token: admin, body: { disabled: true } });
    expect(off.status).toBe(200);
    expect(off.body.user.disabled).toBe(true);

    const pull = await s.call('GET', '/api/v1/sync/pull?cursor=0&limit=1', { token: session.accessToken });
    expect(pull.status).toBe(401);
    expect(pull.body.error.code).toBe('account_disabled');
    const pushed = await s.call('POST', '/api/v1/sync/push', { token: session.accessToken, body: { clientId: 'c', mutations: [] } });
    expect(pushed.body.error.code).toBe('account_disabled');
    const refresh = await s.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: session.refreshToken } });
    expect(refresh.status).toBe(401);
    const login = await loginWith('operator2', 'demo');
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe('account_disabled');
    // A wrong password learns nothing about the account's state.
    expect((await loginWith('operator2', 'wrong')).body.error.code).toBe('invalid_credentials');
    // An administrator cannot lock themselves out.
    expect((await s.call('POST', '/api/v1/admin/users/u-admin/disabled', { token: admin, body: { disabled: true } })).status).toBe(409);

    expect((await s.call('POST', '/api/v1/admin/users/u-operator2/disabled', { token: admin, body: { disabled: false } })).status).toBe(200);
    expect((await loginWith('operator2', 'demo')).status).toBe(200);
  });

  it('a reset password replaces the old one and ends the sessions signed in with it', async () => {
    const session = await s.login('clerk-g');
    const res = await s.call('POST', '/api/v1/admin/users/u-clerk-g/password', { token: admin, body: { password: 'brand-new-pass' } });
    expect(res.status).toBe(200);
    expect((await loginWith('clerk-g', 'demo')).status).toBe(401);
    expect((await loginWith('clerk-g', 'brand-new-pass')).status).toBe(200);
    expect((await s.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    expect((await s.call('POST', '/api/v1/admin/users/u-clerk-g/password', { token: admin, body: { password: '123' } })).status).toBe(400);
  });
});
