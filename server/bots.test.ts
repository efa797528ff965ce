import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotView } from '../shared/chatbot/admin';
import type { BotTree } from '../shared/chatbot/model';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';

const tree: BotTree = {
  greeting: 'Здравствуйте! Выберите тему.',
  topics: [
    { id: 'record', title: 'Запись к врачу', answer: 'Записаться можно на Госуслугах.', links: [], questions: [], appealBodyId: null, children: [] },
    { id: 'roads', title: 'Дороги', answer: '', links: [], questions: [{ kind: 'settlement', prompt: 'В каком населённом пункте?' }], appealBodyId: 'maykop', children: [] },
  ],
};

/** «Чат-боты» over HTTP: the ЦУР's supervisors create a bot, publish versions of its tree and see its figures. */
describe.each(BACKENDS)('the bots API (%s)', (backend) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  const call = (as: string, method: string, path: string, body?: unknown) => s.call(method, `/api/v1${path}`, { token: tokens[as]!, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    s = await startTestServer(backend);
    for (const u of ['curator', 'head-m', 'operator', 'admin']) tokens[u] = (await s.login(u)).accessToken;
  });
  afterAll(async () => s?.close());

  it('is the ЦУР’s: a clerk and a municipality’s supervisor are refused', async () => {
    expect((await call('operator', 'GET', '/bots')).status).toBe(403);
    expect((await call('head-m', 'POST', '/bots', { name: 'Бот' })).status).toBe(403);
  });

  it('creates a bot, refuses a tree with what is wrong in Russian, publishes a good one as version 1, and audits each step', async () => {
    const made = await call('curator', 'POST', '/bots', { name: 'Бот Минздрава', channelIds: [] });
    expect(made.status).toBe(201);
    const bot = made.body as BotView;
    expect(bot).toMatchObject({ name: 'Бот Минздрава', version: 0, tree: null, enabled: true });

    const bad = { ...tree, topics: [{ ...tree.topics[0]!, answer: '' }, tree.topics[1]!] };
    const refused = await call('curator', 'PUT', `/bots/${bot.id}/tree`, { tree: bad });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'validation_failed', details: { problems: ['У темы «Запись к врачу» нет ни готового ответа, ни обращения'] } } });

    const published = await call('curator', 'PUT', `/bots/${bot.id}/tree`, { tree });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 1, tree: { greeting: tree.greeting } });
    const off = await call('curator', 'PATCH', `/bots/${bot.id}`, { enabled: false });
    expect(off.body).toMatchObject({ enabled: false, version: 1 });

    const audited = await s.db.query<{ action: string }>(`SELECT data->>'action' AS action FROM audit_log WHERE subject = $1 ORDER BY id`, [`bot:${bot.id}`]);
    expect(audited.rows.map((r) => r.action)).toEqual(['bot.create', 'bot.publish', 'bot.update']);
  });

  it('shows each topic’s figures of the last 30 days, and the dialogs started and appeals filed', async () => {
    const made = (await call('admin', 'POST', '/bots', { name: 'Бот дорог' })).body as BotView;
    await call('admin', 'PUT', `/bots/${made.id}/tree`, { tree });
    for (const [topic, outcome, daysAgo] of [['roads', 'taken', 1], ['roads', 'appeal', 1], ['record', 'taken', 2], ['record', 'answered', 2], ['roads', 'taken', 40]] as const) {
      await s.db.query(`INSERT INTO bot_topic_events (bot_id, topic_id, outcome, at) VALUES ($1, $2, $3, now() - make_interval(days => $4))`, [made.id, topic, outcome, daysAgo]);
    }
    // The appeal filed through «Дороги» was answered within its first-response deadline.
    await s.db.query(`UPDATE appeals SET first_responded_at = received_at + interval '1 hour', first_response_due_at = received_at + interval '1 day' WHERE id = 'a-m2'`);
    await s.db.query(`UPDATE bot_topic_events SET appeal_id = 'a-m2' WHERE bot_id = $1 AND outcome = 'appeal'`, [made.id]);
    const list = (await call('curator', 'GET', '/bots')).body as { bots: BotView[]; days: number };
    const view = list.bots.find((b) => b.id === made.id)!;
    expect(list.days).toBe(30);
    expect({ started: view.started, filed: view.filed }).toEqual({ started: 2, filed: 1 });
    expect(view.figures).toEqual([
      { topicId: 'record', path: 'Запись к врачу', taken: 1, answered: 1, appeals: 0, onTime: 0, week: 1 },
      { topicId: 'roads', path: 'Дороги', taken: 1, answered: 0, appeals: 1, onTime: 1, week: 1 },
    ]);
  });

  it('lets one enabled bot answer in a channel: a second is refused with 409 naming both, until the first is switched off', async () => {
    await s.db.query(`INSERT INTO channels (id, platform, body_id, name, webhook_key) VALUES ('ch-bots-1', 'telegram', 'maykop', 'Telegram Майкопа', 'wk-bots-1') ON CONFLICT (id) DO NOTHING`);
    const first = (await call('curator', 'POST', '/bots', { name: 'Мобилизация', channelIds: ['ch-bots-1'] })).body as BotView;
    const clash = await call('curator', 'POST', '/bots', { name: 'Второй', channelIds: ['ch-bots-1'] });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ error: { code: 'channel_taken', details: { problems: ['В канале «Telegram Майкопа» уже работает бот «Мобилизация»: выключите его или уберите канал у одного из ботов'] } } });
    const second = (await call('curator', 'POST', '/bots', { name: 'Второй', channelIds: [] })).body as BotView;
    expect((await call('curator', 'PATCH', `/bots/${second.id}`, { channelIds: ['ch-bots-1'] })).status).toBe(409);
    // A switched-off bot may keep the channel in its list; switching it on is the clash.
    await call('curator', 'PATCH', `/bots/${second.id}`, { enabled: false });
    expect((await call('curator', 'PATCH', `/bots/${second.id}`, { channelIds: ['ch-bots-1'] })).status).toBe(200);
    expect((await call('curator', 'PATCH', `/bots/${second.id}`, { enabled: true })).status).toBe(409);
    await call('curator', 'PATCH', `/bots/${first.id}`, { enabled: false });
    expect((await call('curator', 'PATCH', `/bots/${second.id}`, { enabled: true })).body).toMatchObject({ enabled: true, channelIds: ['ch-bots-1'] });
    await call('curator', 'PATCH', `/bots/${second.id}`, { enabled: false });
  });

  it('does not let a publish overwrite one made since the draft was opened: 409 stale_version with the version now, then the draft on top of it', async () => {
    const bot = (await call('curator', 'POST', '/bots', { name: 'Двое правят', channelIds: [] })).body as BotView;
    expect((await call('admin', 'PUT', `/bots/${bot.id}/tree`, { tree, baseVersion: 0 })).status).toBe(200);
    const mine = { ...tree, greeting: 'Мой черновик' };
    const stale = await call('curator', 'PUT', `/bots/${bot.id}/tree`, { tree: mine, baseVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'stale_version', details: { current: 1 } } });
    const over = await call('curator', 'PUT', `/bots/${bot.id}/tree`, { tree: mine, baseVersion: 1 });
    expect(over.body).toMatchObject({ version: 2, tree: { greeting: 'Мой черновик' } });

    // Both versions are kept, newest first, with who published each; a clerk may not read them.
    const versions = await call('curator', 'GET', `/bots/${bot.id}/versions`);
    expect(versions.status).toBe(200);
    const list = (versions.body as { versions: Array<{ version: number; publishedBy: string | null; tree: BotTree }> }).versions;
    expect(list.map((v) => [v.version, v.tree.greeting])).toEqual([
      [2, 'Мой черновик'],
      [1, tree.greeting],
    ]);
    const names = await s.db.query<{ id: string; display_name: string }>(`SELECT id, display_name FROM users WHERE username IN ('curator', 'admin') ORDER BY username DESC`);
    expect(list.map((v) => v.publishedBy)).toEqual(names.rows.map((r) => r.display_name));
    expect((await call('operator', 'GET', `/bots/${bot.id}/versions`)).status).toBe(403);
    expect((await call('curator', 'GET', '/bots/bot-000000000000/versions')).status).toBe(404);
  });
});
