import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredSession } from '../../shared/bridge';
import { createDb, type OtklikDb } from '../db/schema';
import { saveDraft } from '../db/drafts';
import { SyncClient } from './client';
import { LiveChannel, backoffDelay } from './live';
import { CLERK, FakeServer, makeAppeal } from './testing/fake-server';

let db: OtklikDb;
let server: FakeServer;
let saved: StoredSession[];
let client: SyncClient | null;

function session(): StoredSession {
  return { user: CLERK, accessToken: server.accessToken, refreshToken: server.refreshToken, serverUrl: 'http://server' };
}

function makeClient(extra: Partial<ConstructorParameters<typeof SyncClient>[0]> = {}): SyncClient {
  client = new SyncClient({ db, session: session(), saveSession: (s) => void saved.push(s), fetch: server.fetch, createEventSource: null, events: null, random: () => 0, ...extra });
  return client;
}

beforeEach(() => {
  db = createDb(`client-${crypto.randomUUID()}`);
  server = new FakeServer();
  saved = [];
  client = null;
  server.upsert('user', CLERK);
  server.upsert('appeal', makeAppeal({ id: 'a1', version: 1 }));
  server.upsert('appeal', makeAppeal({ id: 'a2', version: 1 }));
});

afterEach(async () => {
  client?.stop();
  db.close();
  await db.delete();
});

describe('SyncClient', () => {
  it('first sync fills the replica and reports online', async () => {
    const c = makeClient();
    await c.start();
    await c.sync();
    expect(await db.appeals.count()).toBe(2);
    expect(c.status.get()).toMatchObject({ connection: 'online', cursor: server.head, pending: 0, rejected: 0, error: null });
    expect(c.status.get().lastSyncAt).not.toBeNull();
  });

  it('works offline: changes wait in the outbox and go out, in order, when the server is back', async () => {
    const c = makeClient();
    await c.start();
    await c.sync();
    server.reachable = false;
    await c.setStatus('a1', 'in_progress');
    await c.submitReply('a1', 'Ответ, написанный без связи');
    await c.sync();
    expect(c.status.get()).toMatchObject({ connection: 'offline', error: 'network', pending: 2 });
    expect((await db.appeals.get('a1'))?.status).toBe('in_progress');

    server.reachable = true;
    await c.sync();
    expect(server.pushed.map((m) => m.name)).toEqual(['appeal.setStatus', 'reply.submit']);
    expect(c.status.get()).toMatchObject({ connection: 'online', pending: 0 });
  });

  it('keeps entries the server did not answer for the next push', async () => {
    const c = makeClient();
    await c.start();
    await c.sync();
    let answered = 0;
    server.onPush = (m) => (answered++ < 1 ? { id: m.id, status: 'applied' } : 'stop');
    await c.submitReply('a1', 'первый');
    await c.submitReply('a2', 'второй');
    await c.sync();
    const left = await db.outbox.toArray();
    expect(left.map((e) => e.args.body)).toEqual(['второй']);
    expect(c.status.get().pending).toBe(1);

    server.onPush = (m) => ({ id: m.id, status: 'applied' });
    await c.sync();
    expect(server.pushed.map((m) => m.args)).toMatchObject([{ body: 'первый' }, { body: 'второй' }]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a rejected change is counted and kept, never dropped', async () => {
    const c = makeClient();
    await c.start();
    await c.sync();
    server.onPush = (m) => ({ id: m.id, status: 'rejected', code: 'appeal_closed', message: 'closed' });
    await c.submitReply('a1', 'Текст ответа');
    await c.sync();
    expect(c.status.get()).toMatchObject({ pending: 0, rejected: 1 });
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ state: 'rejected', code: 'appeal_closed', args: { body: 'Текст ответа' } });
    await c.sync();
    expect(server.pushed).toHaveLength(1);
    await c.dismiss(entry!.seq!);
    expect(c.status.get().rejected).toBe(0);
  });

  it('refreshes an expired access token once and keeps the new tokens', async () => {
    const c = makeClient();
    await c.start();
    server.accessToken = 'access-7'; // the one the client holds is now expired
    await c.sync();
    expect(c.status.get().connection).toBe('online');
    expect(server.requests.filter((r) => r.includes('/auth/refresh'))).toHaveLength(1);
    expect(saved.at(-1)).toMatchObject({ accessToken: 'access-8', refreshToken: 'refresh-2', user: CLERK });
  });

  it('a refused refresh ends the session but keeps the outbox and drafts', async () => {
    const expired = vi.fn();
    const c = makeClient({ onSessionExpired: expired });
    await c.start();
    await c.sync();
    server.reachable = false;
    await c.submitReply('a1', 'не потерять');
    await saveDraft(db, CLERK.id, 'a2', 'черновик');
    server.reachable = true;
    server.accessToken = 'access-50';
    server.refreshWorks = false;
    await c.sync();
    expect(expired).toHaveBeenCalledOnce();
    expect(c.status.get()).toMatchObject({ sessionExpired: true, pending: 1 });
    expect(await db.outbox.count()).toBe(1);
    expect(await db.drafts.get('a2')).toMatchObject({ body: 'черновик' });

    // Logged in again: the waiting reply goes out.
    server.accessToken = 'access-60';
    await c.resumeSession({ ...session(), accessToken: 'access-60' });
    await c.sync();
    expect(server.pushed.map((m) => m.args)).toMatchObject([{ body: 'не потерять' }]);
    expect(c.status.get()).toMatchObject({ sessionExpired: false, pending: 0, connection: 'online' });
  });

  it('a poke from the live channel pulls the new change', async () => {
    const sources: FakeEventSource[] = [];
    const c = makeClient({ createEventSource: ((url: string) => sources[sources.push(new FakeEventSource(url)) - 1]!) });
    await c.start();
    await c.sync();
    // A one-minute ticket asked for with the access token, never the token itself in the address.
    await vi.waitFor(() => expect(sources[0]?.url).toBe('http://server/api/v1/sync/live?ticket=ticket-live-access-1'));
    sources[0]!.open();
    expect(c.status.get().live).toBe(true);

    const seq = server.upsert('appeal', makeAppeal({ id: 'a3' }));
    sources[0]!.emit('poke', { seq });
    await vi.waitFor(async () => expect(await db.appeals.get('a3')).toBeDefined());
    // A poke about what we already have does not pull again.
    const pulls = server.requests.filter((r) => r.includes('/sync/pull')).length;
    sources[0]!.emit('poke', { seq });
    await c.sync();
    expect(server.requests.filter((r) => r.includes('/sync/pull')).length).toBe(pulls + 1);
  });

  it('a poke that carries its changes is written without a pull; one that does not continue the replica pulls', async () => {
    const sources: FakeEventSource[] = [];
    const c = makeClient({ createEventSource: ((url: string) => sources[sources.push(new FakeEventSource(url)) - 1]!) });
    await c.start();
    await c.sync();
    await vi.waitFor(() => expect(sources[0]).toBeDefined());
    sources[0]!.open();
    const pulls = () => server.requests.filter((r) => r.includes('/sync/pull')).length;
    const before = pulls();

    const head = server.head;
    server.upsert('appeal', makeAppeal({ id: 'a3', text: 'Пришло с пинком' }));
    sources[0]!.emit('poke', server.carriedPoke(head));
    await vi.waitFor(async () => expect((await db.appeals.get('a3'))?.text).toBe('Пришло с пинком'));
    expect(c.status.get().cursor).toBe(server.head);
    expect(pulls()).toBe(before);

    // A poke missed while the channel was down: the next one does not continue the replica.
    const missed = server.head;
    server.upsert('appeal', makeAppeal({ id: 'a4' }));
    const after = server.head;
    server.upsert('appeal', makeAppeal({ id: 'a5' }));
    sources[0]!.emit('poke', server.carriedPoke(after));
    await vi.waitFor(async () => expect(await db.appeals.get('a5')).toBeDefined());
    expect(await db.appeals.get('a4')).toBeDefined();
    expect(pulls()).toBe(before + 1);
    expect(missed).toBeLessThan(after);
  });

  it('pokes during a pull in flight lead to one more pull, not one each', async () => {
    const sources: FakeEventSource[] = [];
    const c = makeClient({ createEventSource: ((url: string) => sources[sources.push(new FakeEventSource(url)) - 1]!) });
    await c.start();
    await c.sync();
    await vi.waitFor(() => expect(sources[0]).toBeDefined());
    sources[0]!.open();
    const pulls = () => server.requests.filter((r) => r.includes('/sync/pull')).length;
    const before = pulls();

    let release: () => void = () => undefined;
    server.pullGate = new Promise<void>((r) => (release = r));
    sources[0]!.emit('poke', { seq: server.upsert('appeal', makeAppeal({ id: 'a3' })) });
    await vi.waitFor(() => expect(pulls()).toBe(before + 1));
    for (let i = 4; i < 9; i++) sources[0]!.emit('poke', { seq: server.upsert('appeal', makeAppeal({ id: `a${i}` })) });
    server.pullGate = null;
    release();
    await vi.waitFor(async () => expect(await db.appeals.get('a8')).toBeDefined());
    await c.sync().catch(() => undefined);
    // The first pull, the one follow-up for the five pokes, and the sync just asked for.
    expect(pulls()).toBe(before + 3);
    expect(await db.appeals.count()).toBe(8);
  });

  it('reconnects a broken live channel with growing delays, syncing before each attempt', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const sources: FakeEventSource[] = [];
      const beforeReconnect = vi.fn(async () => undefined);
      const live = new LiveChannel({
        url: () => 'http://server/live',
        createEventSource: ((url: string) => sources[sources.push(new FakeEventSource(url)) - 1]!),
        onSeq: () => undefined,
        beforeReconnect,
        random: () => 0,
      });
      live.start();
      sources[0]!.fail();
      expect(sources[0]!.closed).toBe(true);
      await vi.advanceTimersByTimeAsync(499); // random() = 0 → half of the 1 s step
      expect(sources).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(2);
      expect(sources).toHaveLength(2);
      expect(beforeReconnect).toHaveBeenCalledOnce();
      sources[1]!.fail();
      await vi.advanceTimersByTimeAsync(999); // the second step is 2 s
      expect(sources).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(2);
      expect(sources).toHaveLength(3);
      // An open connection resets the backoff.
      sources[2]!.open();
      expect(live.connected).toBe(true);
      sources[2]!.fail();
      expect(live.connected).toBe(false);
      await vi.advanceTimersByTimeAsync(501);
      expect(sources).toHaveLength(4);
      live.stop();
      expect(backoffDelay(20, 1000, 60_000, () => 1)).toBe(60_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks for a fresh ticket at each connect, and backs off while none can be had', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const sources: FakeEventSource[] = [];
      let reachable = false;
      let asked = 0;
      const live = new LiveChannel({
        url: async () => {
          asked++;
          if (!reachable) throw new Error('Failed to fetch');
          return `http://server/live?ticket=t${asked}`;
        },
        createEventSource: ((url: string) => sources[sources.push(new FakeEventSource(url)) - 1]!),
        onSeq: () => undefined,
        random: () => 0,
      });
      live.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(sources).toHaveLength(0);
      reachable = true;
      await vi.advanceTimersByTimeAsync(1000);
      expect(sources.map((s) => s.url)).toEqual(['http://server/live?ticket=t2']);
      sources[0]!.fail();
      await vi.advanceTimersByTimeAsync(1000);
      expect(sources.map((s) => s.url)).toEqual(['http://server/live?ticket=t2', 'http://server/live?ticket=t3']);
      // Stopped while a ticket is on its way: nothing opens afterwards.
      live.stop();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(sources).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

class FakeEventSource {
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed = false;
  private listeners = new Map<string, ((ev: Event) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, fn: (ev: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.(new Event('open'));
  }
  fail() {
    this.onerror?.(new Event('error'));
  }
  emit(type: string, data: unknown) {
    for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
}
