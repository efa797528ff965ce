import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEventSchema } from '../../../shared/channels/inbound';
import { SAMPLE_JPEG } from '../emulator-kit';
import { connectorFor } from '../registry';
import type { ConnectorChannel } from '../types';
import { TelegramEmulator } from './emulator';
import { TELEGRAM_MAX_FILE_BYTES } from './files';
import { telegramConnector } from './index';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
const SECRET = 'tg-hook_Secret-1';

describe('Telegram connector', () => {
  let tg: TelegramEmulator;
  let channel: ConnectorChannel;
  beforeAll(async () => {
    tg = await new TelegramEmulator().start();
    channel = { id: 'ch-tg', platform: 'telegram', bodyId: 'maykop', settings: { apiBaseUrl: tg.url }, secrets: { botToken: tg.botToken, webhookSecret: SECRET } };
  });
  afterAll(async () => tg?.close());

  const send = (text: string, target: Record<string, unknown> = { chat_id: 418730591, message_id: 1 }, ch = channel, kind: 'reply' | 'question' = 'reply') =>
    telegramConnector.send(ch, { deliveryId: 'd-1', kind, text, target: target as Record<string, number>, idempotencyKey: 'r-1' });

  it('is the registered connector for telegram, with its secrets checked', () => {
    expect(connectorFor('telegram')).toBe(telegramConnector);
    expect(telegramConnector.idempotentSend).toBe(false);
    expect(telegramConnector.secretsSchema.safeParse({ botToken: tg.botToken, webhookSecret: SECRET }).success).toBe(true);
    expect(telegramConnector.secretsSchema.safeParse({ botToken: tg.botToken, webhookSecret: 'has space' }).success).toBe(false);
    expect(telegramConnector.secretsSchema.safeParse({ botToken: tg.botToken, webhookSecret: 'x'.repeat(257) }).success).toBe(false);
  });

  it('parses a private message: update_id is the event, the chat is the thread, chat:message the ref', () => {
    const raw = fixture('message-private-text');
    expect(telegramConnector.envelope(channel, raw)).toEqual({ kind: 'event', eventId: '815402117' });
    const [event] = telegramConnector.parse(channel, raw);
    expect(inboundEventSchema.parse(event)).toEqual({
      eventId: '815402117',
      kind: 'follow_up',
      threadKey: 'telegram:chat:418730591',
      messageRef: '418730591:342',
      author: { externalId: '418730591', name: 'Марьям Хачемизова', profileUrl: 'https://t.me/maryam_kh' },
      text: 'Здравствуйте! На улице Гагарина, 14 в Майкопе с понедельника нет горячей воды',
      attachments: [],
      receivedAt: new Date(1764745210 * 1000).toISOString(),
      replyTarget: { chat_id: 418730591, message_id: 342 },
    });
  });

  it('takes the caption and only the largest size of a photo, by its file_id', () => {
    const [event] = telegramConnector.parse(channel, fixture('message-photo-caption'));
    expect(event?.text).toBe('Вот так выглядит подвал дома, течёт с прошлой недели');
    expect(event?.attachments).toEqual([
      { ref: 'AgACAgIAAxkBAAIBV2dOq1eEXx0AAZxvN3Jc8Nf1mBqVAAJl4DEbWvB4SrZ3N1JpLk8xAQADAgADeQADNgQ', name: 'photo.jpg', mime: 'image/jpeg', size: 142306 },
    ]);
  });

  it('joins a reply and an edit to the same thread; the edit says it is a correction and keeps its own ref', () => {
    const [reply] = telegramConnector.parse(channel, fixture('message-reply'));
    expect(reply).toMatchObject({ eventId: '815402131', threadKey: 'telegram:chat:418730591', messageRef: '418730591:347', text: 'Третий подъезд', replyTarget: { chat_id: 418730591, message_id: 347 } });
    const edited = fixture('edited-message');
    expect(telegramConnector.envelope(channel, edited)).toEqual({ kind: 'event', eventId: '815402119' });
    expect(telegramConnector.parse(channel, edited)).toEqual([
      expect.objectContaining({
        threadKey: 'telegram:chat:418730591',
        messageRef: '418730591:342:edit:1764745301',
        text: 'Житель исправил сообщение: Здравствуйте! На улице Гагарина, 16 в Майкопе с понедельника нет горячей воды',
        receivedAt: new Date(1764745301 * 1000).toISOString(),
      }),
    ]);
  });

  it('takes a group message addressed to the bot into the group chat thread, with a link to it', () => {
    const [event] = telegramConnector.parse(channel, fixture('message-group'));
    expect(event).toMatchObject({
      threadKey: 'telegram:chat:-1001843920417',
      messageRef: '-1001843920417:10873',
      author: { externalId: '902114377', name: 'Руслан', profileUrl: 'https://t.me/ruslan_yabl' },
      link: 'https://t.me/yablonovsky_chat/10873',
      replyTarget: { chat_id: -1001843920417, message_id: 10873 },
    });
  });

  it('ignores service updates, service messages, bots and what is not an update at all', () => {
    expect(telegramConnector.envelope(channel, fixture('my-chat-member-blocked'))).toEqual({ kind: 'ignore' });
    expect(telegramConnector.parse(channel, fixture('my-chat-member-blocked'))).toEqual([]);
    expect(telegramConnector.envelope(channel, fixture('message-service-new-member'))).toEqual({ kind: 'ignore' });
    const fromBot = fixture('message-group') as { message: { from: { is_bot: boolean } } };
    fromBot.message.from.is_bot = true;
    expect(telegramConnector.envelope(channel, fromBot)).toEqual({ kind: 'ignore' });
    expect(telegramConnector.parse(channel, fromBot)).toEqual([]);
    for (const junk of [null, 'update', { update_id: 'x' }, { update_id: -1, message: {} }, { update_id: 5, message: { message_id: 1 } }]) {
      expect(telegramConnector.envelope(channel, junk)).toEqual({ kind: 'ignore' });
    }
  });

  it('keeps HTML in a name and a message as the characters the person typed', () => {
    const update = tg.citizenWrites({ userId: 51, firstName: '<b>Иван</b>', lastName: '<img src=x onerror=alert(1)>', text: '<script>alert(1)</script> & «кавычки»' });
    const [event] = telegramConnector.parse(channel, update);
    expect(event?.author.name).toBe('<b>Иван</b> <img src=x onerror=alert(1)>');
    expect(event?.text).toBe('<script>alert(1)</script> & «кавычки»');
    expect(event?.author.profileUrl).toBeUndefined();
  });

  it('gives a duplicate delivery of one update the same event id', () => {
    const update = tg.citizenWrites({ userId: 52, firstName: 'Азамат', text: 'Где мой ответ?' });
    const first = telegramConnector.envelope(channel, update);
    expect(telegramConnector.envelope(channel, JSON.parse(JSON.stringify(update)))).toEqual(first);
    expect(first).toEqual({ kind: 'event', eventId: String(update.update_id) });
  });

  it('accepts a call with the secret in X-Telegram-Bot-Api-Secret-Token and refuses a wrong or missing one', () => {
    const body = fixture('message-private-text');
    expect(telegramConnector.verify(channel, { headers: { 'x-telegram-bot-api-secret-token': SECRET }, body })).toBe('ok');
    expect(telegramConnector.verify(channel, { headers: { 'x-telegram-bot-api-secret-token': `${SECRET}x` }, body })).toBe('forbidden');
    expect(telegramConnector.verify(channel, { headers: {}, body })).toBe('forbidden');
    expect(telegramConnector.verify({ ...channel, secrets: { botToken: tg.botToken } }, { headers: { 'x-telegram-bot-api-secret-token': '' }, body })).toBe('forbidden');
  });

  it('sends sendMessage with the chat, the text and reply_parameters to the person\'s message; the chat shows it', async () => {
    const update = tg.citizenWrites({ userId: 418730591, firstName: 'Марьям', text: 'Нет горячей воды' });
    const before = tg.api.calls.length;
    const result = await send('Горячую воду дадут 4 декабря к 18:00.', { chat_id: 418730591, message_id: update.message.message_id });
    expect(result).toEqual({ outcome: 'delivered', externalId: expect.stringMatching(/^418730591:\d+$/), externalUrl: null });
    const call = tg.api.calls[before]!;
    expect(call).toMatchObject({ method: 'POST', path: `/bot${tg.botToken}/sendMessage` });
    expect(call.body).toEqual({
      chat_id: 418730591,
      text: 'Горячую воду дадут 4 декабря к 18:00.',
      reply_parameters: { message_id: update.message.message_id, allow_sending_without_reply: true },
    });
    expect(tg.chat(418730591).map((l) => [l.from, l.text, l.replyTo])).toEqual([
      ['citizen', 'Нет горячей воды', null],
      ['bot', 'Горячую воду дадут 4 декабря к 18:00.', update.message.message_id],
    ]);
  });

  it('reports 5xx (Telegram\'s JSON or a proxy\'s page) and 429 with retry_after as worth retrying; the retry delivers', async () => {
    tg.api.answerNext(
      { status: 502, json: { ok: false, error_code: 502, description: 'Bad Gateway' } },
      { status: 503, text: '<html>503 Service Temporarily Unavailable</html>' },
      { status: 429, json: fixture('error-too-many-requests') },
    );
    expect(await send('Ответ')).toEqual({ outcome: 'transient', code: 'platform_unavailable', detail: 'Telegram 502: Bad Gateway' });
    expect(await send('Ответ')).toEqual({ outcome: 'transient', code: 'platform_unavailable', detail: 'Telegram 503: HTTP 503' });
    expect(await send('Ответ')).toEqual({ outcome: 'transient', code: 'rate_limited', detail: 'Telegram 429: Too Many Requests: retry after 7', retryAfterMs: 7000 });
    expect(await send('Ответ')).toMatchObject({ outcome: 'delivered' });
  });

  it('stops with a reason: blocked, unknown chat, too long, revoked token; a dead API is a network failure', async () => {
    tg.citizenWrites({ userId: 60, firstName: 'Пётр', text: 'Привет' });
    tg.block(60);
    expect(await send('Ответ', { chat_id: 60, message_id: 1 })).toEqual({ outcome: 'permanent', code: 'recipient_blocked', detail: 'Telegram 403: Forbidden: bot was blocked by the user' });
    tg.api.answerNext({ status: 403, json: { ok: false, error_code: 403, description: 'Forbidden: user is deactivated' } });
    expect(await send('Ответ')).toMatchObject({ outcome: 'permanent', code: 'recipient_blocked' });
    expect(await send('Ответ', { chat_id: 999, message_id: 1 })).toEqual({ outcome: 'permanent', code: 'target_missing', detail: 'Telegram 400: Bad Request: chat not found' });
    expect(await send('я'.repeat(4097))).toEqual({ outcome: 'permanent', code: 'too_long', detail: 'Telegram 400: Bad Request: message is too long' });
    expect(await send('Ответ', { chat_id: 418730591 }, { ...channel, secrets: { ...channel.secrets, botToken: '1:revoked' } })).toEqual({ outcome: 'permanent', code: 'channel_unauthorized', detail: 'Telegram 401: Unauthorized' });
    expect(await send('Ответ', { message_id: 3 })).toMatchObject({ outcome: 'permanent', code: 'target_missing' });
    expect(await send('Ответ', { chat_id: 418730591 }, { ...channel, settings: { apiBaseUrl: 'http://127.0.0.1:9' } })).toMatchObject({ outcome: 'transient', code: 'network' });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await send('Ответ', { chat_id: 418730591 }, { ...channel, settings: { apiBaseUrl: `http://127.0.0.1:${port}` } })).toMatchObject({ outcome: 'transient', code: 'network', detail: expect.stringMatching(/^ECONNREFUSED/) });
  });

  it('a send with no answer may have arrived: a timeout or a dropped connection is unknown_outcome, never retried blindly', async () => {
    // One server drops the connection once it has the request; another takes it and never answers.
    const dropping = createServer((req) => req.socket.destroy());
    const hung = createServer(() => undefined);
    await Promise.all([dropping, hung].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
    const at = (s: typeof hung) => ({ ...channel, settings: { apiBaseUrl: `http://127.0.0.1:${(s.address() as AddressInfo).port}` } });
    try {
      expect(await send('Ответ', { chat_id: 418730591 }, at(dropping))).toMatchObject({ outcome: 'permanent', code: 'unknown_outcome' });
      expect(await send('Ответ', { chat_id: 418730591 }, at(hung))).toMatchObject({ outcome: 'permanent', code: 'unknown_outcome', detail: expect.stringMatching(/timed out/) });
    } finally {
      for (const s of [dropping, hung]) {
        s.closeAllConnections();
        await new Promise((r) => s.close(r));
      }
    }
  }, 20_000);

  it('checks the connection with getMe', async () => {
    expect(await telegramConnector.check!(channel)).toEqual({ ok: true, detail: `@${tg.bot.username} (id ${tg.bot.id})` });
    expect(await telegramConnector.check!({ ...channel, secrets: { ...channel.secrets, botToken: '1:revoked' } })).toMatchObject({ ok: false, code: 'channel_unauthorized' });
  });

  it('fetches a photo by getFile and the file path', async () => {
    const update = tg.citizenWrites({ userId: 418730591, firstName: 'Марьям', text: 'Подвал', photo: true });
    const [event] = telegramConnector.parse(channel, update);
    const largest = update.message.photo!.at(-1)!;
    expect(event?.attachments.map((a) => a.ref)).toEqual([largest.file_id]);
    const before = tg.api.calls.length;
    expect(await telegramConnector.fetchAttachment(channel, event!.attachments[0]!)).toEqual({ bytes: Buffer.from(SAMPLE_JPEG), mime: 'image/jpeg', name: 'photo.jpg' });
    const [getFile, download] = tg.api.calls.slice(before);
    expect(getFile).toMatchObject({ path: `/bot${tg.botToken}/getFile`, body: { file_id: largest.file_id } });
    expect(download).toMatchObject({ method: 'GET', path: expect.stringMatching(new RegExp(`^/file/bot${tg.botToken}/photos/file_\\d+\\.jpg$`)) });
  });

  it('refuses a file over the cap without downloading it, by the update\'s size or by getFile\'s', async () => {
    const local = await new TelegramEmulator(tg.botToken, Infinity).start();
    try {
      const ch = { ...channel, settings: { apiBaseUrl: local.url } };
      const big = local.addFile(SAMPLE_JPEG, { size: TELEGRAM_MAX_FILE_BYTES + 1 });
      expect(await telegramConnector.fetchAttachment(ch, { ref: big })).toBeNull();
      expect(local.api.calls.map((c) => c.path)).toEqual([`/bot${tg.botToken}/getFile`]);
      expect(await telegramConnector.fetchAttachment(ch, { ref: big, size: TELEGRAM_MAX_FILE_BYTES + 1 })).toBeNull();
      expect(local.api.calls).toHaveLength(1);
    } finally {
      await local.close();
    }
    // api.telegram.org itself refuses getFile over 20 MB.
    const cloudBig = tg.addFile(SAMPLE_JPEG, { size: 25 * 1024 * 1024 });
    expect(await telegramConnector.fetchAttachment(channel, { ref: cloudBig })).toBeNull();
    expect(await telegramConnector.fetchAttachment(channel, { ref: 'no-such-file' })).toBeNull();
  });

  it('posts an update to the webhook with the secret header, retrying a non-2xx as Telegram does', async () => {
    const seen: Array<string | undefined> = [];
    const server = createServer((req, res) => {
      seen.push(req.headers['x-telegram-bot-api-secret-token'] as string | undefined);
      res.writeHead(seen.length < 2 ? 500 : 200).end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      await fetch(`${tg.url}/bot${tg.botToken}/setWebhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url, secret_token: SECRET }) });
      const statuses = await tg.deliver(tg.citizenWrites({ userId: 70, firstName: 'Ольга', text: 'Тест' }), { gapMs: 5 });
      expect(statuses).toEqual([500, 200]);
      expect(seen).toEqual([SECRET, SECRET]);
    } finally {
      await fetch(`${tg.url}/bot${tg.botToken}/deleteWebhook`, { method: 'POST' });
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
