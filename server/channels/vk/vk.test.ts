import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEventSchema } from '../../../shared/channels/inbound';
import { SAMPLE_JPEG } from '../emulator-kit';
import { connectorFor } from '../registry';
import type { ConnectorChannel } from '../types';
import { VkEmulator } from './emulator';
import { vkConnector } from './index';
import { randomIdFor } from './outbound';

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
const GROUP = 218830127;

/**
 * A webhook wired as the server wires a connector (verify → 403; a handshake's answer; the ack
 * for an event), failing the first `failFirst` events with a 500 so VK's re-sends can be seen.
 */
async function webhook(channel: ConnectorChannel, failFirst = 0) {
  const seen: Array<{ eventId: string; retry: string | undefined }> = [];
  let failures = failFirst;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (vkConnector.verify(channel, { headers: req.headers, body }) === 'forbidden') {
        res.writeHead(403).end();
        return;
      }
      const env = vkConnector.envelope(channel, body);
      if (env.kind === 'handshake') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(env.answer);
        return;
      }
      if (env.kind === 'event') {
        seen.push({ eventId: env.eventId, retry: req.headers['x-retry-counter'] as string | undefined });
        if (failures > 0) {
          failures -= 1;
          res.writeHead(500).end('stored nowhere');
          return;
        }
      }
      res.writeHead(200, { 'content-type': vkConnector.ack.contentType }).end(vkConnector.ack.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/channels/vk/key`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('VK connector', () => {
  let vk: VkEmulator;
  let channel: ConnectorChannel;
  beforeAll(async () => {
    vk = await new VkEmulator(GROUP).start();
    channel = {
      id: 'ch-vk',
      platform: 'vk',
      bodyId: 'maykop',
      settings: { groupId: GROUP, apiBaseUrl: vk.url },
      secrets: { accessToken: vk.accessToken, callbackSecret: vk.callbackSecret, confirmationCode: vk.confirmationCode },
    };
  });
  afterAll(async () => vk?.close());

  const req = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, body });

  it('is the registry\'s connector for vk and needs the community token, the callback secret and the code; the user token is optional', () => {
    expect(connectorFor('vk')).toBe(vkConnector);
    const secrets = { accessToken: 't', callbackSecret: 's', confirmationCode: 'c' };
    expect(vkConnector.secretsSchema.safeParse(secrets).success).toBe(true);
    expect(vkConnector.secretsSchema.safeParse({ ...secrets, userToken: 'u' }).success).toBe(true);
    expect(vkConnector.secretsSchema.safeParse({ accessToken: 't', callbackSecret: 's' }).success).toBe(false);
    expect(vkConnector.idempotentSend).toBe(true);
  });

  it('answers the confirmation call with the community\'s code as plain text, and the handshake succeeds', async () => {
    expect(vkConnector.verify(channel, req(fixture('confirmation')))).toBe('ok');
    expect(vkConnector.envelope(channel, fixture('confirmation'))).toEqual({ kind: 'handshake', answer: vk.confirmationCode });
    const hook = await webhook(channel);
    try {
      expect(await vk.confirm(hook.url)).toBe(true);
      expect(hook.seen).toEqual([]);
    } finally {
      await hook.close();
    }
  });

  it('refuses a call with a wrong or missing secret, or for another community, the confirmation included', () => {
    for (const name of ['message-new-photo', 'confirmation', 'wall-reply-new']) {
      const body = fixture(name);
      expect(vkConnector.verify(channel, req(body))).toBe('ok');
      expect(vkConnector.verify(channel, req({ ...body, secret: 'vk-callback-secret-2' }))).toBe('forbidden');
      expect(vkConnector.verify(channel, req(vk.withSecret(body as { secret?: string }, undefined)))).toBe('forbidden');
      expect(vkConnector.verify(channel, req({ ...body, group_id: GROUP + 1 }))).toBe('forbidden');
      expect(vkConnector.verify(channel, req({ ...body, group_id: String(GROUP) }))).toBe('forbidden');
    }
    expect(vkConnector.verify({ ...channel, settings: { apiBaseUrl: vk.url } }, req(fixture('wall-reply-new')))).toBe('forbidden');
    expect(vkConnector.verify(channel, req('ok'))).toBe('forbidden');
  });

  it('parses a message with a photo: the dialog is the thread, the largest size is fetched, the author is their id', () => {
    const raw = fixture('message-new-photo');
    expect(vkConnector.envelope(channel, raw)).toEqual({ kind: 'event', eventId: '8f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e' });
    const [event] = vkConnector.parse(channel, raw);
    expect(inboundEventSchema.parse(event)).toEqual({
      eventId: '8f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e',
      kind: 'follow_up',
      threadKey: 'vk:peer:499047616',
      messageRef: 'vk:message:499047616_12',
      author: { externalId: '499047616', name: 'Пользователь VK id499047616', profileUrl: 'https://vk.com/id499047616' },
      text: 'Здравствуйте! На ул. Пионерской, 12 третью неделю не вывозят мусор, фото прилагаю.',
      attachments: [
        {
          ref: 'photo499047616_457273210',
          url: 'https://sun9-72.userapi.com/impg/RDAqdqUJ4Xwl8czmg88U6wTHUl78-AGvfXfa5Q/G_NgV3CMB0A.jpg?size=1280x960&quality=96&sign=9a1d7c3e5b2f4a6c8e0d1f3b5a7c9e2d&type=album',
          name: 'photo499047616_457273210.jpg',
        },
      ],
      link: `https://vk.com/gim${GROUP}?sel=499047616`,
      receivedAt: new Date(1764680400 * 1000).toISOString(),
      replyTarget: { mode: 'message', peer_id: 499047616 },
    });
  });

  it('threads comments under a post by their first comment: a reply inside the thread joins it', () => {
    const [top] = vkConnector.parse(channel, fixture('wall-reply-new'));
    expect(top).toMatchObject({
      kind: 'follow_up',
      threadKey: `vk:wall:-${GROUP}_310:312`,
      messageRef: `vk:comment:-${GROUP}_312`,
      author: { externalId: '499047616', name: 'Пользователь VK id499047616', profileUrl: 'https://vk.com/id499047616' },
      link: `https://vk.com/wall-${GROUP}_310?reply=312`,
      replyTarget: { mode: 'comment', owner_id: -GROUP, post_id: 310, comment_id: 312 },
    });
    const [reply] = vkConnector.parse(channel, fixture('wall-reply-new-thread'));
    expect(reply).toMatchObject({
      threadKey: top!.threadKey,
      text: 'Дом 5, подъезды 2 и 3.',
      link: `https://vk.com/wall-${GROUP}_310?reply=318`,
      replyTarget: { mode: 'comment', owner_id: -GROUP, post_id: 310, comment_id: 318 },
    });
  });

  it('never takes the community\'s own comment (our answer) for a citizen\'s', () => {
    const own = fixture('wall-reply-new-own');
    expect(vkConnector.verify(channel, req(own))).toBe('ok');
    expect(vkConnector.envelope(channel, own)).toEqual({ kind: 'ignore' });
    expect(vkConnector.parse(channel, own)).toEqual([]);
  });

  it('takes a board post per topic, a suggested post as a new appeal answered in messages; ignores published posts and other events', () => {
    const [board] = vkConnector.parse(channel, fixture('board-post-new'));
    expect(board).toMatchObject({
      kind: 'follow_up',
      threadKey: `vk:board:-${GROUP}_48211923`,
      link: `https://vk.com/topic-${GROUP}_48211923?post=57`,
      replyTarget: { mode: 'board', group_id: GROUP, topic_id: 48211923, comment_id: 57 },
    });
    const [suggested] = vkConnector.parse(channel, fixture('wall-post-new-suggest'));
    expect(suggested).toMatchObject({
      kind: 'appeal',
      threadKey: `vk:suggest:-${GROUP}_322`,
      author: { externalId: '705112233' },
      text: 'На детской площадке у школы №3 сломаны качели, дети могут пораниться.',
      replyTarget: { mode: 'message', peer_id: 705112233 },
    });
    for (const name of ['wall-post-new-published', 'group-join']) {
      expect(vkConnector.verify(channel, req(fixture(name)))).toBe('ok');
      expect(vkConnector.envelope(channel, fixture(name))).toEqual({ kind: 'ignore' });
      expect(vkConnector.parse(channel, fixture(name))).toEqual([]);
    }
    expect(vkConnector.ack).toEqual({ contentType: 'text/plain', body: 'ok' });
  });

  it('keeps one event id through VK\'s re-send of a call that got no ok, marked with X-Retry-Counter', async () => {
    const hook = await webhook(channel, 1);
    try {
      const post = vk.post('Отчёт о ремонте дорог за ноябрь');
      const call = vk.wallReplyNew({ postId: post.id, fromId: 499047616, text: 'А нашу улицу когда?' });
      const attempts = await vk.deliver(hook.url, call, { attempts: 3, gapMs: 5 });
      expect(attempts).toEqual([{ status: 500, text: 'stored nowhere' }, { status: 200, text: 'ok' }]);
      expect(hook.seen).toEqual([{ eventId: call.event_id, retry: undefined }, { eventId: call.event_id, retry: '1' }]);
      const forged = await vk.deliver(hook.url, vk.withSecret(call, 'guess'), { attempts: 1 });
      expect(forged).toEqual([{ status: 403, text: '' }]);
      expect(hook.seen).toHaveLength(2);
    } finally {
      await hook.close();
    }
  });

  it('answers a dialog with messages.send: peer_id, the text, a random_id from the idempotency key, v; twice is one message', async () => {
    const peer = 499047616;
    vk.messageNew({ fromId: peer, text: 'Когда вывезут мусор?' });
    const msg = { deliveryId: 'd-1', kind: 'reply' as const, text: 'Здравствуйте! Мусор вывезут 4 декабря.', target: { mode: 'message', peer_id: peer }, idempotencyKey: 'reply:01JEQ0VK0000000000000001' };
    const before = vk.methodCalls('messages.send').length;
    const first = await vkConnector.send(channel, msg);
    expect(first).toEqual({ outcome: 'delivered', externalId: expect.stringMatching(/^\d+$/), externalUrl: `https://vk.com/gim${GROUP}?sel=${peer}` });
    expect(vk.methodCalls('messages.send')[before]).toEqual({
      access_token: vk.accessToken,
      v: '5.199',
      peer_id: String(peer),
      message: 'Здравствуйте! Мусор вывезут 4 декабря.',
      random_id: String(randomIdFor(msg.idempotencyKey)),
    });
    expect(vk.api.calls.at(-1)).toMatchObject({ method: 'POST', path: '/method/messages.send', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(await vkConnector.send(channel, msg)).toEqual(first);
    const ours = vk.dialogs.get(peer)!.filter((m) => m.fromId === -GROUP);
    expect(ours.map((m) => m.text)).toEqual(['Здравствуйте! Мусор вывезут 4 декабря.']);
  });

  it('derives a stable 31-bit random_id per idempotency key', () => {
    const a = randomIdFor('reply:x');
    expect(randomIdFor('reply:x')).toBe(a);
    expect(randomIdFor('reply:y')).not.toBe(a);
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThanOrEqual(0x7fffffff);
  });

  it('answers a comment with wall.createComment under it, as the community, with a guid; twice is one comment', async () => {
    const post = vk.post('Опрос о благоустройстве');
    const call = vk.wallReplyNew({ postId: post.id, fromId: 612345678, text: 'Во дворе нет освещения' });
    const [event] = vkConnector.parse(channel, call);
    const msg = { deliveryId: 'd-2', kind: 'reply' as const, text: 'Освещение восстановят до 10 декабря.', target: event!.replyTarget, idempotencyKey: 'reply:01JEQ0VK0000000000000002' };
    const before = vk.methodCalls('wall.createComment').length;
    const first = await vkConnector.send(channel, msg);
    const answer = post.comments.at(-1)!;
    expect(first).toEqual({ outcome: 'delivered', externalId: `-${GROUP}_${post.id}_${answer.id}`, externalUrl: `https://vk.com/wall-${GROUP}_${post.id}?reply=${answer.id}` });
    expect(vk.methodCalls('wall.createComment')[before]).toEqual({
      access_token: vk.accessToken,
      v: '5.199',
      owner_id: String(-GROUP),
      post_id: String(post.id),
      message: 'Освещение восстановят до 10 декабря.',
      from_group: String(GROUP),
      guid: 'reply:01JEQ0VK0000000000000002',
      reply_to_comment: String(event!.replyTarget.comment_id),
    });
    expect(answer).toMatchObject({ fromId: -GROUP, parentsStack: [event!.replyTarget.comment_id] });
    expect(await vkConnector.send(channel, msg)).toEqual(first);
    expect(post.comments.filter((c) => c.fromId === -GROUP)).toHaveLength(1);
  });

  it('reports error 6, flood control and a 5xx as worth retrying, and the retry delivers', async () => {
    const msg = { deliveryId: 'd-3', kind: 'reply' as const, text: 'Ответ', target: { mode: 'message', peer_id: 499047616 }, idempotencyKey: 'reply:retry' };
    vk.api.answerNext({ status: 200, json: fixture('error-too-many') }, { status: 200, json: { error: { error_code: 9, error_msg: 'Flood control', request_params: [] } } }, { status: 502, text: 'Bad Gateway' });
    expect(await vkConnector.send(channel, msg)).toEqual({ outcome: 'transient', code: 'rate_limited', detail: 'VK 6: Too many requests per second' });
    expect(await vkConnector.send(channel, msg)).toMatchObject({ outcome: 'transient', code: 'rate_limited', detail: 'VK 9: Flood control' });
    expect(await vkConnector.send(channel, msg)).toEqual({ outcome: 'transient', code: 'platform_unavailable', detail: 'HTTP 502' });
    expect(await vkConnector.send(channel, msg)).toMatchObject({ outcome: 'delivered' });
    const down = { ...channel, settings: { ...channel.settings, apiBaseUrl: 'http://127.0.0.1:9' } };
    expect(await vkConnector.send(down, msg)).toMatchObject({ outcome: 'transient', code: 'network' });
  });

  it('stops with a reason: the person does not accept messages, comments are closed, too long, a revoked token, no target', async () => {
    const toPeer = (text: string, ch = channel) => vkConnector.send(ch, { deliveryId: 'd-4', kind: 'reply', text, target: { mode: 'message', peer_id: 499047616 }, idempotencyKey: `reply:${text.length}` });
    vk.api.answerNext({ status: 200, json: fixture('error-deny-send') });
    expect(await toPeer('Ответ')).toEqual({ outcome: 'permanent', code: 'recipient_blocked', detail: 'VK 901: Can\'t send messages for users without permission' });
    const closed = vk.post('Итоги года', { commentsClosed: true });
    const target = { mode: 'comment', owner_id: -GROUP, post_id: closed.id, comment_id: 1 };
    expect(await vkConnector.send(channel, { deliveryId: 'd-5', kind: 'reply', text: 'Ответ', target, idempotencyKey: 'reply:closed' })).toEqual({
      outcome: 'permanent',
      code: 'comments_closed',
      detail: 'VK 213: Access to status replies denied',
    });
    expect(await toPeer('я'.repeat(9001))).toEqual({ outcome: 'permanent', code: 'too_long', detail: 'VK 914: Message is too long' });
    expect(await toPeer('я'.repeat(9000))).toMatchObject({ outcome: 'delivered' });
    const revoked = { ...channel, secrets: { ...channel.secrets, accessToken: 'revoked' } };
    expect(await toPeer('Ответ', revoked)).toMatchObject({ outcome: 'permanent', code: 'channel_unauthorized', detail: expect.stringMatching(/^VK 5: User authorization failed/) });
    expect(await vkConnector.send(channel, { deliveryId: 'd-6', kind: 'reply', text: 'Ответ', target: { chat_id: 1 }, idempotencyKey: 'k' })).toMatchObject({ outcome: 'permanent', code: 'target_missing' });
    vk.api.answerNext({ status: 200, json: { error: { error_code: 100, error_msg: 'One of the parameters specified was missing or invalid: peer_id is undefined', request_params: [] } } });
    expect(await toPeer('Ответ')).toEqual({ outcome: 'permanent', code: 'rejected', detail: 'VK 100: One of the parameters specified was missing or invalid: peer_id is undefined' });
  });

  it('answers a board topic only with the page administrator\'s user token', async () => {
    const [event] = vkConnector.parse(channel, vk.boardPostNew({ topicId: 48211923, fromId: 612345678, text: 'Вопрос о дороге' }));
    const msg = { deliveryId: 'd-7', kind: 'reply' as const, text: 'Дорогу отремонтируют летом.', target: event!.replyTarget, idempotencyKey: 'reply:board' };
    expect(await vkConnector.send(channel, msg)).toMatchObject({ outcome: 'permanent', code: 'channel_unauthorized' });
    const withUser = { ...channel, secrets: { ...channel.secrets, userToken: vk.userToken } };
    const sent = await vkConnector.send(withUser, msg);
    expect(sent).toMatchObject({ outcome: 'delivered', externalUrl: expect.stringMatching(new RegExp(`^https://vk\\.com/topic-${GROUP}_48211923\\?post=\\d+$`)) });
    expect(vk.methodCalls('board.createComment').at(-1)).toMatchObject({ access_token: vk.userToken, group_id: String(GROUP), topic_id: '48211923', from_group: '1', guid: 'reply:board' });
    expect(await vkConnector.send(withUser, msg)).toEqual(sent);
    expect(vk.topics.get(48211923)!.filter((p) => p.fromId === -GROUP)).toHaveLength(1);
  });

  it('fetches the photo of a message from its URL', async () => {
    const [event] = vkConnector.parse(channel, vk.messageNew({ fromId: 499047616, text: 'Вот фото', photo: 'pit.jpg' }));
    const photo = event!.attachments[0]!;
    expect(photo.url).toBe(vk.photoUrl('pit.jpg', '1280x960'));
    expect(await vkConnector.fetchAttachment(channel, photo)).toEqual({ bytes: Buffer.from(SAMPLE_JPEG), mime: 'image/jpeg', name: photo.name });
    expect(await vkConnector.fetchAttachment(channel, { ref: 'photo1_2' })).toBeNull();
  });

  it('checks the connection with groups.getById, which must name the channel\'s community', async () => {
    expect(await vkConnector.check!(channel)).toEqual({ ok: true, detail: `VK community «${vk.groupName}» (id ${GROUP})`, warning: 'publish_token_missing' });
    // With the page administrator's token, posts work too; a revoked or a community token says so.
    expect(await vkConnector.check!({ ...channel, secrets: { ...channel.secrets, userToken: vk.userToken } })).toEqual({ ok: true, detail: `VK community «${vk.groupName}» (id ${GROUP})` });
    expect(vk.methodCalls('photos.getWallUploadServer').at(-1)).toMatchObject({ group_id: String(GROUP), access_token: vk.userToken });
    expect(await vkConnector.check!({ ...channel, secrets: { ...channel.secrets, userToken: 'vk1.a.expired' } })).toMatchObject({ ok: false, code: 'publish_token_expired' });
    expect(await vkConnector.check!({ ...channel, secrets: { ...channel.secrets, userToken: vk.accessToken } })).toMatchObject({ ok: false, code: 'publish_token_expired' });
    expect(vk.methodCalls('groups.getById').at(-1)).toMatchObject({ group_id: String(GROUP), v: '5.199' });
    const revoked = { ...channel, secrets: { ...channel.secrets, accessToken: 'revoked' } };
    expect(await vkConnector.check!(revoked)).toMatchObject({ ok: false, code: 'channel_unauthorized' });
  });
});
