import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotView } from '../../shared/chatbot/admin';
import type { BotFile, BotTree } from '../../shared/chatbot/model';
import { MaxEmulator } from '../channels/max/emulator';
import { TelegramEmulator } from '../channels/telegram/emulator';
import type { VkEmulator } from '../channels/vk/emulator';
import { BACKENDS } from '../test-support/backends';
import { connectChannel, connectMax, connectVk, countOf, eventually, testSecretBox, type ConnectedChannel } from '../test-support/channels';
import { startTestServer, type TestServer } from '../test-support/server';

const GROUP = 218830127;
const SECRET = 'files-hook_secret';
/** A one-page PDF as far as the server's sniffing goes: the signature, then anything. */
const MEMO = new Uint8Array([...Buffer.from('%PDF-1.4\n% Памятка мобилизованному\n'), ...Array.from({ length: 2048 }, (_, i) => i % 251)]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/**
 * A topic's ready answer with files (issue 13): the ЦУР uploads a PDF memo on «Чат-боты», names it
 * in a topic, publishes; a citizen who picks the topic gets the text and then the file, as a
 * document, in Telegram, VK and MAX, with the bytes that were uploaded.
 */
describe.each(BACKENDS)('files in a topic bot’s ready answer (%s)', (backend) => {
  let s: TestServer;
  let tg: TelegramEmulator;
  let vk: VkEmulator;
  let max: MaxEmulator;
  let tgChannel: ConnectedChannel;
  let vkChannel: ConnectedChannel;
  let maxChannel: ConnectedChannel;
  let maxSecret: string;
  let botId: string;
  let memo: BotFile;
  const tokens: Record<string, string> = {};

  const upload = (as: string, id: string, name: string, type: string, bytes: Uint8Array) =>
    fetch(`${s.url}/api/v1/bots/${id}/files?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': type }, body: Buffer.from(bytes) });
  const tree = (files: BotFile[]): BotTree => ({
    greeting: 'Здравствуйте! Бот «Мобилизация».',
    topics: [
      { id: 'memo', title: 'Памятка', answer: 'Памятка мобилизованному — в файле ниже.', links: [], files, questions: [], appealBodyId: null, children: [] },
      { id: 'scheme', title: 'Схема проезда', answer: '', links: [], files, questions: [], appealBodyId: null, children: [] },
    ],
  });

  beforeAll(async () => {
    const box = testSecretBox();
    s = await startTestServer(backend, { channelSecrets: box, inboxPollMs: 50, delivery: { pollMs: 50, leaseCheckMs: 50, retry: { baseMs: 30 } } });
    for (const u of ['curator', 'operator']) tokens[u] = (await s.login(u)).accessToken;
    tg = await new TelegramEmulator().start();
    tgChannel = await connectChannel(s, box, { platform: 'telegram', bodyId: 'maykop', settings: { apiBaseUrl: tg.url }, secrets: { botToken: tg.botToken, webhookSecret: SECRET } });
    ({ emulator: vk, channel: vkChannel } = await connectVk(s, box, 'maykop', GROUP));
    ({ emulator: max, channel: maxChannel, webhookSecret: maxSecret } = await connectMax(s, box, 'maykop'));
    const made = await s.call('POST', '/api/v1/bots', { token: tokens.curator!, body: { name: 'Мобилизация', channelIds: [tgChannel.id, vkChannel.id, maxChannel.id] } });
    botId = (made.body as BotView).id;
  });
  afterAll(async () => {
    await s?.close();
    await tg?.close();
    await vk?.close();
    await max?.close();
  });

  const settled = () => eventually(async () => (await countOf(s, 'SELECT count(*) AS n FROM channel_inbox WHERE processed_at IS NULL')) === 0, 5000, 'the inbox emptied');

  /** A Telegram citizen who starts the bot: their bot lines, and a press of a button by its label (waiting for `expected` bot lines). */
  async function telegramCitizen(userId: number, firstName: string) {
    const citizen = { userId, firstName };
    const bot = () => tg.chat(userId).filter((l) => l.from === 'bot');
    await tg.deliver(tg.citizenWrites({ ...citizen, text: '/start' }), { url: tgChannel.webhookUrl, secret: SECRET });
    await eventually(async () => bot().length === 1, 5000, 'the greeting');
    const press = async (label: string, expected: number) => {
      const line = [...bot()].reverse().find((l) => l.buttons?.flat().some((b) => b.text === label))!;
      const data = line.buttons!.flat().find((b) => b.text === label)!.data;
      await tg.deliver(tg.citizenPresses({ ...citizen, messageId: line.messageId, data }), { url: tgChannel.webhookUrl, secret: SECRET });
      await eventually(async () => bot().length >= expected, 5000, `the answer to «${label}»`);
      await settled();
    };
    return { bot, press };
  }

  /** A VK citizen who starts the bot and presses `label`: the bot's answer to it. */
  async function vkAnswer(peer: number, label: string) {
    const vkBot = () => (vk.dialogs.get(peer) ?? []).filter((m) => m.fromId === -GROUP);
    await vk.deliver(vkChannel.webhookUrl, vk.messageNew({ fromId: peer, text: 'Начать' }));
    await eventually(async () => vkBot().length === 1, 5000, 'the VK greeting');
    await vk.deliver(vkChannel.webhookUrl, vk.buttons.press({ fromId: peer, keyboard: vkBot()[0]!.keyboard, label }));
    await eventually(async () => vkBot().length === 3, 5000, 'the VK answer');
    return vkBot()[1]!;
  }

  /** A MAX citizen who starts the bot and presses `label`: the bot's answer to it. */
  async function maxAnswer(userId: number, chatId: number, label: string) {
    const maxBot = () => max.sent.filter((m) => m.chatId === chatId);
    expect(await max.deliver(max.messageCreated({ userId, chatId, text: '/start' }), { url: maxChannel.webhookUrl, secret: maxSecret })).toBe(200);
    await eventually(async () => maxBot().length === 1, 5000, 'the MAX greeting');
    expect(await max.deliver(max.messageCallback({ userId, mid: maxBot()[0]!.mid, label }), { url: maxChannel.webhookUrl, secret: maxSecret })).toBe(200);
    await eventually(async () => maxBot().length === 3, 5000, 'the MAX answer');
    return maxBot()[1]!;
  }

  it('takes a PDF from the ЦУР and gives it back; refuses a clerk, a file that is not what it says, and one too large, in stable codes', async () => {
    const res = await upload('curator', botId, 'Памятка мобилизованному.pdf', 'application/pdf', MEMO);
    expect(res.status).toBe(201);
    memo = (await res.json()) as BotFile;
    expect(memo).toMatchObject({ name: 'Памятка мобилизованному.pdf', mime: 'application/pdf', size: MEMO.length });
    const back = await fetch(`${s.url}/api/v1/bots/${botId}/files/${memo.id}`, { headers: { authorization: `Bearer ${tokens.curator}` } });
    expect(back.status).toBe(200);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(MEMO);
    expect(back.headers.get('content-disposition')).toContain(encodeURIComponent('Памятка мобилизованному.pdf'));

    expect((await upload('operator', botId, 'a.pdf', 'application/pdf', MEMO)).status).toBe(403);
    const lying = await upload('curator', botId, 'virus.pdf', 'application/pdf', PNG);
    expect(lying.status).toBe(415);
    expect(await lying.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const exe = await upload('curator', botId, 'setup.exe', 'application/x-msdownload', Uint8Array.from([0x4d, 0x5a, 0, 0]));
    expect((await exe.json()) as unknown).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(Buffer.from('%PDF'));
    expect((await upload('curator', botId, 'big.pdf', 'application/pdf', big)).status).toBe(413);
    expect(await countOf(s, `SELECT count(*) AS n FROM bot_files WHERE bot_id = '${botId}'`)).toBe(1);
  });

  it('refuses to publish a topic naming a file not uploaded for this bot, in Russian; keeps the stored name whatever the tree says', async () => {
    const other = (await s.call('POST', '/api/v1/bots', { token: tokens.curator!, body: { name: 'Другой', channelIds: [] } })).body as BotView;
    const ghost = { id: '7d3f2f0e-1111-4c1e-9d5e-000000000001', name: 'Чужой.pdf', mime: 'application/pdf', size: 10 };
    const refused = await s.call('PUT', `/api/v1/bots/${other.id}/tree`, { token: tokens.curator!, body: { tree: tree([memo]) } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'validation_failed', details: { problems: expect.arrayContaining(['Файл «Памятка мобилизованному.pdf» темы «Памятка» не загружен: загрузите его снова']) } } });
    expect((await s.call('PUT', `/api/v1/bots/${botId}/tree`, { token: tokens.curator!, body: { tree: tree([ghost]) } })).status).toBe(400);

    const published = await s.call('PUT', `/api/v1/bots/${botId}/tree`, { token: tokens.curator!, body: { tree: tree([{ ...memo, name: 'renamed.exe', size: 1 }]) } });
    expect(published.status).toBe(200);
    expect((published.body as BotView).tree!.topics[0]!.files).toEqual([memo]);
  });

  it('sends the answer’s text, then the file as a Telegram document with the uploaded bytes; a topic whose answer is only the file sends only it', async () => {
    const { bot, press: pressLabel } = await telegramCitizen(418_730_777, 'Саида');
    await pressLabel('Памятка', 4);
    const [text, doc, menu] = bot().slice(1);
    expect(text!.text).toBe('Памятка мобилизованному — в файле ниже.');
    expect(doc!.document).toMatchObject({ filename: 'Памятка мобилизованному.pdf' });
    expect(doc!.document!.bytes).toEqual(MEMO);
    expect(menu!.text).toContain('Остались вопросы?');

    await pressLabel('Схема проезда', 6);
    const [onlyDoc, menu2] = bot().slice(4);
    expect(onlyDoc!.document!.bytes).toEqual(MEMO);
    expect(menu2!.text).toContain('Остались вопросы?');
    expect(await countOf(s, "SELECT count(*) AS n FROM bot_topic_events WHERE topic_id IN ('memo', 'scheme') AND outcome = 'answered'")).toBe(2);
  });

  it('attaches the file to the VK message as a dialog document, and to the MAX message as a file', async () => {
    const onVk = await vkAnswer(750_100_777, 'Памятка');
    expect(onVk.text).toBe('Памятка мобилизованному — в файле ниже.');
    expect(onVk.docs?.map((d) => [d.filename, d.bytes])).toEqual([['Памятка мобилизованному.pdf', MEMO]]);
    const onMax = await maxAnswer(58_204_777, 196_100_777, 'Схема проезда');
    expect(onMax.files?.map((f) => [f.filename, f.bytes])).toEqual([['Памятка мобилизованному.pdf', MEMO]]);
    await settled();
  });

  it('still says the answer when a platform takes no file: the text without the file, or that the file could not be sent', async () => {
    tg.documentsRefused = true;
    vk.docs.denied = true;
    max.filesDenied = true;
    try {
      const { bot, press } = await telegramCitizen(418_730_778, 'Аслан');
      await press('Памятка', 3);
      expect(bot().slice(1).map((l) => [l.text.split('\n')[0], l.document === undefined])).toEqual([
        ['Памятка мобилизованному — в файле ниже.', true],
        ['Остались вопросы? Выберите тему.', true],
      ]);
      await press('Схема проезда', 5);
      expect(bot()[3]!.text).toBe('Файл не удалось отправить. Попробуйте позже.');

      const onVk = await vkAnswer(750_100_778, 'Памятка');
      expect([onVk.text, onVk.docs]).toEqual(['Памятка мобилизованному — в файле ниже.', undefined]);
      const onMax = await maxAnswer(58_204_778, 196_100_778, 'Схема проезда');
      expect([onMax.text, onMax.files]).toEqual(['Файл не удалось отправить. Попробуйте позже.', undefined]);
      await settled();
    } finally {
      tg.documentsRefused = false;
      vk.docs.denied = false;
      max.filesDenied = false;
    }
  });
});
