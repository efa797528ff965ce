import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaxEmulator } from '../channels/max/emulator';
import type { VkEmulator, VkDialogMessage } from '../channels/vk/emulator';
import { BACKENDS } from '../test-support/backends';
import { connectMax, connectVk, countOf, eventsOf, eventually, testSecretBox, type ConnectedChannel } from '../test-support/channels';
import { replyDelivery } from '../test-support/delivery';
import { startTestServer, type TestServer } from '../test-support/server';
import { push, uid } from '../test-support/sync';

const GROUP = 218830127;

/**
 * The citizen's word with VK's and MAX's buttons, through the real server and the emulators: the
 * rating question after an answer carries the platform's keyboard, a press is the same button
 * event as Telegram's (server/ratings/answer.ts takes it unchanged) and is acknowledged; a forged,
 * re-sent or foreign press counts for nothing and files nothing.
 */
describe.each(BACKENDS)('the citizen’s rating with VK and MAX buttons (%s)', (backend) => {
  let s: TestServer;
  let vk: VkEmulator;
  let vkChannel: ConnectedChannel;
  let max: MaxEmulator;
  let maxChannel: ConnectedChannel;
  let maxSecret: string;
  let operator: string;
  let nextUser = 740_100_000;

  beforeAll(async () => {
    const box = testSecretBox();
    s = await startTestServer(backend, { channelSecrets: box, inboxPollMs: 50, delivery: { pollMs: 50, leaseCheckMs: 50, retry: { baseMs: 30 } } });
    ({ emulator: vk, channel: vkChannel } = await connectVk(s, box, 'maykop', GROUP));
    ({ emulator: max, channel: maxChannel, webhookSecret: maxSecret } = await connectMax(s, box, 'maykop'));
    operator = (await s.login('operator')).accessToken;
  });
  afterAll(async () => {
    await s?.close();
    await vk?.close();
    await max?.close();
  });

  const settled = () => eventually(async () => (await countOf(s, 'SELECT count(*) AS n FROM channel_inbox WHERE processed_at IS NULL')) === 0, 5000, 'the inbox emptied');
  const appealOf = async (authorKey: string) => (await s.db.query<{ appeal_id: string }>('SELECT appeal_id FROM channel_threads WHERE author_key = $1', [authorKey])).rows[0]!.appeal_id;
  const appealJson = async (id: string) => (await s.db.query<{ data: { status: string; citizenRating?: unknown } }>('SELECT appeal_json(a) AS data FROM appeals a WHERE id = $1', [id])).rows[0]!.data;
  const ratingsOf = async (id: string) => (await s.db.query<{ score: number | null; solved: boolean | null }>('SELECT score, solved FROM citizen_ratings WHERE appeal_id = $1 ORDER BY at', [id])).rows;
  const sendVk = async (call: unknown) => {
    const [res] = await vk.deliver(vkChannel.webhookUrl, call);
    return res!;
  };

  async function answer(appealId: string): Promise<void> {
    const replyId = uid('r');
    const [result] = await push(s, operator, [{ name: 'reply.submit', args: { replyId, appealId, body: 'Яму засыплют до пятницы.' } }]);
    expect(result?.status).toBe('applied');
    await replyDelivery(s.url, operator, replyId, ['delivered']);
  }

  /** A VK citizen writes to the community, the clerk answers; resolves with the rating question as the dialog shows it. */
  async function vkAnswered(text: string, client: { buttonActions?: string[] } = {}): Promise<{ peer: number; appealId: string; question: VkDialogMessage }> {
    const peer = nextUser++;
    expect(await sendVk(vk.messageNew({ fromId: peer, text, ...client }))).toEqual({ status: 200, text: 'ok' });
    await settled();
    const appealId = await appealOf(String(peer));
    await answer(appealId);
    const question = await eventually(async () => vk.dialogs.get(peer)?.find((m) => m.keyboard), 5000, 'the rating question');
    return { peer, appealId, question };
  }

  async function vkPress(peer: number, question: VkDialogMessage, label: string) {
    const call = vk.buttons.press({ fromId: peer, keyboard: question.keyboard, label, conversationMessageId: question.conversationMessageId });
    expect(await sendVk(call)).toEqual({ status: 200, text: 'ok' });
    await settled();
    return call;
  }

  it('a VK citizen presses «Решено» and «5»: the appeal has its citizenRating, each press acknowledged, a re-sent press counted once', async () => {
    const { peer, appealId, question } = await vkAnswered('Яма у подъезда дома 7');
    expect(question.text).toContain('ответьте цифрой от 1 до 5');
    expect(question.keyboard!.map((row) => row.map((b) => `${b.type}:${b.label}`))).toEqual([
      ['callback:1', 'callback:2', 'callback:3', 'callback:4', 'callback:5'],
      ['callback:Решено', 'callback:Не решено'],
    ]);
    const answeredBefore = vk.buttons.answered.length;
    const solved = await vkPress(peer, question, 'Решено');
    await vkPress(peer, question, '5');
    expect(await ratingsOf(appealId)).toEqual([
      { score: null, solved: true },
      { score: 5, solved: null },
    ]);
    const appeal = await appealJson(appealId);
    expect(appeal).toMatchObject({ status: 'answered', citizenRating: { score: 5, solved: true } });
    expect((await eventsOf(s, appealId)).filter((e) => e.kind === 'citizen_rating').map((e) => e.data)).toEqual([
      expect.objectContaining({ score: null, solved: true, reopened: false }),
      expect.objectContaining({ score: 5, solved: null, reopened: false }),
    ]);
    await eventually(async () => vk.buttons.answered.length === answeredBefore + 2, 5000, 'sendMessageEventAnswer for both presses');
    await eventually(async () => vk.dialogs.get(peer)!.at(-1)?.text === 'Спасибо за оценку!', 5000, 'the thanks');

    // VK sends a call again when our «ok» did not reach it: the same event id is stored once.
    expect(await sendVk(solved)).toEqual({ status: 200, text: 'ok' });
    await settled();
    expect(await ratingsOf(appealId)).toHaveLength(2);
  });

  it('a client with text buttons only gets text buttons, and «Не решено» pressed as a message takes the appeal back into work', async () => {
    const { peer, appealId, question } = await vkAnswered('Не вывозят мусор', { buttonActions: ['text', 'open_link'] });
    expect(question.keyboard!.flat().every((b) => b.type === 'text')).toBe(true);
    const appealsBefore = await countOf(s, 'SELECT count(*) AS n FROM appeals');
    await vkPress(peer, question, 'Не решено');
    expect(await ratingsOf(appealId)).toEqual([{ score: null, solved: false }]);
    expect((await appealJson(appealId)).status).toBe('in_progress');
    expect(await countOf(s, 'SELECT count(*) AS n FROM appeals')).toBe(appealsBefore);
    // The label typed as a message was a press, not the citizen's words in the appeal.
    expect((await eventsOf(s, appealId)).some((e) => e.kind === 'citizen_message' && JSON.stringify(e.data).includes('Не решено'))).toBe(false);
  });

  it('a press by someone else, forged data, a foreign, too long or HTML payload count for nothing and file nothing', async () => {
    const { peer, appealId, question } = await vkAnswered('Не горит фонарь');
    const data = JSON.parse(question.keyboard![0]![4]!.payload) as { otklik: string };
    const appealsBefore = await countOf(s, 'SELECT count(*) AS n FROM appeals');
    const inboxBefore = await countOf(s, 'SELECT count(*) AS n FROM channel_inbox');
    const stranger = nextUser++;
    // Stored and refused by the rating (not the person asked), the bot (none) and the intake (a press is no message).
    await sendVk(vk.buttons.messageEvent({ fromId: stranger, payload: data }));
    await sendVk(vk.buttons.messageEvent({ fromId: peer, payload: { otklik: 'rt:00000000-0000-4000-8000-000000000000:5' } }));
    await sendVk(vk.buttons.messageEvent({ fromId: peer, payload: { otklik: '<script>alert("Решено")</script>' } }));
    // Acknowledged and stored nowhere: not ours at all.
    await sendVk(vk.buttons.messageEvent({ fromId: peer, payload: { command: 'start' } }));
    await sendVk(vk.buttons.messageEvent({ fromId: peer, payload: { otklik: `${data.otklik}${'x'.repeat(300)}` } }));
    // A forged call without the community's secret is refused outright.
    const forged = vk.withSecret(vk.buttons.messageEvent({ fromId: peer, payload: data }) as { secret?: string }, 'guessed');
    expect(await sendVk(forged)).toMatchObject({ status: 403 });
    await settled();
    expect(await countOf(s, 'SELECT count(*) AS n FROM channel_inbox')).toBe(inboxBefore + 3);
    expect(await ratingsOf(appealId)).toEqual([]);
    expect((await appealJson(appealId)).status).toBe('answered');
    expect(await countOf(s, 'SELECT count(*) AS n FROM appeals')).toBe(appealsBefore);
    expect((await eventsOf(s, appealId)).filter((e) => e.kind === 'citizen_message')).toHaveLength(0);
  });

  it('a MAX citizen presses «Не решено» under the question: the appeal is back in work and the press answered', async () => {
    const userId = nextUser++;
    const chatId = userId + 1_000_000;
    expect(await max.deliver(max.messageCreated({ userId, chatId, text: 'Нет воды в доме 12' }), { url: maxChannel.webhookUrl, secret: maxSecret })).toBe(200);
    await settled();
    const appealId = await appealOf(String(userId));
    await answer(appealId);
    const question = await eventually(async () => max.sent.find((m) => m.chatId === chatId && m.buttons.length > 0), 5000, 'the rating question');
    // The answer itself carries no buttons of its own any more.
    expect(max.sent.filter((m) => m.chatId === chatId).map((m) => m.buttons.length)).toEqual([0, 2]);
    const press = max.messageCallback({ userId, mid: question.mid, label: 'Не решено' });
    expect(await max.deliver(press, { url: maxChannel.webhookUrl, secret: maxSecret })).toBe(200);
    const forged = max.messageCallback({ userId, mid: question.mid, label: '5' });
    expect(await max.deliver(forged, { url: maxChannel.webhookUrl, secret: 'guessed_secret' })).toBe(403);
    await settled();
    expect(await ratingsOf(appealId)).toEqual([{ score: null, solved: false }]);
    expect((await appealJson(appealId)).status).toBe('in_progress');
    await eventually(async () => max.answeredCallbacks.some((a) => a.callbackId === press.callback.callback_id), 5000, 'POST /answers');
  });
});
