import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OkEmulator } from '../channels/ok/emulator';
import { migrate } from '../db/migrate';
import { demoIntegrationToken, seedDemo } from '../db/seed';
import type { Db } from '../db/types';
import { createTestDatabase, type TestDatabase } from '../test-support/backends';
import { pulledDeliveries, RATING_QUESTION, threadedAppeal } from '../test-support/delivery';
import { connectChannelAsAdmin } from '../test-support/channels';
import { tinyDemoData } from '../test-support/fixture';
import { startServerProcess, type ServerProcess } from '../test-support/process';

const REPLIES = 40;

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo' }) });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function publish(url: string, token: string, appealId: string, body: string): Promise<void> {
  const res = await fetch(`${url}/api/v1/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ clientId: `client-${url}`, mutations: [{ id: crypto.randomUUID(), name: 'reply.submit', args: { replyId: crypto.randomUUID(), appealId, body } }] }),
  });
  const results = ((await res.json()) as { results: Array<{ status: string }> }).results;
  expect(results[0]?.status).toBe('applied');
}

/** Both processes' workers share one queue: each is woken by every enqueue, and they race for the same rows. */
describe('delivery by two server processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let db: Db;
  let ok: OkEmulator;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    ok = await new OkEmulator().start();
    database = await createTestDatabase('postgres');
    db = await database.open();
    await migrate(db);
    await seedDemo(db, tinyDemoData());
    const env = { DATABASE_URL: database.url!, OTKLIK_SEED: '0', OTKLIK_SECRET_KEY: randomBytes(32).toString('base64') };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.dispose();
    await ok?.close();
  });

  it(`${REPLIES} replies published through both processes each reach the citizen's dialog exactly once`, async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const reach = { url: a.url, integrationToken: (await demoIntegrationToken(db)) ?? '' };
    await connectChannelAsAdmin(reach, await login(a.url, 'admin'), {
      id: 'ch-ok-maykop',
      platform: 'ok',
      bodyId: 'maykop',
      name: 'Майкоп в ОК',
      settings: { apiBaseUrl: ok.url },
      secrets: { accessToken: ok.accessToken },
    });
    const chats = Array.from({ length: REPLIES }, (_, i) => `chat:two${i}`);
    const appeals = await Promise.all(chats.map((chatId) => threadedAppeal(reach, db, { channelId: 'ch-ok-maykop', source: 'ok', municipalityId: 'maykop', target: { chat_id: chatId } })));
    const tokens = await Promise.all([login(a.url, 'operator'), login(b.url, 'operator')]);

    await Promise.all(appeals.map((appealId, i) => publish(servers[i % 2]!.url, tokens[i % 2]!, appealId, `Ответ ${i}`)));

    // Each delivered answer queues the citizen's rating question behind it (server/ratings/):
    // two messages a dialog, both under the same guarantees.
    const until = Date.now() + 30_000;
    let delivered = 0;
    while (Date.now() < until) {
      const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM deliveries WHERE state = 'delivered'`);
      delivered = Number(rows[0]!.n);
      if (delivered === 2 * REPLIES) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(delivered).toBe(2 * REPLIES);
    // Exactly the answer, then the question, in each dialog: no process sent what the other had taken.
    chats.forEach((chatId, i) => expect(ok.messagesTo(chatId).map((m) => m.text), chatId).toEqual([`Ответ ${i}`, RATING_QUESTION]));
    expect(ok.api.calls).toHaveLength(2 * REPLIES);
    // And the clerk, pulling from either process, sees each delivered after one attempt.
    const seen = await pulledDeliveries(b.url, tokens[1]!);
    expect(seen.filter((d) => d.state === 'delivered' && d.attempts === 1)).toHaveLength(2 * REPLIES);
  });
});
