import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaxEmulator } from '../channels/max/emulator';
import type { VkEmulator } from '../channels/vk/emulator';
import { BACKENDS } from '../test-support/backends';
import { connectMax, connectVk, countOf, eventually, testSecretBox, type ConnectedChannel } from '../test-support/channels';
import { startTestServer, type TestServer } from '../test-support/server';
import { createBot, publishTree } from './store';

const GROUP = 218830127;
const leaf = { links: [], questions: [], appealBodyId: null, children: [] };
const TREE = {
  greeting: 'Здравствуйте! Бот «Вывоз мусора».',
  topics: [
    {
      ...leaf,
      id: 'bins',
      title: 'Контейнеры',
      answer: 'Выберите вопрос.',
      children: [{ ...leaf, id: 'bins-when', title: 'График вывоза', answer: 'Мусор вывозят ежедневно до 10:00.' }],
    },
    { ...leaf, id: 'tariff', title: 'Тарифы', answer: 'Тариф утверждён приказом РТК.' },
  ],
};

/**
 * The topic bot with VK's and MAX's own buttons through the real server: the same dialog
 * (shared/chatbot/dialog.ts) and runtime as in Telegram, its buttons a VK inline keyboard and a
 * MAX inline_keyboard, each press acknowledged, a forged one refused.
 */
describe.each(BACKENDS)('topic chat-bot over VK and MAX (%s)', (backend) => {
  let s: TestServer;
  let vk: VkEmulator;
  let vkChannel: ConnectedChannel;
  let max: MaxEmulator;
  let maxChannel: ConnectedChannel;
  let maxSecret: string;

  beforeAll(async () => {
    const box = testSecretBox();
    s = await startTestServer(backend, { channelSecrets: box, inboxPollMs: 50, delivery: { pollMs: 50, leaseCheckMs: 50, retry: { baseMs: 30 } } });
    ({ emulator: vk, channel: vkChannel } = await connectVk(s, box, 'maykop', GROUP));
    ({ emulator: max, channel: maxChannel, webhookSecret: maxSecret } = await connectMax(s, box, 'maykop'));
    const botId = await createBot(s.db, { name: 'Мусор', channelIds: [vkChannel.id, maxChannel.id] });
    await publishTree(s.db, botId, TREE);
  });
  afterAll(async () => {
    await s?.close();
    await vk?.close();
    await max?.close();
  });

  const settled = () => eventually(async () => (await countOf(s, 'SELECT count(*) AS n FROM channel_inbox WHERE processed_at IS NULL')) === 0, 5000, 'the inbox emptied');
  const vkBot = (peer: number) => (vk.dialogs.get(peer) ?? []).filter((m) => m.fromId === -GROUP);
  const maxBot = (chatId: number) => max.sent.filter((m) => m.chatId === chatId);

  async function vkSend(peer: number, call: unknown) {
    const before = vkBot(peer).length;
    expect((await vk.deliver(vkChannel.webhookUrl, call))[0]).toEqual({ status: 200, text: 'ok' });
    await eventually(async () => vkBot(peer).length > before, 5000, 'the bot’s answer in VK');
    await settled();
    return vkBot(peer).slice(before);
  }

  it('a VK citizen walks the tree with callback buttons to a ready answer; each press is acknowledged', async () => {
    const peer = 750_100_001;
    const [hello] = await vkSend(peer, vk.messageNew({ fromId: peer, text: 'Начать', payload: '{"command":"start"}' }));
    expect(hello!.text).toContain('Здравствуйте! Бот «Вывоз мусора».');
    expect(hello!.keyboard!.flat().map((b) => `${b.type}:${b.label}`)).toEqual(['callback:Контейнеры', 'callback:Тарифы', 'callback:Мои обращения']);
    const answered = vk.buttons.answered.length;
    const [menu] = await vkSend(peer, vk.buttons.press({ fromId: peer, keyboard: hello!.keyboard, label: 'Контейнеры' }));
    expect(menu!.text).toContain('1. График вывоза');
    const [answer] = await vkSend(peer, vk.buttons.press({ fromId: peer, keyboard: menu!.keyboard, label: 'График вывоза' }));
    expect(answer!.text).toBe('Мусор вывозят ежедневно до 10:00.');
    expect(vk.buttons.answered).toHaveLength(answered + 2);
    expect(await countOf(s, "SELECT count(*) AS n FROM bot_topic_events WHERE topic_id = 'bins-when' AND outcome = 'answered'")).toBe(1);
  });

  it('a VK press with another conversation’s data is refused as stale; one not ours is stored nowhere', async () => {
    const peer = 750_100_002;
    await vkSend(peer, vk.messageNew({ fromId: peer, text: 'Привет' }));
    const [stale] = await vkSend(peer, vk.buttons.messageEvent({ fromId: peer, payload: { otklik: 'ffffffffffff:t:tariff' } }));
    expect(stale!.text).toContain('Эта кнопка устарела');
    const inbox = await countOf(s, 'SELECT count(*) AS n FROM channel_inbox');
    await vk.deliver(vkChannel.webhookUrl, vk.buttons.messageEvent({ fromId: peer, payload: { otklik: 'x'.repeat(500) } }));
    expect(await countOf(s, 'SELECT count(*) AS n FROM channel_inbox')).toBe(inbox);
  });

  it('a MAX citizen walks the tree with inline_keyboard buttons; each press is answered', async () => {
    const userId = 58_204_600;
    const chatId = 196_100_001;
    const say = async (update: unknown) => {
      const before = maxBot(chatId).length;
      expect(await max.deliver(update, { url: maxChannel.webhookUrl, secret: maxSecret })).toBe(200);
      await eventually(async () => maxBot(chatId).length > before, 5000, 'the bot’s answer in MAX');
      await settled();
      return maxBot(chatId).slice(before);
    };
    const [hello] = await say(max.messageCreated({ userId, chatId, text: '/start' }));
    expect(hello!.buttons.flat().map((b) => b.text)).toEqual(['Контейнеры', 'Тарифы', 'Мои обращения']);
    const press = max.messageCallback({ userId, mid: hello!.mid, label: 'Тарифы' });
    const [answer] = await say(press);
    expect(answer!.text).toContain('Тариф утверждён приказом РТК.');
    expect(max.answeredCallbacks.map((a) => a.callbackId)).toContain(press.callback.callback_id);
  });
});
