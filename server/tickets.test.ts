import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TICKET_TTL_SECONDS } from '../shared/tickets';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';
import { SseClient } from './test-support/sse';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/**
 * The requests a browser sends without headers (<img>, EventSource) carry a one-minute ticket for
 * one purpose and one resource, never the access token: an address lifted from a proxy's log
 * opens nothing else, and soon nothing at all.
 */
describe.each(BACKENDS)('tickets for images and the live channel (%s)', (backend) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  const clients: SseClient[] = [];

  beforeAll(async () => {
    s = await startTestServer(backend);
    for (const u of ['operator', 'operator2']) tokens[u] = (await s.login(u)).accessToken;
    for (const id of ['tk-1', 'tk-2']) {
      const up = await fetch(`${s.url}/api/v1/attachments?id=${id}&appealId=a-m1&name=photo.png`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.operator}`, 'content-type': 'image/png' },
        body: new Uint8Array(PNG),
      });
      expect(up.status).toBe(201);
    }
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await s?.close();
  });

  const ticket = async (as: string, body: unknown) => s.call('POST', '/api/v1/auth/ticket', { token: tokens[as], body });
  const image = (query: string) => fetch(`${s.url}/api/v1/attachments/tk-1?${query}`);

  it('opens the one attachment it was issued for, and nothing else', async () => {
    const res = await ticket('operator', { purpose: 'attachment', resource: 'tk-1' });
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeLessThanOrEqual(TICKET_TTL_SECONDS * 1000);
    const t = res.body.ticket as string;
    expect((await image(`ticket=${t}`)).status).toBe(200);
    // Another attachment, the live channel, the API with it as a bearer token: all refused.
    expect((await fetch(`${s.url}/api/v1/attachments/tk-2?ticket=${t}`)).status).toBe(401);
    const live = await SseClient.connect(`${s.url}/api/v1/sync/live?ticket=${t}`);
    expect(live.status).toBe(401);
    expect((await s.call('GET', '/api/v1/me', { token: t })).status).toBe(401);
  });

  it('no longer takes the access token in the query string', async () => {
    expect((await image(`token=${tokens.operator}`)).status).toBe(401);
    expect((await SseClient.connect(`${s.url}/api/v1/sync/live?token=${tokens.operator}`)).status).toBe(401);
  });

  it('opens the live channel with a live ticket', async () => {
    const res = await ticket('operator', { purpose: 'live' });
    const live = await SseClient.connect(`${s.url}/api/v1/sync/live?ticket=${res.body.ticket}`);
    clients.push(live);
    expect(live.status).toBe(200);
    await live.waitFor((e) => e.event === 'hello');
  });

  it('expires after a minute', async () => {
    const t = (await ticket('operator', { purpose: 'attachment', resource: 'tk-1' })).body.ticket as string;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + (TICKET_TTL_SECONDS + 5) * 1000 });
    const late = await image(`ticket=${t}`);
    expect(late.status).toBe(401);
    expect((await late.json()).error.code).toBe('token_expired');
  });

  it('keeps the scope: a ticket does not let another municipality’s clerk see the photo', async () => {
    const t = (await ticket('operator2', { purpose: 'attachment', resource: 'tk-1' })).body.ticket as string;
    expect((await image(`ticket=${t}`)).status).toBe(404);
  });

  it('is refused for a malformed request, with a stable code', async () => {
    const res = await ticket('operator', { purpose: 'everything' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect((await s.call('POST', '/api/v1/auth/ticket', { body: { purpose: 'live' } })).status).toBe(401);
  });
});
