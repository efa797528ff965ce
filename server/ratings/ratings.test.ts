import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramEmulator, type ChatLine } from '../channels/telegram/emulator';
import { BACKENDS } from '../test-support/backends';
import { connectChannel, countOf, eventsOf, eventually, testSecretBox, type ConnectedChannel } from '../test-support/channels';
import { replyDelivery } from '../test-support/delivery';
import { startTestServer, type TestServer } from '../test-support/server';
import { push, uid } from '../test-support/sync';

/**
 * The citizen's word through the real server and the Telegram emulator: the clerk's answer is
 * followed by the rating question with buttons; a press or a typed digit is recorded in the
 * appeal's history, «не решено» takes the appeal back into work, and nobody can change a rating.
 */
describe.each(BACKENDS)('the citizen’s rating over Telegram (%s)', (backend) => {
  let s: TestServer;
  let tg: TelegramEmulator;
  let channel: ConnectedChannel;
  let operator: string;
  const SECRET = 'rating-hook_secret';
  let nextUser = 730_100_000;

  beforeAll(async () => {
    const box = testSecretBox();
    s = await startTestServer(backend, { channelSecrets: box, inboxPollMs: 50, delivery: { pollMs: 50, leaseCheckMs: 50, retry: { baseMs: 30 } } });
    tg = await new TelegramEmulator().start();
    channel = await connectChannel(s, box, { platform: 'telegram', bodyId: 'maykop', settings: { apiBaseUrl: tg.url }, secrets: { botToken: tg.botToken, webhookSecret: SECRET } });
    operator = (await s.login('operator')).accessToken;
  });
  afterAll(async () => {
    await s?.close();
    await tg?.close();
  });

  const settled = () => eventually(async () => (await countOf(s, 'SELECT count(*) AS n FROM channel_inbox WHERE processed_at IS NULL')) === 0, 5000, 'the inbox emptied');
  const botLines = (userId: number) => tg.chat(userId).filter((l) => l.from === 'bot');
  const appealStatus = async (id: string) => (await s.db.query<{ status: string }>('SELECT status FROM appeals WHERE id = $1', [id])).rows[0]!.status;

  /** A citizen writes to the ministry's bot, and the clerk answers; resolves with the rating question as the chat shows it. */
  async function answeredAppeal(text: string): Promise<{ citizen: { userId: number; firstName: string }; appealId: string; question: ChatLine }> {
    const citizen = { userId: nextUser++, firstName: 'Зарема' };
    await tg.deliver(tg.citizenWrites({ ...citizen, text }), { url: channel.webhookUrl, secret: SECRET });
    await settled();
    const appealId = (await s.db.query<{ appeal_id: string }>('SELECT appeal_id FROM channel_threads WHERE author_key = $1', [String(citizen.userId)])).rows[0]!.appeal_id;
    const replyId = uid('r');
    const [result] = await push(s, operator, [{ name: 'reply.submit', args: { replyId, appealId, body: 'Фонарь заменят до пятницы.' } }]);
    expect(result?.status).toBe('applied');
    await replyDelivery(s.url, operator, replyId, ['delivered']);
    const question = await eventually(async () => botLines(citizen.userId).find((l) => l.buttons), 5000, 'the rating question');
    return { citizen, appealId, question };
  }

  async function press(citizen: { userId: number; firstName: string }, line: ChatLine, label: string): Promise<void> {
    const data = line.buttons!.flat().find((b) => b.text === label)!.data;
    const update = tg.citizenPresses({ ...citizen, messageId: line.messageId, data });
    await tg.deliver(update, { url: channel.webhookUrl, secret: SECRET });
    await eventually(async () => tg.answeredCallbacks.includes(update.callback_query.id), 5000, 'answerCallbackQuery');
    await settled();
  }

  it('asks after the answer, with scores and «Не решено» as buttons and the digits as the fallback', async () => {
    const { citizen, question } = await answeredAppeal('Не горит фонарь у дома 3 по ул. Гоголя');
    const lines = botLines(citizen.userId);
    expect(lines.map((l) => l.text)).toEqual(['Фонарь заменят до пятницы.', question.text]);
    expect(question.text).toContain('ответьте цифрой от 1 до 5');
    expect(question.buttons!.map((row) => row.map((b) => b.text))).toEqual([['1', '2', '3', '4', '5'], ['Решено', 'Не решено']]);
  });

  it('«Не решено» takes the appeal back into work and says so; a later score counts once, and is told no news twice', async () => {
    const { citizen, appealId, question } = await answeredAppeal('Яма на дороге по ул. Победы');
    expect(await appealStatus(appealId)).toBe('answered');

    await press(citizen, question, 'Не решено');
    expect(await appealStatus(appealId)).toBe('in_progress');
    await eventually(async () => botLines(citizen.userId).at(-1)?.text.startsWith('Спасибо. Обращение возвращено в работу'), 5000, 'the thanks');
    const events = await eventsOf(s, appealId);
    const rating = events.find((e) => e.kind === 'citizen_rating');
    expect(rating).toMatchObject({ actorId: null, data: { reason: 'answer', score: null, solved: false, reopened: true } });
    expect(events.find((e) => e.kind === 'status_changed' && e.data.byRating === true)).toMatchObject({ data: { from: 'answered', to: 'in_progress' } });

    await press(citizen, question, '4');
    await press(citizen, question, '1');
    const ratings = (await s.db.query<{ score: number | null; solved: boolean | null }>('SELECT score, solved FROM citizen_ratings WHERE appeal_id = $1 ORDER BY at', [appealId])).rows;
    expect(ratings).toEqual([
      { score: null, solved: false },
      { score: 4, solved: null },
    ]);
    // The appeal, as workstations pull it, carries the latest score and verdict for the figures.
    const pulled = (await s.db.query<{ data: { citizenRating?: unknown } }>('SELECT appeal_json(a) AS data FROM appeals a WHERE id = $1', [appealId])).rows[0]!.data;
    expect(pulled.citizenRating).toEqual({ score: 4, solved: false });
  });

  it('a press from someone else, or of a question that does not exist, counts for nothing', async () => {
    const { citizen, appealId, question } = await answeredAppeal('Не вывозят мусор');
    const stranger = { userId: nextUser++, firstName: 'Чужой' };
    await tg.deliver(tg.citizenWrites({ ...stranger, text: 'привет' }), { url: channel.webhookUrl, secret: SECRET });
    await settled();
    const data = question.buttons![0]![0]!.data;
    const forged = tg.citizenPresses({ ...stranger, messageId: 1, data });
    await tg.deliver(forged, { url: channel.webhookUrl, secret: SECRET });
    const unknown = tg.citizenPresses({ ...citizen, messageId: question.messageId, data: 'rt:00000000-0000-4000-8000-000000000000:1' });
    await tg.deliver(unknown, { url: channel.webhookUrl, secret: SECRET });
    await settled();
    expect(await countOf(s, 'SELECT count(*) AS n FROM citizen_ratings WHERE appeal_id = $1', [appealId])).toBe(0);
    expect(await appealStatus(appealId)).toBe('answered');
  });

  it('a digit typed with words is a rating with its comment, not a new appeal; other words are the citizen’s message', async () => {
    const { citizen, appealId } = await answeredAppeal('Не работает светофор');
    const appealsBefore = await countOf(s, 'SELECT count(*) AS n FROM appeals');
    await tg.deliver(tg.citizenWrites({ ...citizen, text: '5 спасибо, <b>починили</b> быстро' }), { url: channel.webhookUrl, secret: SECRET });
    await settled();
    expect((await eventsOf(s, appealId)).find((e) => e.kind === 'citizen_rating')).toMatchObject({ data: { score: 5, solved: null, comment: 'спасибо, <b>починили</b> быстро', reopened: false } });
    expect(await appealStatus(appealId)).toBe('answered');
    expect(await countOf(s, 'SELECT count(*) AS n FROM appeals')).toBe(appealsBefore);
    await eventually(async () => botLines(citizen.userId).at(-1)?.text === 'Спасибо за оценку!', 5000, 'the thanks');

    // A second «5» is no answer any more: it is filed as the citizen's words.
    await tg.deliver(tg.citizenWrites({ ...citizen, text: '5' }), { url: channel.webhookUrl, secret: SECRET });
    await settled();
    expect(await countOf(s, 'SELECT count(*) AS n FROM citizen_ratings WHERE appeal_id = $1', [appealId])).toBe(1);
    expect(await countOf(s, 'SELECT count(*) AS n FROM appeals')).toBe(appealsBefore + 1);
  });

  it('nobody can change or delete a citizen’s rating, not even the server’s own database role', async () => {
    const { citizen, appealId, question } = await answeredAppeal('Нет воды');
    await press(citizen, question, '3');
    await expect(s.db.query('UPDATE citizen_ratings SET score = 5 WHERE appeal_id = $1', [appealId])).rejects.toThrow(/insert-only/);
    await expect(s.db.query('DELETE FROM citizen_ratings WHERE appeal_id = $1', [appealId])).rejects.toThrow(/insert-only/);
    expect((await s.db.query<{ score: number }>('SELECT score FROM citizen_ratings WHERE appeal_id = $1', [appealId])).rows).toEqual([{ score: 3 }]);
  });

  it('an appeal nobody rated has no citizenRating in its JSON', async () => {
    const { appealId } = await answeredAppeal('Шумят соседи');
    const pulled = (await s.db.query<{ data: Record<string, unknown> }>('SELECT appeal_json(a) AS data FROM appeals a WHERE id = $1', [appealId])).rows[0]!.data;
    expect(pulled).not.toHaveProperty('citizenRating');
  });

  it('an appeal from no channel is asked nothing', async () => {
    const res = await fetch(`${s.url}/api/v1/intake/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.integrationToken}` },
      body: JSON.stringify({ source: 'email', externalRef: uid('mail'), author: { name: 'Житель' }, text: 'Прошу проверить фонари.', municipalityId: 'maykop' }),
    });
    const appealId = ((await res.json()) as { id: string }).id;
    const replyId = uid('r');
    const [result] = await push(s, operator, [{ name: 'reply.submit', args: { replyId, appealId, body: 'Проверим.' } }]);
    expect(result?.status).toBe('applied');
    expect(await appealStatus(appealId)).toBe('answered');
    expect(await countOf(s, 'SELECT count(*) AS n FROM rating_requests WHERE appeal_id = $1', [appealId])).toBe(0);
  });
});
