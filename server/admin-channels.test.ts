import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelSecretSealer } from './context';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';

/**
 * A stand-in for the server's AES-GCM box (server/channels/secrets.ts): reversible, and never the
 * plain text, which is what this screen's API must guarantee of what it stores.
 */
const sealer: ChannelSecretSealer = {
  seal: (s) => new Uint8Array(Buffer.from(JSON.stringify(s)).map((b) => b ^ 0x5a)),
  open: (b) => JSON.parse(Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8')) as Record<string, string>,
};

const TOKEN = 'ok-access-token-very-secret';
const okChannel = { id: 'ch-ok-maykop', platform: 'ok', bodyId: 'maykop', name: 'Администрация Майкопа в ОК', settings: { groupId: '70000001' }, secrets: { accessToken: TOKEN } };

/** The administrator's «Каналы» screen through its HTTP API. */
describe.each(BACKENDS)('admin channels (%s)', (backend) => {
  let s: TestServer;
  let admin: string;

  beforeAll(async () => {
    s = await startTestServer(backend, { channelSecrets: sealer });
    admin = (await s.login('admin')).accessToken;
  });
  afterAll(async () => s?.close());

  it('answers 401 without a token and 403 to a clerk and a supervisor on every channel route', async () => {
    const clerk = (await s.login('operator')).accessToken;
    const curator = (await s.login('curator')).accessToken;
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/admin/channels'],
      ['POST', '/api/v1/admin/channels', okChannel],
      ['POST', '/api/v1/admin/channels/ch-x', okChannel],
      ['POST', '/api/v1/admin/channels/ch-x/enabled', { enabled: false }],
      ['POST', '/api/v1/admin/channels/ch-x/check'],
    ];
    for (const [method, path, body] of routes) {
      expect((await s.call(method, path, { body })).status, `${method} ${path} anonymous`).toBe(401);
      for (const token of [clerk, curator]) {
        const res = await s.call(method, path, { token, body });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
    }
    const empty = (await s.call('GET', '/api/v1/admin/channels', { token: admin })).body;
    expect(empty.channels).toEqual([]);
    // The form asks for what each platform's connector needs.
    expect(empty.secretFields.ok).toEqual(['accessToken']);
  });

  it('connects a channel: its webhook URL is shown, its secrets are stored sealed and never returned', async () => {
    const res = await s.call('POST', '/api/v1/admin/channels', { token: admin, body: okChannel });
    expect(res.status).toBe(201);
    const channel = res.body.channel;
    expect(channel).toMatchObject({ id: okChannel.id, platform: 'ok', bodyId: 'maykop', enabled: true, hasSecrets: true, lastEventAt: null, lastErrorCode: null });
    expect(channel.webhookUrl).toBe(`${s.url}${channel.webhookPath}`);
    expect(channel.webhookPath).toMatch(/^\/api\/v1\/channels\/ok\/[A-Za-z0-9_-]{20,}$/);
    expect(JSON.stringify(channel)).not.toContain(TOKEN);

    const listed = (await s.call('GET', '/api/v1/admin/channels', { token: admin })).body.channels;
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(TOKEN);
    // In the database: sealed bytes, not the token; the audit log has no secret either.
    const stored = await s.db.query<{ secrets: Uint8Array }>('SELECT secrets FROM channels WHERE id = $1', [okChannel.id]);
    expect(Buffer.from(stored.rows[0]!.secrets).toString('utf8')).not.toContain(TOKEN);
    expect(sealer.open(stored.rows[0]!.secrets)).toEqual({ accessToken: TOKEN });
    const audit = (await s.call('GET', '/api/v1/admin/audit?kind=admin.change', { token: admin })).body;
    expect(JSON.stringify(audit)).toContain('channel.connect');
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
  });

  it('refuses a channel of an unknown body, without its secrets, or with secrets of the wrong shape', async () => {
    const bad = [
      { ...okChannel, id: 'ch-2', bodyId: 'atlantis' },
      { ...okChannel, id: 'ch-3', secrets: undefined },
      { ...okChannel, id: 'ch-4', secrets: { token: 'x' } },
      { ...okChannel, id: 'ch-5', name: '   ' },
    ];
    for (const body of bad) {
      const res = await s.call('POST', '/api/v1/admin/channels', { token: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await s.call('POST', '/api/v1/admin/channels', { token: admin, body: okChannel })).status).toBe(409);
    expect((await s.call('GET', '/api/v1/admin/channels', { token: admin })).body.channels).toHaveLength(1);
  });

  it('changes a channel keeping its secrets, disables and enables it, and checks it', async () => {
    const edited = await s.call('POST', `/api/v1/admin/channels/${okChannel.id}`, {
      token: admin,
      body: { platform: 'ok', bodyId: 'giaginsky', name: 'Гиагинский район в ОК', settings: { groupId: '70000002' }, enabled: true },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.channel).toMatchObject({ bodyId: 'giaginsky', name: 'Гиагинский район в ОК', hasSecrets: true });
    const stored = await s.db.query<{ secrets: Uint8Array }>('SELECT secrets FROM channels WHERE id = $1', [okChannel.id]);
    expect(sealer.open(stored.rows[0]!.secrets)).toEqual({ accessToken: TOKEN });

    const off = await s.call('POST', `/api/v1/admin/channels/${okChannel.id}/enabled`, { token: admin, body: { enabled: false } });
    expect(off.body.channel.enabled).toBe(false);
    const on = await s.call('POST', `/api/v1/admin/channels/${okChannel.id}/enabled`, { token: admin, body: { enabled: true } });
    expect(on.body.channel.enabled).toBe(true);

    const check = await s.call('POST', `/api/v1/admin/channels/${okChannel.id}/check`, { token: admin });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ ok: true, code: null });
    expect((await s.call('POST', '/api/v1/admin/channels/nope/check', { token: admin })).status).toBe(404);
    expect((await s.call('POST', '/api/v1/admin/channels/nope', { token: admin, body: okChannel })).status).toBe(404);
  });
});

describe.each(BACKENDS)('admin channels without a secret key (%s)', (backend) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(backend);
  });
  afterAll(async () => s?.close());

  it('refuses to take secrets it cannot store encrypted, and stores nothing', async () => {
    const admin = (await s.login('admin')).accessToken;
    const res = await s.call('POST', '/api/v1/admin/channels', { token: admin, body: okChannel });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('secrets_unavailable');
    expect((await s.db.query('SELECT id FROM channels')).rows).toEqual([]);
  });
});
