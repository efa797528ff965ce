import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pokeSchema } from '../shared/protocol';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';
import { SseClient } from './test-support/sse';
import { pullAll, push, uid } from './test-support/sync';

describe.each(BACKENDS)('live channel (%s)', (backend) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  const clients: SseClient[] = [];
  beforeAll(async () => {
    s = await startTestServer(backend, { heartbeatMs: 200 });
    for (const u of ['operator', 'operator2', 'curator']) tokens[u] = (await s.login(u)).accessToken;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await s?.close();
  });

  const connect = async (user: string) => {
    const c = await SseClient.connect(`${s.url}/api/v1/sync/live`, { authorization: `Bearer ${tokens[user]!}` });
    clients.push(c);
    return c;
  };

  it('says hello with the current seq, then pokes the clients whose scope a push changed', async () => {
    const op = await connect('operator');
    const op2 = await connect('operator2');
    const curator = await connect('curator');
    const hello = pokeSchema.parse(JSON.parse((await op.waitFor((e) => e.event === 'hello')).data));
    await op2.waitFor((e) => e.event === 'hello');
    await curator.waitFor((e) => e.event === 'hello');

    const [r] = await push(s, tokens.operator!, [{ name: 'note.add', args: { noteId: uid('n'), appealId: 'a-m1', body: 'Заметка' } }]);
    expect(r?.status).toBe('applied');
    const poke = pokeSchema.parse(JSON.parse((await op.waitFor((e) => e.event === 'poke')).data));
    expect(poke.seq).toBeGreaterThan(hello.seq);
    await curator.waitFor((e) => e.event === 'poke');
    // A clerk of another municipality is not disturbed (heartbeats keep coming meanwhile).
    await op2.waitFor((e) => e.event === 'comment');
    expect(op2.events.filter((e) => e.event === 'poke')).toEqual([]);
  });

  it('a poke carries the change to the clerks of its municipality, as their pull would, and none to another', async () => {
    const op = await connect('operator');
    const other = await connect('operator2');
    const hello = pokeSchema.parse(JSON.parse((await op.waitFor((e) => e.event === 'hello')).data));
    const helloOther = pokeSchema.parse(JSON.parse((await other.waitFor((e) => e.event === 'hello')).data));
    const noteId = uid('n');
    await push(s, tokens.operator!, [{ name: 'note.add', args: { noteId, appealId: 'a-m1', body: 'Заметка для всех в Майкопе' } }]);
    const poke = pokeSchema.parse(JSON.parse((await op.waitFor((e) => e.event === 'poke' && pokeSchema.parse(JSON.parse(e.data)).seq > hello.seq)).data));
    expect(poke.after).toBe(hello.seq);
    expect(poke.changes).toContainEqual(expect.objectContaining({ entity: 'note', id: noteId, op: 'upsert', data: expect.objectContaining({ body: 'Заметка для всех в Майкопе' }) }));
    // Exactly what a pull from `after` returns up to the poke's seq: nothing more, nothing less.
    const pulled = await pullAll(s, tokens.operator!, poke.after!);
    expect(poke.changes).toEqual(pulled.changes.filter((c) => c.seq <= poke.seq));
    // The clerk of another municipality gets nothing, neither changes nor a plain poke.
    await other.waitFor((e) => e.event === 'comment');
    expect(other.events.filter((e) => e.event === 'poke' && pokeSchema.parse(JSON.parse(e.data)).seq > helloOther.seq)).toEqual([]);
  });

  it('ends the live connection of a person an administrator changed, so it comes back with their new scope', async () => {
    const admin = (await s.login('admin')).accessToken;
    const other = await connect('operator2');
    const op = await connect('operator');
    await other.waitFor((e) => e.event === 'hello');
    await op.waitFor((e) => e.event === 'hello');
    const me = await s.call('GET', '/api/v1/admin/users', { token: admin });
    const target = (me.body as { users: Array<{ id: string; username: string; displayName: string; role: string; municipalityId: string | null }> }).users.find((u) => u.username === 'operator2')!;
    const res = await s.call('POST', `/api/v1/admin/users/${target.id}`, { token: admin, body: { displayName: `${target.displayName} (переведена)` } });
    expect(res.status).toBe(200);
    await other.ended;
    expect(other.endedByServer).toBe(true);
    // Everyone else is told of the change as usual.
    await op.waitFor((e) => e.event === 'poke' && (pokeSchema.parse(JSON.parse(e.data)).changes ?? []).some((c) => c.entity === 'user' && c.id === target.id));
  });

  it('accepts the token in the Authorization header and refuses a bad one', async () => {
    const viaHeader = await SseClient.connect(`${s.url}/api/v1/sync/live`, { authorization: `Bearer ${tokens.operator2}` });
    clients.push(viaHeader);
    expect(viaHeader.status).toBe(200);
    await viaHeader.waitFor((e) => e.event === 'hello');
    const bad = await SseClient.connect(`${s.url}/api/v1/sync/live`, { authorization: 'Bearer bad' });
    expect(bad.status).toBe(401);
  });

  it('stays cheap with many connections and pokes every one of them', async () => {
    const many = await Promise.all(Array.from({ length: 200 }, () => connect('operator')));
    await Promise.all(many.map((c) => c.waitFor((e) => e.event === 'hello')));
    await push(s, tokens.curator!, [{ name: 'note.add', args: { noteId: uid('n'), appealId: 'a-m2', body: 'Заметка куратора' } }]);
    await Promise.all(many.map((c) => c.waitFor((e) => e.event === 'poke')));
  });
});
