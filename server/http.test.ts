import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, loginResponseSchema } from '../shared/protocol';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';

describe.each(BACKENDS)('auth and HTTP errors (%s)', (backend) => {
  let s: TestServer;
  let operatorToken: string;
  beforeAll(async () => {
    s = await startTestServer(backend, { loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    operatorToken = (await s.login('operator')).accessToken;
  });
  afterAll(async () => s?.close());

  const expectError = (res: { status: number; body: unknown }, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(errorBodySchema.parse(res.body).error.code).toBe(code);
  };

  it('health answers ok and names the app, so a workstation recognises an Otklik server', async () => {
    expect(await s.call('GET', '/api/v1/health')).toEqual({ status: 200, body: { status: 'ok', app: 'otklik', version: expect.stringMatching(/^\d+\.\d+\.\d+/) } });
  });

  it('logs in with the right password and tells who is signed in', async () => {
    const res = await s.call('POST', '/api/v1/auth/login', { body: { username: 'Clerk-M2', password: 'demo' } });
    expect(res.status).toBe(200);
    const login = loginResponseSchema.parse(res.body);
    expect(login.user).toEqual({ id: 'u-clerk-m2', username: 'clerk-m2', displayName: 'Мурат Хатков', role: 'clerk', municipalityId: 'maykop' });
    expect(login.expiresIn).toBe(900);
    expect(await s.call('GET', '/api/v1/me', { token: login.accessToken })).toEqual({ status: 200, body: login.user });
  });

  it('a wrong password or an unknown user is 401 invalid_credentials', async () => {
    expectError(await s.call('POST', '/api/v1/auth/login', { body: { username: 'curator', password: 'nope' } }), 401, 'invalid_credentials');
    expectError(await s.call('POST', '/api/v1/auth/login', { body: { username: 'nobody', password: 'demo' } }), 401, 'invalid_credentials');
  });

  it('too many login attempts for one username are rate limited', async () => {
    const attempt = () => s.call('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'wrong' } });
    for (let i = 0; i < 3; i++) expectError(await attempt(), 401, 'invalid_credentials');
    expectError(await attempt(), 429, 'rate_limited');
    // Another username from the same address is not locked out.
    expect((await s.call('POST', '/api/v1/auth/login', { body: { username: 'head-m', password: 'demo' } })).status).toBe(200);
  });

  it('a missing, forged or expired access token is 401', async () => {
    expectError(await s.call('GET', '/api/v1/me'), 401, 'unauthorized');
    expectError(await s.call('GET', '/api/v1/sync/pull', { token: 'not-a-jwt' }), 401, 'unauthorized');
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u-admin').setIssuer('otklik')
      .setExpirationTime('5m').sign(new TextEncoder().encode('guessed-secret'));
    expectError(await s.call('GET', '/api/v1/me', { token: forged }), 401, 'unauthorized');
    const secret = (await s.db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'jwt_secret'`)).rows[0]!.value;
    const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u-operator').setIssuer('otklik')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600).setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    expectError(await s.call('GET', '/api/v1/sync/pull', { token: expired }), 401, 'token_expired');
  });

  it('refresh rotates the refresh token: once its successor was used, the old one is refused', async () => {
    const login = await s.login('operator2');
    const res = await s.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: login.refreshToken } });
    expect(res.status).toBe(200);
    const next = loginResponseSchema.parse(res.body);
    expect(next.user.id).toBe('u-operator2');
    expect(next.refreshToken).not.toBe(login.refreshToken);
    expect((await s.call('GET', '/api/v1/me', { token: next.accessToken })).status).toBe(200);
    expect((await s.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: next.refreshToken } })).status).toBe(200);
    expectError(await s.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: login.refreshToken } }), 401, 'unauthorized');
  });

  it('malformed bodies are 400 validation_failed, with details for schema failures', async () => {
    const broken = await s.call('POST', '/api/v1/auth/login', { body: '{"username": "operator", ' });
    expectError(broken, 400, 'validation_failed');
    const wrongShape = await s.call('POST', '/api/v1/auth/login', { body: { username: 'operator' } });
    expectError(wrongShape, 400, 'validation_failed');
    expect(errorBodySchema.parse(wrongShape.body).error.details).toEqual([expect.objectContaining({ path: 'password' })]);
    const token = operatorToken;
    expectError(await s.call('POST', '/api/v1/sync/push', { token, body: { clientId: 'c', mutations: 'nope' } }), 400, 'validation_failed');
    expectError(await s.call('GET', '/api/v1/sync/pull?cursor=-1', { token }), 400, 'validation_failed');
    expectError(await s.call('GET', '/api/v1/sync/pull?limit=100000', { token }), 400, 'validation_failed');
  });

  it('an oversized body is 413 payload_too_large', async () => {
    const token = operatorToken;
    const huge = 'я'.repeat(600_000); // 1.2 MB of UTF-8
    expectError(await s.call('POST', '/api/v1/auth/login', { body: { username: 'operator', password: huge } }), 413, 'payload_too_large');
    const mutations = Array.from({ length: 500 }, (_, i) => ({ id: `m${i}`, name: 'note.add', args: { noteId: `n${i}`, appealId: 'a-m1', body: huge.slice(0, 10_000) } }));
    expectError(await s.call('POST', '/api/v1/sync/push', { token, body: { clientId: 'c', mutations } }), 413, 'payload_too_large');
  });

  it('unknown API paths are 404 not_found; the root page says the workstation is not built', async () => {
    expectError(await s.call('GET', '/api/v1/nothing-here'), 404, 'not_found');
    const root = await fetch(`${s.url}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('npm run build');
  });

  it('CORS allows the Electron renderer and local origins only', async () => {
    const ask = (origin: string) =>
      fetch(`${s.url}/api/v1/auth/login`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    expect((await ask('app://otklik')).headers.get('access-control-allow-origin')).toBe('app://otklik');
    expect((await ask('http://localhost:5173')).headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect((await ask('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('unexpected failures', () => {
  it('answer 500 internal_error without leaking what went wrong', async () => {
    const { openPglite } = await import('./db/pglite');
    const { migrate } = await import('./db/migrate');
    const { buildApp } = await import('./app');
    const real = await openPglite('memory');
    await migrate(real);
    const broken = { ...real, query: async (sql: string, params?: readonly unknown[]) => {
      if (sql.includes('FROM users')) throw new Error('relation "users" is on fire at 10.0.0.7');
      return real.query(sql, params);
    } } as typeof real;
    const app = await buildApp({ db: broken, staticDir: null });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'operator', password: 'demo' } });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: 'internal_error', message: 'Internal server error' } });
      expect(res.body).not.toContain('fire');
    } finally {
      await app.close();
      await real.close();
    }
  });
});
