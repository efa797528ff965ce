import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ratingQuestionText } from '../../shared/ratings';
import { buildApp, closeApp } from '../app';
import type { SecretBox } from '../channels/secrets';
import { TelegramEmulator, type ChatLine } from '../channels/telegram/emulator';
import { BACKENDS } from '../test-support/backends';
import { connectChannel, type ConnectedChannel, countOf, eventually, testSecretBox } from '../test-support/channels';
import { replyDelivery } from '../test-support/delivery';
import { startTestServer, type TestServer } from '../test-support/server';
import { push, uid } from '../test-support/sync';
import { createBot, publishTree } from './store';

const leaf = { links: [], questions: [], appealBodyId: null, children: [] };
const TREE = {
  greeting: 'Здравствуйте! Бот «Адыгея — частичная мобилизация».',
  topics: [
    {
      ...leaf,
      id: 'pay',
      title: 'Выплаты',
      answer: 'Выберите вопрос.',
      children: [
        { ...leaf, id: 'pay-once', title: 'Единовременная выплата', answer: 'Выплата назначается по заявлению в МФЦ.' },
        { ...leaf, id: 'pay-late', title: 'Выплата не пришла', answer: '', questions: [{ kind: 'phone', prompt: 'Ваш телефон?' }], appealBodyId: 'maykop' },
      ],
    },
    { ...leaf, id: 'family', title: 'Помощь семьям', answer: 'Обратитесь в МФЦ.' },
  ],
};

/** The topic bot in a Telegram chat through the real server: webhook, inbox, the bot, the clerk's answer back. */
describe.each(BACKENDS)('topic chat-bot over Telegram (%s)', (backend) => {
  let s: TestServer;
  let box: SecretBox;
  let tg: TelegramEmulator;
  let channel: ConnectedChannel;
  let botId: string;
  let restarted: Awaited<ReturnType<typeof buildApp>> | null = null;
  const SECRET = 'bot-hook_secret';
  const citizen = { userId: 418730591, firstName: '<b>Марьям</b>' };

  beforeAll(async () => {
    box = testSecretBox();
    s = await startTestServer(backend, { channelSecrets: box, inboxPollMs: 50, delivery: { pollMs: 50, leaseCheckMs: 50, retry: { baseMs: 30 } } });
    tg = await new TelegramEmulator().start();
    channel = await connectChannel(s, box, { platform: 'telegram', bodyId: 'maykop', settings: { apiBaseUrl: tg.url }, secrets: { botToken: tg.botToken, webhookSecret: SECRET } });
    botId = await createBot(s.db, { name: 'Мобилизация', channelIds: [channel.id] });
    await publishTree(s.db, botId, TREE);
  });
  afterAll(async () => {
    if (restarted) await closeApp(restarted, 200);
    await s?.close();
    await tg?.close();
  });

  const botLines = (chatId = citizen.userId) => tg.chat(chatId).filter((l) => l.from === 'bot');
  /** The bot sends before the inbox marks the event done: once nothing is left, every answer is in the chat. */
  const settled = () => eventually(async () => (await countOf(s, 'SELECT count(*) AS n FROM channel_inbox WHERE processed_at IS NULL')) === 0, 5000, 'the inbox emptied');
  async function post(update: unknown): Promise<void> {
    try {
      await tg.deliver(update, { url: channel.webhookUrl, secret: SECRET });
    } catch {
      // A kept-alive connection to the stopped server: a platform simply tries again.
      await tg.deliver(update, { url: channel.webhookUrl, secret: SECRET });
    }
  }
  async function say(text: string, who = citizen): Promise<ChatLine[]> {
    const before = botLines(who.userId).length;
    await post(tg.citizenWrites({ ...who, text }));
    await eventually(async () => botLines(who.userId).length > before, 5000, `the bot's answer to «${text}»`);
    await settled();
    return eventually(async () => (botLines(who.userId).length > before ? botLines(who.userId).slice(before) : undefined), 5000, `the bot's answer to «${text}»`);
  }
  async function press(label: string): Promise<ChatLine[]> {
    const lines = botLines();
    const withButton = [...lines].reverse().find((l) => l.buttons?.flat().some((b) => b.text === label));
    if (!withButton) throw new Error(`no button «${label}»`);
    return pressData(withButton.buttons!.flat().find((b) => b.text === label)!.data, withButton.messageId);
  }
  async function pressData(data: string, messageId = botLines().at(-1)!.messageId): Promise<ChatLine[]> {
    const before = botLines().length;
    const update = tg.citizenPresses({ ...citizen, messageId, data });
    await post(update);
    await eventually(async () => tg.answeredCallbacks.includes(update.callback_query.id), 5000, 'answerCallbackQuery');
    await eventually(async () => botLines().length > before, 5000, `the bot's answer to ${data}`);
    await settled();
    return eventually(async () => (botLines().length > before ? botLines().slice(before) : undefined), 5000, `the bot's answer to ${data}`);
  }

  it('walks the tree by inline buttons to a ready answer, files nothing, and counts the topic', async () => {
    const [hello] = await say('/start');
    expect(hello!.text).toContain('Здравствуйте! Бот «Адыгея — частичная мобилизация».');
    expect(hello!.text).toContain('1. Выплаты\n2. Помощь семьям');
    expect(hello!.buttons!.flat().map((b) => b.text)).toEqual(['Выплаты', 'Помощь семьям', 'Мои обращения']);
    const [menu] = await press('Выплаты');
    expect(menu!.text).toContain('Выберите вопрос.\n\n1. Единовременная выплата\n2. Выплата не пришла\n0. Назад');
    const [answer] = await press('Единовременная выплата');
    expect(answer!.text).toBe('Выплата назначается по заявлению в МФЦ.');
    expect(await countOf(s, "SELECT count(*) AS n FROM appeals WHERE source = 'chatbot'")).toBe(0);
    expect(await countOf(s, "SELECT count(*) AS n FROM bot_topic_events WHERE topic_id = 'pay-once' AND outcome = 'answered'")).toBe(1);
  });

  it('refuses a forged button: another conversation’s nonce or a topic not in the tree', async () => {
    const [stale] = await pressData('ffffffffffff:t:pay');
    expect(stale!.text).toContain('Эта кнопка устарела');
    const real = botLines().at(-1)!.buttons![0]![0]!.data;
    const [foreign] = await pressData(real.replace(/:t:.*/, ':t:secret-topic'));
    expect(foreign!.text).toContain('Эта кнопка устарела');
  });

  it('keeps the dialog across a server restart between two messages, files the appeal, confirms its number and deadline; the clerk’s answer reaches the chat', async () => {
    await say('/start');
    await press('Выплаты');
    const [question] = await press('Выплата не пришла');
    expect(question!.text).toContain('Ваш телефон?');

    // The server stops mid-dialog; another process on the same database takes the next message.
    await closeApp(s.app, 200);
    const second = await buildApp({ db: s.db, staticDir: null, channelSecrets: box, inboxPollMs: 50, delivery: { pollMs: 50, leaseCheckMs: 50, retry: { baseMs: 30 } } });
    await second.listen({ port: Number(new URL(s.url).port), host: '127.0.0.1' });
    s.app = second;
    restarted = second;

    await say('+7 900 123 45 67');
    const [confirm] = await say('Не пришла выплата за октябрь, помогите');
    expect(confirm!.text).toMatch(/^Ваше обращение № [0-9A-F]{8} принято\. Ответ будет не позднее \d\d\.\d\d\.\d{4}\./);
    const appeal = (await s.db.query<{ id: string; text: string; municipality_id: string; author: unknown }>("SELECT id, text, municipality_id, author FROM appeals WHERE source = 'chatbot'")).rows;
    expect(appeal).toHaveLength(1);
    expect(appeal[0]!.text).toBe('Тема: Выплаты → Выплата не пришла\nНе пришла выплата за октябрь, помогите');
    expect(appeal[0]!.municipality_id).toBe('maykop');
    const author = typeof appeal[0]!.author === 'string' ? JSON.parse(appeal[0]!.author) : appeal[0]!.author;
    expect(author).toMatchObject({ name: '<b>Марьям</b>', contact: '+79001234567' });

    const [mine] = await say('Мои обращения');
    expect(mine!.text).toContain('Выплаты → Выплата не пришла: ');

    const operator = (await s.login('operator')).accessToken;
    const replyId = uid('r');
    const [result] = await push(s, operator, [{ name: 'reply.submit', args: { replyId, appealId: appeal[0]!.id, body: 'Выплата придёт до 10 декабря.' } }]);
    expect(result?.status).toBe('applied');
    await replyDelivery(s.url, operator, replyId, ['delivered']);
    // The answer, then the rating question (server/ratings/), before the citizen writes again.
    await eventually(async () => botLines().at(-1)?.text === ratingQuestionText('answer'), 5000, 'the rating question');
    expect(botLines().at(-2)!.text).toBe('Выплата придёт до 10 декабря.');
    const [answered] = await say('Мои обращения');
    expect(answered!.text).toMatch(/Выплата не пришла: (дан ответ|решено)/);
  });

  it('never lists one citizen another’s appeals', async () => {
    const [mine] = await say('Мои обращения', { userId: 500100200, firstName: 'Аслан' });
    expect(mine!.text).toBe('У вас пока нет обращений.');
  });

  it('a newly published tree is live at once, with no restart, and the old version is kept', async () => {
    const v2 = await publishTree(s.db, botId, { ...TREE, greeting: 'Бот обновлён.' });
    expect(v2).toBe(2);
    const [hello] = await say('/start');
    expect(hello!.text).toContain('Бот обновлён.');
    expect(await countOf(s, 'SELECT count(*) AS n FROM bot_versions WHERE bot_id = $1', [botId])).toBe(2);
  });
});
