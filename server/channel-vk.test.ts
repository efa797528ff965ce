import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretBox } from './channels/secrets';
import { VkEmulator } from './channels/vk/emulator';
import { BACKENDS } from './test-support/backends';
import { appealByRef, connectChannel, type ConnectedChannel, countOf, eventsOf, eventually, testSecretBox } from './test-support/channels';
import { isRatingQuestion, replyDelivery } from './test-support/delivery';
import { startTestServer, type TestServer } from './test-support/server';
import { push, uid } from './test-support/sync';

/** A VK community's citizens through the real server: Callback calls in, the inbox, the clerk's answer out. */
describe.each(BACKENDS)('VK community through the server (%s)', (backend) => {
  let s: TestServer;
  let box: SecretBox;
  let vk: VkEmulator;
  let channel: ConnectedChannel;
  let operator: string;

  beforeAll(async () => {
    box = testSecretBox();
    s = await startTestServer(backend, { channelSecrets: box, inboxPollMs: 50, delivery: { pollMs: 50, leaseCheckMs: 50, retry: { baseMs: 30 } } });
    vk = await new VkEmulator().start();
    channel = await connectChannel(s, box, {
      platform: 'vk',
      bodyId: 'maykop',
      settings: { groupId: vk.groupId, apiBaseUrl: vk.url },
      secrets: { accessToken: vk.accessToken, callbackSecret: vk.callbackSecret, confirmationCode: vk.confirmationCode },
    });
    operator = (await s.login('operator')).accessToken;
  });
  afterAll(async () => {
    await s?.close();
    await vk?.close();
  });

  it('passes the confirmation handshake and refuses a call with a wrong secret, storing nothing', async () => {
    expect(await vk.confirm(channel.webhookUrl)).toBe(true);
    const before = await countOf(s, 'SELECT count(*) AS n FROM channel_inbox');
    const post = vk.post('Новости района');
    const forged = vk.withSecret(vk.wallReplyNew({ postId: post.id, fromId: 100, text: 'Подделка' }), 'not-the-secret');
    expect(await vk.deliver(channel.webhookUrl, forged)).toEqual([{ status: 403, text: expect.any(String) }]);
    expect(await countOf(s, 'SELECT count(*) AS n FROM channel_inbox')).toBe(before);
  });

  it('files a comment once though VK sends it twice, joins a reply in its thread, ignores the community\'s own comment, and the answer lands in the thread', async () => {
    const post = vk.post('График ремонта дорог на 2027 год');
    const first = vk.wallReplyNew({ postId: post.id, fromId: 499047616, text: 'Почему нет улицы Садовой?' });
    expect(await vk.deliver(channel.webhookUrl, first)).toEqual([{ status: 200, text: 'ok' }]);
    expect(await vk.deliver(channel.webhookUrl, first)).toEqual([{ status: 200, text: 'ok' }]);
    const ref = `vk:comment:-${vk.groupId}_${first.object.id}`;
    const appeal = await eventually(() => appealByRef(s, ref), 5000, 'the appeal');
    expect(appeal).toMatchObject({ source: 'vk', municipalityId: 'maykop', text: 'Почему нет улицы Садовой?' });
    expect(appeal.author).toEqual({ name: 'Пользователь VK id499047616', profileUrl: 'https://vk.com/id499047616' });
    await eventually(async () => (await countOf(s, 'SELECT count(*) AS n FROM channel_inbox WHERE processed_at IS NULL')) === 0);
    expect(await countOf(s, 'SELECT count(*) AS n FROM appeals WHERE external_ref = $1', [ref])).toBe(1);

    const inThread = vk.wallReplyNew({ postId: post.id, fromId: 499047616, text: 'От дома 1 до 19', replyToComment: first.object.id });
    await vk.deliver(channel.webhookUrl, inThread);
    const joined = await eventually(async () => (await eventsOf(s, appeal.id)).find((e) => e.kind === 'citizen_message'), 5000, 'the citizen_message');
    expect(joined.data).toMatchObject({ text: 'От дома 1 до 19' });

    const replyId = uid('r');
    const [result] = await push(s, operator, [{ name: 'reply.submit', args: { replyId, appealId: appeal.id, body: 'Улица Садовая в плане на май.' } }]);
    expect(result?.status).toBe('applied');
    const delivered = await replyDelivery(s.url, operator, replyId, ['delivered']);
    const answer = post.comments.find((c) => c.fromId === -vk.groupId)!;
    expect(answer).toMatchObject({ text: 'Улица Садовая в плане на май.', replyToComment: first.object.id, parentsStack: [first.object.id] });
    expect(delivered).toMatchObject({ platform: 'vk', channelId: channel.id, attempts: 1, externalUrl: `https://vk.com/wall-${vk.groupId}_${post.id}?reply=${answer.id}` });
    // One answer (the rating question that follows it is another comment: server/ratings/).
    expect(vk.methodCalls('wall.createComment').filter((c) => c.post_id === String(post.id) && !isRatingQuestion(c.message))).toHaveLength(1);

    // VK reports our own answer as a wall_reply_new too: acknowledged, never an appeal.
    const echo = vk.withSecret({ ...first, event_id: 'echo-of-our-answer', object: { ...first.object, id: answer.id, from_id: -vk.groupId, text: answer.text } }, vk.callbackSecret);
    expect(await vk.deliver(channel.webhookUrl, echo)).toEqual([{ status: 200, text: 'ok' }]);
    expect(await countOf(s, 'SELECT count(*) AS n FROM channel_inbox WHERE event_id = $1', ['echo-of-our-answer'])).toBe(0);
  });

  it('answers a message to the community with messages.send into the same dialog', async () => {
    const call = vk.messageNew({ fromId: 612345678, text: 'Не работает фонтан в парке' });
    await vk.deliver(channel.webhookUrl, call);
    const appeal = await eventually(() => appealByRef(s, `vk:message:612345678_${call.object.message.conversation_message_id}`), 5000, 'the appeal');
    const replyId = uid('r');
    await push(s, operator, [{ name: 'reply.submit', args: { replyId, appealId: appeal.id, body: 'Фонтан запустят 1 мая.' } }]);
    const delivered = await replyDelivery(s.url, operator, replyId, ['delivered']);
    expect(delivered.externalUrl).toBe(`https://vk.com/gim${vk.groupId}?sel=612345678`);
    expect(vk.dialogs.get(612345678)!.filter((m) => !isRatingQuestion(m.text)).map((m) => [m.fromId, m.text])).toEqual([
      [612345678, 'Не работает фонтан в парке'],
      [-vk.groupId, 'Фонтан запустят 1 мая.'],
    ]);
  });
});
