import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEventSchema } from '../../../shared/channels/inbound';
import { parseRatingButton, ratingButtons, ratingQuestionText } from '../../../shared/ratings';
import type { ConnectorChannel } from '../types';
import { VkEmulator } from './emulator';
import { vkConnector } from './index';
import { randomIdFor } from './outbound';

const GROUP = 218830127;
const REQUEST = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';

/**
 * VK's buttons on the wire: the inline keyboard messages.send carries, a callback press
 * (`message_event`) and a text button's press (`message_new` with `payload`) read as the same
 * button event Telegram's callback_query gives, and sendMessageEventAnswer; forged and foreign
 * presses refused as the webhook refuses any call.
 */
describe('VK connector: buttons', () => {
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

  const question = { text: ratingQuestionText('answer'), buttons: ratingButtons(REQUEST) };
  const ourLast = (peer: number) => vk.dialogs.get(peer)!.filter((m) => m.fromId === -GROUP).at(-1)!;
  const parseOne = (raw: unknown) => {
    expect(vkConnector.verify(channel, { headers: {}, body: raw })).toBe('ok');
    const env = vkConnector.envelope(channel, raw);
    expect(env).toEqual({ kind: 'event', eventId: (raw as { event_id: string }).event_id });
    const events = vkConnector.parse(channel, raw);
    expect(events).toHaveLength(1);
    return inboundEventSchema.parse(events[0]);
  };

  it('sends the rating question with an inline keyboard of callback buttons, the data in a JSON payload; twice is one message', async () => {
    const peer = 499047700;
    vk.messageNew({ fromId: peer, text: 'Яма во дворе' });
    const before = vk.methodCalls('messages.send').length;
    const first = await vkConnector.sendBot!(channel, { mode: 'message', peer_id: peer }, question, `rating:${REQUEST}`);
    expect(first).toEqual({ outcome: 'delivered', externalId: expect.stringMatching(/^\d+$/), externalUrl: `https://vk.com/gim${GROUP}?sel=${peer}` });
    const call = vk.methodCalls('messages.send')[before]!;
    expect(call).toMatchObject({ peer_id: String(peer), message: question.text, random_id: String(randomIdFor(`rating:${REQUEST}`)) });
    expect(JSON.parse(call.keyboard!)).toEqual({
      inline: true,
      buttons: [
        ['1', '2', '3', '4', '5'].map((v) => ({ action: { type: 'callback', label: v, payload: `{"otklik":"rt:${REQUEST}:${v}"}` } })),
        [
          { action: { type: 'callback', label: 'Решено', payload: `{"otklik":"rt:${REQUEST}:y"}` } },
          { action: { type: 'callback', label: 'Не решено', payload: `{"otklik":"rt:${REQUEST}:n"}` } },
        ],
      ],
    });
    expect(await vkConnector.sendBot!(channel, { mode: 'message', peer_id: peer }, question, `rating:${REQUEST}`)).toEqual(first);
    expect(vk.dialogs.get(peer)!.filter((m) => m.fromId === -GROUP)).toHaveLength(1);
    expect(ourLast(peer).keyboard?.flat().map((b) => b.label)).toEqual(['1', '2', '3', '4', '5', 'Решено', 'Не решено']);
  });

  it('keeps to VK\'s limits: at most 6 rows and 10 buttons, labels cut to 40 characters', async () => {
    const peer = 499047701;
    vk.messageNew({ fromId: peer, text: 'Меню' });
    const topics = Array.from({ length: 12 }, (_, i) => [{ label: `Тема ${i + 1}: ${'очень длинное название темы '.repeat(2)}`, data: `n0nce:t:${i}` }]);
    expect(await vkConnector.sendBot!(channel, { mode: 'message', peer_id: peer }, { text: '1. Тема 1\n…', buttons: topics }, 'bot:e1:0')).toMatchObject({ outcome: 'delivered' });
    const kb = ourLast(peer).keyboard!;
    expect(kb).toHaveLength(6);
    expect(kb.flat().every((b) => b.label.length <= 40 && b.label.endsWith('…'))).toBe(true);
  });

  it('gives a client without callback buttons text buttons, a client without inline keyboards and a comment the text alone', async () => {
    const peer = 499047702;
    const oldClient = vkConnector.parse(channel, vk.messageNew({ fromId: peer, text: 'Фонарь', buttonActions: ['text', 'open_link'] }))[0]!;
    expect(oldClient.replyTarget).toEqual({ mode: 'message', peer_id: peer, buttons: 'text' });
    await vkConnector.sendBot!(channel, oldClient.replyTarget, question, 'k-text');
    expect(ourLast(peer).keyboard?.[0]?.[0]).toEqual({ type: 'text', label: '1', payload: `{"otklik":"rt:${REQUEST}:1"}` });

    const bare = vkConnector.parse(channel, vk.messageNew({ fromId: peer + 1, text: 'Фонарь', inlineKeyboard: false }))[0]!;
    expect(bare.replyTarget).toEqual({ mode: 'message', peer_id: peer + 1, buttons: 'none' });
    await vkConnector.sendBot!(channel, bare.replyTarget, question, 'k-none');
    expect(vk.methodCalls('messages.send').at(-1)).not.toHaveProperty('keyboard');
    expect(ourLast(peer + 1).text).toContain('ответьте цифрой от 1 до 5');

    const post = vk.post('Пишите в комментариях');
    const comment = vkConnector.parse(channel, vk.wallReplyNew({ postId: post.id, fromId: peer, text: 'Когда?' }))[0]!;
    expect(await vkConnector.sendBot!(channel, comment.replyTarget, question, 'k-comment')).toMatchObject({ outcome: 'delivered' });
    expect(vk.wall.get(post.id)!.comments.at(-1)).toMatchObject({ fromId: -GROUP, text: question.text });
  });

  it('reads a callback press (message_event) as the dialog\'s button event, and acknowledges it with sendMessageEventAnswer', async () => {
    const peer = 499047703;
    vk.messageNew({ fromId: peer, text: 'Мусор' });
    await vkConnector.sendBot!(channel, { mode: 'message', peer_id: peer }, question, 'k-press');
    const msg = ourLast(peer);
    const raw = vk.buttons.press({ fromId: peer, keyboard: msg.keyboard, label: 'Решено', conversationMessageId: msg.conversationMessageId });
    const event = parseOne(raw);
    expect(event).toMatchObject({
      kind: 'follow_up',
      threadKey: `vk:peer:${peer}`,
      messageRef: `vk:press:${(raw as { event_id: string }).event_id}`,
      author: { externalId: String(peer), name: `Пользователь VK id${peer}` },
      text: '',
      attachments: [],
      replyTarget: { mode: 'message', peer_id: peer },
      button: { data: `rt:${REQUEST}:y`, callbackId: expect.stringMatching(new RegExp(`^${peer}:${peer}:[0-9a-f]+$`)) },
    });
    expect(parseRatingButton(event.button!.data)).toEqual({ requestId: REQUEST, answer: { score: null, solved: true, comment: null } });
    const before = vk.buttons.answered.length;
    await vkConnector.ackButton!(channel, event.button!.callbackId!);
    expect(vk.buttons.answered).toHaveLength(before + 1);
    expect(vk.methodCalls('messages.sendMessageEventAnswer').at(-1)).toMatchObject({ user_id: String(peer), peer_id: String(peer), access_token: vk.accessToken });
    // A second answer of the same press, or a made-up id, fails on VK's side and throws nothing here.
    await vkConnector.ackButton!(channel, event.button!.callbackId!);
    await vkConnector.ackButton!(channel, 'not an id');
    expect(vk.buttons.answered).toHaveLength(before + 1);
  });

  it('reads a text button\'s press (message_new with our payload) as the same button event; another payload is the person\'s words', () => {
    const peer = 499047704;
    const press = parseOne(vk.messageNew({ fromId: peer, text: '5', payload: `{"otklik":"rt:${REQUEST}:5"}` }));
    expect(press).toMatchObject({ threadKey: `vk:peer:${peer}`, messageRef: expect.stringMatching(/^vk:message:/), text: '', button: { data: `rt:${REQUEST}:5` } });
    expect(press.button).not.toHaveProperty('callbackId');
    // VK's own «Начать» button, or another bot's payload: an ordinary message with its text.
    const start = parseOne(vk.messageNew({ fromId: peer, text: 'Начать', payload: '{"command":"start"}' }));
    expect(start).toMatchObject({ text: 'Начать' });
    expect(start).not.toHaveProperty('button');
  });

  it('ignores a press whose payload is not ours: foreign, too long, not an object, extra keys, markup in place of JSON', () => {
    const peer = 499047705;
    const payloads: unknown[] = [
      { command: 'start' },
      { otklik: 'x'.repeat(241) },
      { otklik: 5 },
      { otklik: `rt:${REQUEST}:y`, extra: 1 },
      'rt:plain-string',
      '<b>Решено</b>',
      [`rt:${REQUEST}:y`],
      null,
    ];
    for (const payload of payloads) {
      const raw = vk.buttons.messageEvent({ fromId: peer, payload });
      expect(vkConnector.envelope(channel, raw), JSON.stringify(payload)).toEqual({ kind: 'ignore' });
      expect(vkConnector.parse(channel, raw)).toEqual([]);
    }
    // Markup inside our payload is data like any other: the rating and the bot refuse it.
    const html = parseOne(vk.buttons.messageEvent({ fromId: peer, payload: { otklik: '<script>alert(1)</script>' } }));
    expect(html.button?.data).toBe('<script>alert(1)</script>');
    expect(parseRatingButton(html.button!.data)).toBeNull();
  });

  it('refuses a forged press as any call: a wrong or missing secret, another community; a re-sent press keeps its event id', () => {
    const raw = vk.buttons.messageEvent({ fromId: 499047706, payload: { otklik: `rt:${REQUEST}:5` } }) as { secret?: string; group_id: number; event_id: string };
    expect(vkConnector.verify(channel, { headers: {}, body: vk.withSecret(raw, 'guessed') })).toBe('forbidden');
    expect(vkConnector.verify(channel, { headers: {}, body: vk.withSecret(raw, undefined) })).toBe('forbidden');
    expect(vkConnector.verify(channel, { headers: {}, body: { ...raw, group_id: GROUP + 1 } })).toBe('forbidden');
    // VK re-sends a call with the same event_id: the inbox's unique key makes the second a no-op.
    expect(vkConnector.envelope(channel, JSON.parse(JSON.stringify(raw)))).toEqual({ kind: 'event', eventId: raw.event_id });
    expect(vkConnector.parse(channel, raw)[0]?.messageRef).toBe(`vk:press:${raw.event_id}`);
  });

  it('the emulator refuses a keyboard VK would refuse (error 911)', async () => {
    const peer = 499047707;
    const tooMany = { text: 'x', buttons: [[1, 2, 3, 4, 5, 6].map((i) => ({ label: String(i), data: `d${i}` }))] };
    // The connector keeps to 5 a row itself; a hand-made keyboard past the limits is refused.
    expect(await vkConnector.sendBot!(channel, { mode: 'message', peer_id: peer }, tooMany, 'k-6')).toMatchObject({ outcome: 'delivered' });
    const res = await fetch(`${vk.url}/method/messages.send`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ access_token: vk.accessToken, v: '5.199', peer_id: String(peer), random_id: '7', message: 'x', keyboard: '{"inline":true,"buttons":[[{"action":{"type":"callback","label":"a","payload":"not json"}}]]}' }),
    });
    expect(((await res.json()) as { error: { error_code: number } }).error.error_code).toBe(911);
  });
});
