import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseApprovalPolicy } from '../../shared/approval';
import { pokeSchema } from '../../shared/protocol';
import { writeTx } from '../changes';
import { MaxEmulator } from '../channels/max/emulator';
import { OkEmulator } from '../channels/ok/emulator';
import { TelegramEmulator } from '../channels/telegram/emulator';
import { VkEmulator } from '../channels/vk/emulator';
import { BACKENDS } from '../test-support/backends';
import { isRatingQuestion, pulledDeliveries, replyDelivery, threadedAppeal, waitForDeliveries } from '../test-support/delivery';
import { connectChannelAsAdmin, eventually, testSecretBox } from '../test-support/channels';
import { startTestServer, type TestServer } from '../test-support/server';
import { SseClient } from '../test-support/sse';
import { push, uid } from '../test-support/sync';

const OK_CHANNEL = 'ch-ok-maykop';
const OK_GIAGINSKY = 'ch-ok-giaginsky';
const MAX_CHANNEL = 'ch-max-maykop';
const TG_CHANNEL = 'ch-tg-maykop';
const VK_CHANNEL = 'ch-vk-maykop';

/** These tests are about the answers: the dialogs are read without the rating question that follows each. */
const answers = <T extends { text: string }>(messages: T[]): T[] => messages.filter((m) => !isRatingQuestion(m.text));
const answerCalls = <T extends { body: unknown }>(calls: T[]): T[] => calls.filter((c) => !isRatingQuestion((c.body as { text?: unknown; message?: { text?: unknown } } | null)?.text ?? (c.body as { message?: { text?: unknown } } | null)?.message?.text));

/** Published replies going back to the citizens' dialogs, through the OK and MAX emulators. */
describe.each(BACKENDS)('delivery of answers (%s)', (backend) => {
  let s: TestServer;
  let ok: OkEmulator;
  let max: MaxEmulator;
  let tg: TelegramEmulator;
  let vk: VkEmulator;
  const tokens: Record<string, string> = {};
  let chats = 0;

  beforeAll(async () => {
    ok = await new OkEmulator().start();
    max = await new MaxEmulator().start();
    tg = await new TelegramEmulator().start();
    vk = await new VkEmulator().start();
    s = await startTestServer(backend, {
      channelSecrets: testSecretBox(),
      approvalPolicy: parseApprovalPolicy('giaginsky:ok'),
      delivery: { pollMs: 50, leaseCheckMs: 50, retry: { baseMs: 30 } },
    });
    for (const u of ['operator', 'clerk-g', 'curator', 'admin']) tokens[u] = (await s.login(u)).accessToken;
    const okSettings = { apiBaseUrl: ok.url };
    await connectChannelAsAdmin(s, tokens.admin!, { id: OK_CHANNEL, platform: 'ok', bodyId: 'maykop', name: 'Майкоп в ОК', settings: okSettings, secrets: { accessToken: ok.accessToken } });
    await connectChannelAsAdmin(s, tokens.admin!, { id: OK_GIAGINSKY, platform: 'ok', bodyId: 'giaginsky', name: 'Гиагинский район в ОК', settings: okSettings, secrets: { accessToken: ok.accessToken } });
    await connectChannelAsAdmin(s, tokens.admin!, {
      id: MAX_CHANNEL,
      platform: 'max',
      bodyId: 'maykop',
      name: 'Майкоп в MAX',
      settings: { apiBaseUrl: max.url },
      secrets: { accessToken: max.accessToken, webhookSecret: 'max-webhook-secret' },
    });
    await connectChannelAsAdmin(s, tokens.admin!, {
      id: TG_CHANNEL,
      platform: 'telegram',
      bodyId: 'maykop',
      name: 'Майкоп в Telegram',
      settings: { apiBaseUrl: tg.url },
      secrets: { botToken: tg.botToken, webhookSecret: 'tg-webhook-secret' },
    });
    await connectChannelAsAdmin(s, tokens.admin!, {
      id: VK_CHANNEL,
      platform: 'vk',
      bodyId: 'maykop',
      name: 'Майкоп во ВКонтакте',
      settings: { groupId: String(vk.groupId), apiBaseUrl: vk.url },
      secrets: { accessToken: vk.accessToken, callbackSecret: vk.callbackSecret, confirmationCode: vk.confirmationCode },
    });
  });
  afterAll(async () => {
    await s?.close();
    await ok?.close();
    await max?.close();
    await tg?.close();
    await vk?.close();
  });

  /** A Maykop (or Giaginsky) appeal written to the group on OK, in a dialog of its own. */
  const okAppeal = async (municipalityId = 'maykop') => {
    const chatId = `chat:${backend}${Date.now().toString(36)}x${chats++}`;
    const appealId = await threadedAppeal(s, s.db, {
      channelId: municipalityId === 'maykop' ? OK_CHANNEL : OK_GIAGINSKY,
      source: 'ok',
      municipalityId,
      target: { chat_id: chatId },
    });
    return { appealId, chatId };
  };

  const reply = async (appealId: string, body: string, as = 'operator') => {
    const replyId = uid('r');
    const [result] = await push(s, tokens[as]!, [{ name: 'reply.submit', args: { replyId, appealId, body } }]);
    expect(result?.status).toBe('applied');
    return replyId;
  };

  it('a published reply reaches OK as graph/me/messages/chat:<id> with the group token, once; the clerk sees «доставлено» and is poked', async () => {
    const { appealId, chatId } = await okAppeal();
    const live = await SseClient.connect(`${s.url}/api/v1/sync/live`, { authorization: `Bearer ${tokens.operator!}` });
    try {
      await live.waitFor((e) => e.event === 'hello');
      const replyId = await reply(appealId, 'Здравствуйте! Фонарь заменят до пятницы.');
      const delivered = await replyDelivery(s.url, tokens.operator!, replyId, ['delivered']);
      expect(delivered).toMatchObject({ appealId, kind: 'reply', channelId: OK_CHANNEL, platform: 'ok', attempts: 1, lastError: null, nextAttemptAt: null });
      expect(delivered.deliveredAt).not.toBeNull();
      // OK gives no public link to a message in a private dialog: none is invented.
      expect(delivered.externalUrl).toBeNull();

      const sent = answers(ok.messagesTo(chatId));
      expect(sent).toHaveLength(1);
      expect(sent[0]!.call.method).toBe('POST');
      expect(sent[0]!.call.query).toEqual({ access_token: ok.accessToken });
      expect(sent[0]!.call.body).toEqual({ recipient: { chat_id: chatId }, message: { text: 'Здравствуйте! Фонарь заменят до пятницы.' } });

      // The state change reached the clerk's live channel: a poke at or after the delivered row.
      const { rows } = await s.db.query<{ seq: string }>(`SELECT max(seq) AS seq FROM changes WHERE entity = 'delivery' AND entity_id = $1`, [delivered.id]);
      const seq = Number(rows[0]!.seq);
      await live.waitFor((e) => e.event === 'poke' && pokeSchema.parse(JSON.parse(e.data)).seq >= seq);
    } finally {
      live.close();
    }
  });

  it('a published reply reaches MAX as POST /messages?chat_id= with the bot token, the rating question\'s buttons after it', async () => {
    const chatId = 7_000_000 + chats++;
    const appealId = await threadedAppeal(s, s.db, { channelId: MAX_CHANNEL, source: 'chatbot', municipalityId: 'maykop', target: { chat_id: chatId } });
    const replyId = await reply(appealId, 'Ответ в MAX.');
    const delivered = await replyDelivery(s.url, tokens.operator!, replyId, ['delivered']);
    expect(delivered).toMatchObject({ platform: 'max', channelId: MAX_CHANNEL, attempts: 1 });
    const call = max.api.calls.find((c) => c.path === '/messages' && c.query.chat_id === String(chatId));
    expect(call?.method).toBe('POST');
    expect(call?.headers.authorization).toBe(max.accessToken);
    expect(answers(max.messagesTo(chatId)).map((m) => m.text)).toEqual(['Ответ в MAX.']);
    expect(answers(max.messagesTo(chatId))[0]!.body.attachments).toBeUndefined();
    const question = await eventually(async () => max.messagesTo(chatId).find((m) => isRatingQuestion(m.text)), 5000, 'the rating question');
    expect(JSON.stringify(question.body.attachments)).toContain('inline_keyboard');
  });

  it("Telegram's 429 is waited out as long as its retry_after asks, then the answer lands under the citizen's message", async () => {
    const userId = 418_000_000 + chats++;
    const asked = tg.citizenWrites({ userId, firstName: 'Анна', text: 'Когда починят фонарь?' });
    const appealId = await threadedAppeal(s, s.db, { channelId: TG_CHANNEL, source: 'telegram', municipalityId: 'maykop', target: { chat_id: userId, message_id: asked.message.message_id } });
    tg.api.answerNext({ status: 429, json: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } } });
    const replyId = await reply(appealId, 'Фонарь починят завтра.');
    const delivered = await replyDelivery(s.url, tokens.operator!, replyId, ['delivered', 'failed']);
    expect(delivered).toMatchObject({ state: 'delivered', platform: 'telegram', attempts: 2 });
    const calls = answerCalls(tg.api.callsTo(`/bot${tg.botToken}/sendMessage`));
    expect(calls).toHaveLength(2);
    // The test's own backoff is 30 ms: only Telegram's retry_after explains the wait.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(2000);
    expect(answers(tg.chat(userId)).map((l) => [l.from, l.text, l.replyTo])).toEqual([
      ['citizen', 'Когда починят фонарь?', null],
      ['bot', 'Фонарь починят завтра.', asked.message.message_id],
    ]);
  });

  it('a reply that needs approval is not queued until the supervisor approves it; the approved text is what goes', async () => {
    const { appealId, chatId } = await okAppeal('giaginsky');
    const replyId = await reply(appealId, 'Черновик ответа.', 'clerk-g');
    // Queued in the publishing transaction or not at all: nothing exists for a submitted reply.
    expect((await pulledDeliveries(s.url, tokens['clerk-g']!)).filter((d) => d.replyId === replyId)).toEqual([]);
    expect(ok.messagesTo(chatId)).toEqual([]);

    const [approved] = await push(s, tokens.curator!, [{ name: 'reply.approve', args: { replyId, appealId, editedBody: 'Согласованный ответ.' } }]);
    expect(approved?.status).toBe('applied');
    await replyDelivery(s.url, tokens['clerk-g']!, replyId, ['delivered']);
    expect(answers(ok.messagesTo(chatId)).map((m) => m.text)).toEqual(['Согласованный ответ.']);
  });

  it('a 5xx is retried after a backoff and then delivered, one message in the dialog', async () => {
    const { appealId, chatId } = await okAppeal();
    ok.api.answerNext({ status: 502, text: 'Bad Gateway' });
    const replyId = await reply(appealId, 'После сбоя.');
    const delivered = await replyDelivery(s.url, tokens.operator!, replyId, ['delivered', 'failed']);
    expect(delivered).toMatchObject({ state: 'delivered', attempts: 2, lastError: null });
    const calls = answerCalls(ok.api.callsTo(`/graph/me/messages/${chatId}`));
    expect(calls).toHaveLength(2);
    // OK's one message a second per dialog holds for the retry too.
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000 - 5);
  });

  it('a permanent refusal stops with its code for the clerk; «Повторить» queues it again and it goes', async () => {
    const { appealId, chatId } = await okAppeal();
    ok.api.answerNext({ status: 200, json: { error_code: 10, error_msg: 'PERMISSION_DENIED : user denied messages from group', error_data: null } });
    const replyId = await reply(appealId, 'Ответ, который не дойдёт с первого раза.');
    const failed = await replyDelivery(s.url, tokens.operator!, replyId, ['failed', 'delivered']);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, lastError: { code: 'recipient_blocked' } });
    expect(failed.lastError?.detail).toContain('OK 10');
    expect(answers(ok.messagesTo(chatId))).toHaveLength(1);

    const [retried] = await push(s, tokens.operator!, [{ name: 'delivery.retry', args: { deliveryId: failed.id } }]);
    expect(retried?.status).toBe('applied');
    const delivered = await replyDelivery(s.url, tokens.operator!, replyId, ['delivered']);
    expect(delivered).toMatchObject({ id: failed.id, attempts: 2, lastError: null });
    expect(answers(ok.messagesTo(chatId))).toHaveLength(2);
  });

  it('a reply through a disabled channel stops as channel_missing without calling the platform', async () => {
    const { appealId, chatId } = await okAppeal();
    expect((await s.call('POST', `/api/v1/admin/channels/${OK_CHANNEL}/enabled`, { token: tokens.admin, body: { enabled: false } })).status).toBe(200);
    try {
      const replyId = await reply(appealId, 'Канал отключён.');
      const failed = await replyDelivery(s.url, tokens.operator!, replyId, ['failed', 'delivered']);
      expect(failed).toMatchObject({ state: 'failed', lastError: { code: 'channel_missing' } });
      expect(ok.messagesTo(chatId)).toEqual([]);
    } finally {
      await s.call('POST', `/api/v1/admin/channels/${OK_CHANNEL}/enabled`, { token: tokens.admin, body: { enabled: true } });
    }
  });

  it('a reply too long for one OK message goes as numbered parts, in order, a second apart', async () => {
    const { appealId, chatId } = await okAppeal();
    const paragraph = 'Сообщаем, что работы по замене светильников будут выполнены подрядной организацией в установленный срок. ';
    const body = Array.from({ length: 3 }, () => paragraph.repeat(20).trim()).join('\n\n');
    expect(body.length).toBeGreaterThan(4096);
    const replyId = await reply(appealId, body);
    const parts = await waitForDeliveries(s.url, tokens.operator!, (all) => {
      const mine = all.filter((d) => d.replyId === replyId);
      return mine.length > 1 && mine.every((d) => d.state === 'delivered') ? mine : undefined;
    });
    const sent = answers(ok.messagesTo(chatId));
    expect(sent).toHaveLength(parts.length);
    expect(sent.map((m) => m.text.slice(0, 6))).toEqual(parts.map((_, i) => `(${i + 1}/${parts.length}) `));
    for (const m of sent) expect(m.text.length).toBeLessThanOrEqual(4096);
    expect(sent.map((m) => m.text.replace(/^\(\d\/\d\) /, '')).join(' ').replace(/\s+/g, ' ')).toBe(body.replace(/\s+/g, ' '));
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.call.at - sent[i - 1]!.call.at).toBeGreaterThanOrEqual(1000 - 5);
  });

  it('a clarification question goes to the citizen as a delivery of its own', async () => {
    const { appealId, chatId } = await okAppeal();
    const version = async () => (await s.db.query<{ version: number }>('SELECT version FROM appeals WHERE id = $1', [appealId])).rows[0]!.version;
    const [started] = await push(s, tokens.operator!, [{ name: 'appeal.setStatus', args: { appealId, status: 'in_progress', baseVersion: await version() } }]);
    expect(started?.status).toBe('applied');
    const [asked] = await push(s, tokens.operator!, [
      { name: 'appeal.requestClarification', args: { appealId, question: 'Уточните, пожалуйста, номер дома.', baseVersion: await version() } },
    ]);
    expect(asked?.status).toBe('applied');
    const question = await waitForDeliveries(s.url, tokens.operator!, (all) => all.find((d) => d.appealId === appealId && d.state === 'delivered'));
    expect(question).toMatchObject({ kind: 'question', replyId: null });
    expect(ok.messagesTo(chatId).map((m) => m.text)).toEqual(['Уточните, пожалуйста, номер дома.']);
  });

  it('a send whose process stopped mid-call on a platform without an idempotency key becomes unknown_outcome, never a second message', async () => {
    const { appealId, chatId } = await okAppeal();
    const id = uid('d');
    // As a process leaves it when it dies after claiming: sending, attempt counted, lease run out.
    await writeTx(s.db, async (q, changes) => {
      await q.query(
        `INSERT INTO deliveries (id, appeal_id, reply_id, kind, channel_id, platform, body, target, idempotency_key, state, attempts, locked_until, created_at, updated_at)
         VALUES ($1, $2, $3, 'reply', $4, 'ok', 'Ответ', $5::jsonb, $3, 'sending', 1, now() - interval '1 second', now(), now())`,
        [id, appealId, uid('r'), OK_CHANNEL, JSON.stringify({ chat_id: chatId })],
      );
      changes.upsert('delivery', id, 'm:maykop');
    });
    const failed = await waitForDeliveries(s.url, tokens.operator!, (all) => all.find((d) => d.id === id && d.state !== 'sending'));
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, lastError: { code: 'unknown_outcome' } });
    expect(ok.messagesTo(chatId)).toEqual([]);
  });

  it('on VK, whose random_id makes a repeat harmless, a send cut short is simply sent again: the dialog still holds one answer', async () => {
    const peerId = 510_000_000 + chats++;
    vk.messageNew({ fromId: peerId, text: 'Когда вывезут мусор?' });
    const appealId = await threadedAppeal(s, s.db, { channelId: VK_CHANNEL, source: 'vk', municipalityId: 'maykop', target: { mode: 'message', peer_id: peerId } });
    const replyId = await reply(appealId, 'Мусор вывезут сегодня.');
    const first = await replyDelivery(s.url, tokens.operator!, replyId, ['delivered']);
    // The clerk's «доставлено» links to the dialog in the community's messages.
    expect(first.externalUrl).toBe(`https://vk.com/gim${vk.groupId}?sel=${peerId}`);
    // As if the process had died after VK took the message and before it recorded the answer.
    await writeTx(s.db, async (q, changes) => {
      await q.query(`UPDATE deliveries SET state = 'sending', locked_until = now() - interval '1 second' WHERE id = $1`, [first.id]);
      changes.upsert('delivery', first.id, 'm:maykop');
    });
    const again = await waitForDeliveries(s.url, tokens.operator!, (all) => all.find((d) => d.id === first.id && d.state === 'delivered' && d.attempts === 2));
    expect(again.lastError).toBeNull();
    const sends = vk.methodCalls('messages.send').filter((p) => p.peer_id === String(peerId) && !isRatingQuestion(p.message));
    expect(sends).toHaveLength(2);
    expect(sends[1]!.random_id).toBe(sends[0]!.random_id);
    expect(answers(vk.dialogs.get(peerId)!).map((m) => m.text)).toEqual(['Когда вывезут мусор?', 'Мусор вывезут сегодня.']);
  });

  it('an appeal that came from no channel gets no delivery', async () => {
    const replyId = await reply('a-m1', 'Ответ на обращение из формы.');
    expect((await pulledDeliveries(s.url, tokens.operator!)).filter((d) => d.replyId === replyId)).toEqual([]);
  });
});
