import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEventSchema } from '../../../shared/channels/inbound';
import { SAMPLE_JPEG } from '../emulator-kit';
import type { ConnectorChannel } from '../types';
import { MaxEmulator } from './emulator';
import { maxConnector } from './index';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

describe('MAX connector', () => {
  let max: MaxEmulator;
  let channel: ConnectorChannel;
  beforeAll(async () => {
    max = await new MaxEmulator().start();
    channel = { id: 'ch-max', platform: 'max', bodyId: 'takhtamukaysky', settings: { apiBaseUrl: max.url }, secrets: { accessToken: max.accessToken, webhookSecret: 'max-hook-secret_1' } };
  });
  afterAll(async () => max?.close());

  const send = (text: string, kind: 'reply' | 'question' = 'reply', chatId: unknown = 196003112, ch = channel) =>
    maxConnector.send(ch, { deliveryId: 'd-1', kind, text, target: { chat_id: chatId as number }, idempotencyKey: 'r-1' });

  it('parses a message_created update from a dialog: its mid is the event, the chat is the thread', () => {
    const raw = fixture('message-created-dialog');
    expect(maxConnector.envelope(channel, raw)).toEqual({ kind: 'event', eventId: 'mid.000000000bb0e0a8019ad9f1c4e45f2b' });
    const [event] = maxConnector.parse(channel, raw);
    expect(inboundEventSchema.parse(event)).toEqual({
      eventId: 'mid.000000000bb0e0a8019ad9f1c4e45f2b',
      kind: 'follow_up',
      threadKey: 'max:chat:196003112',
      messageRef: 'mid.000000000bb0e0a8019ad9f1c4e45f2b',
      author: { externalId: '58204417', name: 'Азамат Тхагапсо' },
      text: 'Добрый день! На остановке «Школа №5» в Яблоновском вторую неделю не горят фонари',
      attachments: [],
      receivedAt: new Date(1764680400100).toISOString(),
      replyTarget: { chat_id: 196003112 },
    });
  });

  it('takes a photo and the profile link of a person with a username', () => {
    const [event] = maxConnector.parse(channel, fixture('message-created-photo'));
    expect(event?.author).toEqual({ externalId: '58204417', name: 'Азамат Тхагапсо', profileUrl: 'https://max.ru/azamat_t' });
    expect(event?.attachments).toEqual([{ ref: '7388321165', url: 'https://i.oneme.ru/i?r=BTGBPUwtwgYUeoFhO7rESmr8dVGJ2JPUrzHfY5d3nrl1' }]);
  });

  it('turns a press of «Решено» under the rating question into a button event of the same thread, never a message', () => {
    const raw = fixture('message-callback');
    expect(maxConnector.envelope(channel, raw)).toEqual({ kind: 'event', eventId: 'callback:f9LHodD0cOIxk6G4vX2rGlZbcoXW8xzq3m1WgUqx4' });
    const [event] = maxConnector.parse(channel, raw);
    expect(inboundEventSchema.parse(event)).toMatchObject({
      kind: 'follow_up',
      threadKey: 'max:chat:196003112',
      messageRef: 'callback:f9LHodD0cOIxk6G4vX2rGlZbcoXW8xzq3m1WgUqx4',
      text: '',
      author: { externalId: '58204417', name: 'Азамат Тхагапсо' },
      replyTarget: { chat_id: 196003112 },
      button: { data: 'rt:5b0e4f3a-8c1d-4e2f-9a6b-7c8d9e0f1a2b:y', callbackId: 'f9LHodD0cOIxk6G4vX2rGlZbcoXW8xzq3m1WgUqx4' },
    });
  });

  it('ignores service updates and bots\' own messages', () => {
    expect(maxConnector.envelope(channel, fixture('bot-started'))).toEqual({ kind: 'ignore' });
    const fromBot = max.messageCreated({ userId: 1, chatId: 2, text: 'x' });
    fromBot.message.sender.is_bot = true;
    expect(maxConnector.envelope(channel, fromBot)).toEqual({ kind: 'ignore' });
    expect(maxConnector.parse(channel, fromBot)).toEqual([]);
  });

  it('accepts a call with the subscription secret in X-Max-Bot-Api-Secret and refuses any other', () => {
    const body = fixture('message-created-dialog');
    expect(maxConnector.verify(channel, { headers: { 'x-max-bot-api-secret': 'max-hook-secret_1' }, body })).toBe('ok');
    expect(maxConnector.verify(channel, { headers: { 'x-max-bot-api-secret': 'max-hook-secret_2' }, body })).toBe('forbidden');
    expect(maxConnector.verify(channel, { headers: {}, body })).toBe('forbidden');
    expect(maxConnector.verify({ ...channel, secrets: { accessToken: 't' } }, { headers: { 'x-max-bot-api-secret': '' }, body })).toBe('forbidden');
    expect(maxConnector.secretsSchema.safeParse({ accessToken: 't', webhookSecret: 'bad secret!' }).success).toBe(false);
  });

  it('sends an answer with POST /messages?chat_id= and the token in Authorization, with no buttons of its own', async () => {
    const before = max.api.calls.length;
    const result = await send('Фонари на остановке починены 3 декабря.');
    expect(result).toEqual({ outcome: 'delivered', externalId: expect.stringMatching(/^mid\./), externalUrl: null });
    const call = max.api.calls[before]!;
    expect(call).toMatchObject({ method: 'POST', path: '/messages', query: { chat_id: '196003112' }, headers: { authorization: max.accessToken } });
    expect(call.body).toEqual({ text: 'Фонари на остановке починены 3 декабря.' });
    await send('Уточните, пожалуйста, номер дома.', 'question');
    expect(max.messagesTo(196003112).at(-1)?.body).toEqual({ text: 'Уточните, пожалуйста, номер дома.' });
  });

  it('reports 5xx and 429 as worth retrying, and the retry delivers', async () => {
    max.api.answerNext({ status: 503, json: { code: 'service.unavailable', message: 'Try later' } }, { status: 429, json: { code: 'too.many.requests', message: 'Too many requests' } });
    expect(await send('Ответ')).toMatchObject({ outcome: 'transient', code: 'platform_unavailable', detail: 'MAX 503 service.unavailable: Try later' });
    expect(await send('Ответ')).toMatchObject({ outcome: 'transient', code: 'rate_limited' });
    expect(await send('Ответ')).toMatchObject({ outcome: 'delivered' });
  });

  it('stops with a reason when the person blocked the bot, the token is wrong, the text is too long or the target is missing', async () => {
    max.api.answerNext({ status: 403, json: fixture('error-chat-denied') });
    expect(await send('Ответ')).toEqual({ outcome: 'permanent', code: 'recipient_blocked', detail: 'MAX 403 chat.denied: chat.denied: dialog.suspended' });
    expect(await send('Ответ', 'reply', 196003112, { ...channel, secrets: { ...channel.secrets, accessToken: 'revoked' } })).toMatchObject({ outcome: 'permanent', code: 'channel_unauthorized' });
    expect(await send('я'.repeat(4001))).toMatchObject({ outcome: 'permanent', code: 'too_long' });
    expect(await send('Ответ', 'reply', 'chat:x')).toMatchObject({ outcome: 'permanent', code: 'target_missing' });
    expect(await send('Ответ', 'reply', 196003112, { ...channel, settings: { apiBaseUrl: 'http://127.0.0.1:9' } })).toMatchObject({ outcome: 'transient', code: 'network' });
  });

  it('a call that gets no answer in time may have arrived: unknown_outcome, for a person to check, never retried blindly', async () => {
    // Takes the request and never answers, as a platform that hangs after receiving it.
    const hung = createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const silent = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
    try {
      expect(await send('Ответ', 'reply', 196003112, { ...channel, settings: { apiBaseUrl: silent } })).toMatchObject({ outcome: 'permanent', code: 'unknown_outcome' });
    } finally {
      hung.closeAllConnections();
      await new Promise((resolve) => hung.close(resolve));
    }
  }, 20_000);

  it('fetches a photo from its URL', async () => {
    expect(await maxConnector.fetchAttachment(channel, { ref: '1', url: max.photoUrl() })).toEqual({ bytes: Buffer.from(SAMPLE_JPEG), mime: 'image/jpeg', name: 'photo.jpg' });
  });
});
