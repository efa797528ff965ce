import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEventSchema } from '../../../shared/channels/inbound';
import { parseRatingButton, ratingButtons, ratingQuestionText } from '../../../shared/ratings';
import type { ConnectorChannel } from '../types';
import { MaxEmulator } from './emulator';
import { maxConnector } from './index';

const REQUEST = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const SECRET = 'max-hook-secret_1';

/**
 * MAX's buttons on the wire: the inline_keyboard attachment POST /messages carries, a press
 * (`message_callback`) read as the same button event Telegram's callback_query gives, POST
 * /answers; forged and foreign presses refused.
 */
describe('MAX connector: buttons', () => {
  let max: MaxEmulator;
  let channel: ConnectorChannel;
  beforeAll(async () => {
    max = await new MaxEmulator().start();
    channel = { id: 'ch-max', platform: 'max', bodyId: 'takhtamukaysky', settings: { apiBaseUrl: max.url }, secrets: { accessToken: max.accessToken, webhookSecret: SECRET } };
  });
  afterAll(async () => max?.close());

  const question = { text: ratingQuestionText('answer'), buttons: ratingButtons(REQUEST) };

  it('sends the rating question with an inline_keyboard of callback buttons carrying the data as payload', async () => {
    const result = await maxConnector.sendBot!(channel, { chat_id: 196003200 }, question, `rating:${REQUEST}`);
    expect(result).toEqual({ outcome: 'delivered', externalId: expect.stringMatching(/^mid\./), externalUrl: null });
    expect(max.messagesTo(196003200).at(-1)?.body).toEqual({
      text: question.text,
      attachments: [
        {
          type: 'inline_keyboard',
          payload: {
            buttons: [
              ['1', '2', '3', '4', '5'].map((v) => ({ type: 'callback', text: v, payload: `rt:${REQUEST}:${v}` })),
              [
                { type: 'callback', text: 'Решено', payload: `rt:${REQUEST}:y` },
                { type: 'callback', text: 'Не решено', payload: `rt:${REQUEST}:n` },
              ],
            ],
          },
        },
      ],
    });
    expect(await maxConnector.sendBot!(channel, {}, question)).toMatchObject({ outcome: 'permanent', code: 'target_missing' });
  });

  it('reads a press as the dialog\'s button event and answers it with POST /answers?callback_id=', async () => {
    await maxConnector.sendBot!(channel, { chat_id: 196003201 }, question, 'k');
    const sent = max.sent.at(-1)!;
    const raw = max.messageCallback({ userId: 58204499, mid: sent.mid, label: '5', firstName: 'Азамат' });
    expect(maxConnector.verify(channel, { headers: { 'x-max-bot-api-secret': SECRET }, body: raw })).toBe('ok');
    expect(maxConnector.envelope(channel, raw)).toEqual({ kind: 'event', eventId: `callback:${raw.callback.callback_id}` });
    const event = inboundEventSchema.parse(maxConnector.parse(channel, raw)[0]);
    expect(event).toMatchObject({
      threadKey: 'max:chat:196003201',
      messageRef: `callback:${raw.callback.callback_id}`,
      author: { externalId: '58204499', name: 'Азамат' },
      text: '',
      replyTarget: { chat_id: 196003201 },
      button: { data: `rt:${REQUEST}:5`, callbackId: raw.callback.callback_id },
    });
    expect(parseRatingButton(event.button!.data)?.answer.score).toBe(5);
    await maxConnector.ackButton!(channel, event.button!.callbackId!);
    const answer = max.api.calls.at(-1)!;
    expect(answer).toMatchObject({ method: 'POST', path: '/answers', query: { callback_id: raw.callback.callback_id }, headers: { authorization: max.accessToken } });
    expect(max.answeredCallbacks.at(-1)).toEqual({ callbackId: raw.callback.callback_id, body: { notification: 'Принято' } });
    // A second answer fails on MAX's side and throws nothing here.
    await maxConnector.ackButton!(channel, event.button!.callbackId!);
    expect(max.answeredCallbacks.filter((a) => a.callbackId === raw.callback.callback_id)).toHaveLength(1);
  });

  it('refuses a forged press (no or a wrong secret) and ignores an empty or too long payload, a bot\'s press, a press under no message', async () => {
    await maxConnector.sendBot!(channel, { chat_id: 196003202 }, question, 'k');
    const mid = max.sent.at(-1)!.mid;
    const raw = max.messageCallback({ userId: 58204500, mid, label: 'Не решено' });
    expect(maxConnector.verify(channel, { headers: { 'x-max-bot-api-secret': 'guessed_secret' }, body: raw })).toBe('forbidden');
    expect(maxConnector.verify(channel, { headers: {}, body: raw })).toBe('forbidden');
    for (const payload of ['', 'x'.repeat(257)]) {
      const hostile = max.messageCallback({ userId: 58204500, mid, payload });
      expect(maxConnector.envelope(channel, hostile)).toEqual({ kind: 'ignore' });
      expect(maxConnector.parse(channel, hostile)).toEqual([]);
    }
    const byBot = max.messageCallback({ userId: 58204500, mid, label: '1' });
    byBot.callback.user.is_bot = true;
    expect(maxConnector.envelope(channel, byBot)).toEqual({ kind: 'ignore' });
    const orphan = { ...max.messageCallback({ userId: 58204500, mid, label: '1' }), message: null };
    expect(maxConnector.envelope(channel, orphan)).toEqual({ kind: 'ignore' });
    // Markup as payload is data like any other: the rating and the bot refuse it.
    const html = maxConnector.parse(channel, max.messageCallback({ userId: 58204500, mid, payload: '<img src=x onerror=alert(1)>' }));
    expect(parseRatingButton(html[0]!.button!.data)).toBeNull();
  });

  it('the emulator refuses a keyboard MAX would refuse', async () => {
    const tooWide = { text: 'x', buttons: [Array.from({ length: 9 }, (_, i) => ({ label: String(i), data: `d${i}` }))] };
    // The connector keeps to 7 a row itself.
    expect(await maxConnector.sendBot!(channel, { chat_id: 196003203 }, tooWide)).toMatchObject({ outcome: 'delivered' });
    expect(max.sent.at(-1)!.buttons[0]).toHaveLength(7);
    const res = await fetch(`${max.url}/messages?chat_id=196003203`, {
      method: 'POST',
      headers: { authorization: max.accessToken, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x', attachments: [{ type: 'inline_keyboard', payload: { buttons: [[{ type: 'callback', text: '', payload: 'a' }]] } }] }),
    });
    expect(res.status).toBe(400);
  });
});
