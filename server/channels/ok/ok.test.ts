import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEventSchema } from '../../../shared/channels/inbound';
import type { ConnectorChannel } from '../types';
import { SAMPLE_JPEG } from '../emulator-kit';
import { OkEmulator } from './emulator';
import { okConnector } from './index';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

describe('OK connector', () => {
  let ok: OkEmulator;
  let channel: ConnectorChannel;
  beforeAll(async () => {
    ok = await new OkEmulator().start();
    channel = { id: 'ch-ok', platform: 'ok', bodyId: 'maykop', settings: { apiBaseUrl: ok.url }, secrets: { accessToken: ok.accessToken } };
  });
  afterAll(async () => ok?.close());

  const send = (text: string, chatId: unknown = 'chat:C4f0a1b2c3d40', ch = channel) =>
    okConnector.send(ch, { deliveryId: 'd-1', kind: 'reply', text, target: { chat_id: chatId as string }, idempotencyKey: 'r-1' });

  it('parses the documented notification of a new message: its mid is the event, the dialog is the thread', () => {
    const raw = fixture('message-text');
    expect(okConnector.envelope(channel, raw)).toEqual({ kind: 'event', eventId: 'mid:C3ecb9d02a600.15cea67d78d2059' });
    const [event] = okConnector.parse(channel, raw);
    expect(inboundEventSchema.parse(event)).toEqual({
      eventId: 'mid:C3ecb9d02a600.15cea67d78d2059',
      kind: 'follow_up',
      threadKey: 'ok:chat:C3ecb9d02a600',
      messageRef: 'mid:C3ecb9d02a600.15cea67d78d2059',
      author: { externalId: 'user:123456789012', name: 'Пользователь ОК 123456789012', profileUrl: 'https://ok.ru/profile/123456789012' },
      text: 'text',
      attachments: [],
      receivedAt: new Date(1498581292941).toISOString(),
      replyTarget: { chat_id: 'chat:C3ecb9d02a600' },
    });
  });

  it('takes the sender name and a photo from a Bot API notification; a shared link stays in the text', () => {
    const [event] = okConnector.parse(channel, fixture('message-bot-api'));
    expect(event?.author.name).toBe('Светлана Хуажева');
    expect(event?.text).toMatch(/^Во дворе дома 12/);
    expect(event?.attachments).toEqual([{ ref: 'https://i.mycdn.me/i?r=AyH4iRPQ2q0otWIFepML2LxR', url: 'https://i.mycdn.me/i?r=AyH4iRPQ2q0otWIFepML2LxR' }]);
    const [shared] = okConnector.parse(channel, fixture('message-share'));
    expect(shared).toMatchObject({ text: 'https://ya.ru/', attachments: [] });
  });

  it('ignores notifications that are not a person\'s new message', () => {
    expect(okConnector.envelope(channel, { recipient: { chat_id: 'chat:C3ecb9d02a600' }, chat_control: { title: 'Новое имя' } })).toEqual({ kind: 'ignore' });
    expect(okConnector.envelope(channel, { ...(fixture('message-bot-api') as object), webhookType: 'CHAT_SYSTEM' })).toEqual({ kind: 'ignore' });
    expect(okConnector.parse(channel, { sender: { user_id: 'user:1' }, recipient: { chat_id: 'chat:C1' }, message: { mid: 'mid:1', text: '  ' } })).toEqual([]);
  });

  it('accepts any caller without address ranges, and only callers inside them when they are set', () => {
    const req = (remoteAddress?: string) => ({ headers: {}, body: fixture('message-text'), remoteAddress });
    expect(okConnector.verify(channel, req('203.0.113.9'))).toBe('ok');
    const limited = { ...channel, settings: { ...channel.settings, allowedCidrs: '217.20.144.0/20, 2a00:b4c0::/32' } };
    expect(okConnector.verify(limited, req('217.20.150.7'))).toBe('ok');
    expect(okConnector.verify(limited, req('::ffff:217.20.150.7'))).toBe('ok');
    expect(okConnector.verify(limited, req('2a00:b4c0:1::5'))).toBe('ok');
    expect(okConnector.verify(limited, req('203.0.113.9'))).toBe('forbidden');
    expect(okConnector.verify(limited, req(undefined))).toBe('forbidden');
    const typo = { ...channel, settings: { allowedCidrs: '217.20.144.0/40' } };
    expect(okConnector.verify(typo, req('217.20.150.7'))).toBe('forbidden');
  });

  it('sends a reply with POST graph/me/messages/chat:<id>, the group token and the documented body', async () => {
    const before = ok.api.calls.length;
    const result = await send('Здравствуйте! Контейнеры вывезены 2 декабря.');
    expect(result).toEqual({ outcome: 'delivered', externalId: expect.stringMatching(/^mid:C4f0a1b2c3d40\./), externalUrl: null });
    const call = ok.api.calls[before]!;
    expect(call).toMatchObject({ method: 'POST', path: '/graph/me/messages/chat:C4f0a1b2c3d40', query: { access_token: ok.accessToken } });
    expect(call.body).toEqual({ recipient: { chat_id: 'chat:C4f0a1b2c3d40' }, message: { text: 'Здравствуйте! Контейнеры вывезены 2 декабря.' } });
    expect(ok.messagesTo('chat:C4f0a1b2c3d40').at(-1)?.text).toBe('Здравствуйте! Контейнеры вывезены 2 декабря.');
  });

  it('reports a 5xx or flood control as worth retrying, and the retry delivers', async () => {
    ok.api.answerNext({ status: 502, text: 'Bad Gateway' }, { status: 200, json: fixture('error-flood') });
    expect(await send('Ответ')).toMatchObject({ outcome: 'transient', code: 'platform_unavailable', detail: 'HTTP 502' });
    expect(await send('Ответ')).toMatchObject({ outcome: 'transient', code: 'rate_limited', detail: 'OK 8: FLOOD_BLOCKED : Flood blocked' });
    expect(await send('Ответ')).toMatchObject({ outcome: 'delivered' });
  });

  it('stops with a reason on a revoked token, an unknown chat, or no target; a dead API is a network failure', async () => {
    const revoked = { ...channel, secrets: { accessToken: 'old' } };
    expect(await send('Ответ', 'chat:C4f0a1b2c3d40', revoked)).toEqual({ outcome: 'permanent', code: 'channel_unauthorized', detail: 'OK 102: PARAM_SESSION_EXPIRED : Session expired' });
    ok.api.answerNext({ status: 200, json: { error_code: 300, error_msg: 'NOT_FOUND : Chat not found', error_data: null } });
    expect(await send('Ответ')).toMatchObject({ outcome: 'permanent', code: 'target_missing' });
    expect(await send('Ответ', null)).toMatchObject({ outcome: 'permanent', code: 'target_missing' });
    const down = { ...channel, settings: { apiBaseUrl: 'http://127.0.0.1:9' } };
    expect(await send('Ответ', 'chat:C4f0a1b2c3d40', down)).toMatchObject({ outcome: 'transient', code: 'network' });
  });

  it('a call that gets no answer in time may have arrived: unknown_outcome, for a person to check, never retried blindly', async () => {
    // Takes the request and never answers, as a platform that hangs after receiving it.
    const hung = createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const silent = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
    try {
      expect(await send('Ответ', 'chat:C4f0a1b2c3d40', { ...channel, settings: { apiBaseUrl: silent } })).toMatchObject({ outcome: 'permanent', code: 'unknown_outcome' });
    } finally {
      hung.closeAllConnections();
      await new Promise((resolve) => hung.close(resolve));
    }
  }, 20_000);

  it('fetches a photo the message links to', async () => {
    const photo = await okConnector.fetchAttachment(channel, { ref: ok.photoUrl(), url: ok.photoUrl() });
    expect(photo).toEqual({ bytes: Buffer.from(SAMPLE_JPEG), mime: 'image/jpeg', name: 'photo.jpg' });
    expect(await okConnector.fetchAttachment(channel, { ref: 'x' })).toBeNull();
  });
});
