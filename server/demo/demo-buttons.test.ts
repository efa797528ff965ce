import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../start';
import { eventually } from '../test-support/channels';
import type { DemoConversation } from './platform';

/**
 * «Демо: написать как житель» with VK's and MAX's buttons: a citizen writes in the VK community's
 * messages and to the MAX bot, the answer comes back with the rating question's buttons on the
 * page, and pressing one through `/demo/press/:id` records the rating.
 */
describe('the demo page’s VK and MAX buttons', { timeout: 120_000 }, () => {
  let s: RunningServer;
  const keyDir = mkdtempSync(join(tmpdir(), 'otklik-demo-'));
  beforeAll(async () => {
    // The demo's channels are connected only with a key to seal their secrets.
    // The generated demo region: its ministries and their clerks, whom the demo channels belong to.
    s = await startServer({ dataDir: 'memory', demoAppeals: 10, staticDir: null, demoChannels: true, secretKeyFile: join(keyDir, 'secret.key') });
  });
  afterAll(async () => {
    await s?.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${s.url}/demo${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { delivered?: boolean } };
  };
  const conversation = async (id: string) => {
    const res = await fetch(`${s.url}/demo/conversations`);
    return ((await res.json()) as { conversations: DemoConversation[] }).conversations.find((c) => c.id === id)!;
  };
  const rows = async (sql: string, params: unknown[]) => (await s.db.query<Record<string, unknown>>(sql, params)).rows;

  /** A citizen writes on the page; the ministry's clerk answers; resolves with the rating question's line. */
  async function answered(platform: string, clerk: string, name: string, text: string) {
    const login = await fetch(`${s.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: clerk, password: 'demo' }) });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    expect((await post(`/write/${platform}`, { name, text })).body.delivered).toBe(true);
    const [appeal] = await eventually(async () => {
      const found = await rows('SELECT id FROM appeals WHERE text = $1', [text]);
      return found.length > 0 ? found : undefined;
    }, 10_000, 'the appeal');
    const replyId = `r-${Math.random().toString(36).slice(2)}`;
    const push = await fetch(`${s.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ clientId: 'demo-test', mutations: [{ id: `m-${replyId}`, name: 'reply.submit', args: { replyId, appealId: appeal!.id, body: 'Ответ министерства.' } }] }),
    });
    expect(push.status).toBe(200);
    expect(((await push.json()) as { results: Array<{ status: string }> }).results[0]?.status).toBe('applied');
    const line = await eventually(async () => (await conversation(platform)).lines.find((l) => l.citizen === name && l.buttons), 15_000, 'the rating question on the page');
    return { appealId: String(appeal!.id), line };
  }

  it('VK: the question in the community’s messages has VK’s buttons, and «Решено» pressed on the page is the rating', async () => {
    const { appealId, line } = await answered('vk-messages', 'minstroy.clerk1', 'Аминат Шеуджен', 'Протекает крыша в доме 5 по ул. Жуковского');
    expect(line.buttons!.flat().map((b) => b.label)).toEqual(['1', '2', '3', '4', '5', 'Решено', 'Не решено']);
    expect((await post('/press/vk-messages', { name: 'Аминат Шеуджен', messageId: line.messageId, data: 'Решено' })).body.delivered).toBe(true);
    await eventually(async () => (await rows('SELECT solved FROM citizen_ratings WHERE appeal_id = $1', [appealId]))[0]?.solved === true, 10_000, 'the rating');
    // A press of a button that is not on the message is refused by the page.
    expect((await post('/press/vk-messages', { name: 'Кто-то другой', messageId: line.messageId!, data: 'Решено' })).body.delivered).toBe(false);
  });

  it('MAX: the question has MAX’s buttons, and «4» pressed on the page is the rating', async () => {
    const { appealId, line } = await answered('max', 'mintrud.clerk1', 'Руслан Тлехас', 'Не пришло пособие на ребёнка за ноябрь');
    expect((await post('/press/max', { name: 'Руслан Тлехас', messageId: line.messageId, data: '4' })).body.delivered).toBe(true);
    await eventually(async () => (await rows('SELECT score FROM citizen_ratings WHERE appeal_id = $1', [appealId]))[0]?.score === 4, 10_000, 'the rating');
  });
});
