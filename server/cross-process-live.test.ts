import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pokeSchema } from '../shared/protocol';
import { migrate } from './db/migrate';
import { seedDemo } from './db/seed';
import { createTestDatabase, type TestDatabase } from './test-support/backends';
import { tinyDemoData } from './test-support/fixture';
import { startServerProcess, type ServerProcess } from './test-support/process';
import { SseClient } from './test-support/sse';

/** The requirement: a change made through one process pokes clients of another within 1 s. */
const WITHIN_MS = 1000;

describe('live pokes across server processes on one PostgreSQL', () => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];
  const clients: SseClient[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const db = await database.open();
    await migrate(db);
    await seedDemo(db, tinyDemoData());
    await db.close();
    const env = { DATABASE_URL: database.url!, OTKLIK_SEED: '0' };
    servers.push(...(await Promise.all([startServerProcess(env), startServerProcess(env)])));
    for (const username of ['operator', 'operator2']) {
      const res = await fetch(`${servers[0]!.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo' }),
      });
      tokens[username] = ((await res.json()) as { accessToken: string }).accessToken;
    }
  });

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await Promise.all(servers.map((s) => s.stop()));
    await database?.dispose();
  });

  const connect = async (server: ServerProcess, username: string) => {
    const c = await SseClient.connect(`${server.url}/api/v1/sync/live`, { authorization: `Bearer ${tokens[username]!}` });
    clients.push(c);
    expect(c.status).toBe(200);
    return pokeSchema.parse(JSON.parse((await c.waitFor((e) => e.event === 'hello')).data)).seq;
  };

  /** Pushes a note; resolves to its id. */
  const push = async (server: ServerProcess, username: string, appealId: string) => {
    const noteId = crypto.randomUUID();
    const res = await fetch(`${server.url}/api/v1/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[username]}` },
      body: JSON.stringify({
        clientId: `client-${username}`,
        mutations: [{ id: crypto.randomUUID(), name: 'note.add', args: { noteId, appealId, body: 'Заметка' } }],
      }),
    });
    const body = (await res.json()) as { results: Array<{ status: string }> };
    expect(body.results[0]?.status).toBe('applied');
    return noteId;
  };

  const nextPoke = (client: SseClient, after: number) =>
    client.waitFor((e) => e.event === 'poke' && pokeSchema.parse(JSON.parse(e.data)).seq > after, WITHIN_MS);

  it('a push through one process pokes a client of the other within 1 s, both ways', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const helloOnB = await connect(b, 'operator');
    const onB = clients.at(-1)!;
    const helloOnA = await connect(a, 'operator');
    const onA = clients.at(-1)!;

    const noteId = await push(a, 'operator', 'a-m1');
    const poke = pokeSchema.parse(JSON.parse((await nextPoke(onB, helloOnB)).data));
    expect(poke.seq).toBeGreaterThan(helloOnB);
    // The other process's poke carries the note itself, continuing from the hello: no pull needed.
    expect(poke.after).toBe(helloOnB);
    expect(poke.changes).toContainEqual(expect.objectContaining({ entity: 'note', id: noteId, op: 'upsert' }));

    await push(b, 'operator', 'a-m2');
    const back = pokeSchema.parse(JSON.parse((await nextPoke(onA, poke.seq)).data));
    expect(back.seq).toBeGreaterThan(Math.max(helloOnA, poke.seq));
  });

  it('the other process pokes only the clients whose scope changed', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const helloMaykop = await connect(b, 'operator');
    const maykop = clients.at(-1)!;
    await connect(b, 'operator2');
    const takhtamukay = clients.at(-1)!;

    await push(a, 'operator', 'a-m1');
    const maykopSeq = pokeSchema.parse(JSON.parse((await nextPoke(maykop, helloMaykop)).data)).seq;
    await push(a, 'operator2', 'a-t1');
    const first = pokeSchema.parse(JSON.parse((await takhtamukay.waitFor((e) => e.event === 'poke', WITHIN_MS)).data)).seq;
    // Pokes arrive in commit order on one connection: had the Maykop note poked the Takhtamukay
    // clerk, that poke would have come first.
    expect(first).toBeGreaterThan(maykopSeq);
  });
});
