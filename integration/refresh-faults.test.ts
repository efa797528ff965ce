import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StoredSession } from '../shared/bridge';
import { createDb, type OtklikDb } from '../renderer/db/schema';
import { saveDraft } from '../renderer/db/drafts';
import { prepareReplica, SyncClient } from '../renderer/sync/client';
import type { FetchLike } from '../renderer/sync/api';
import { REFRESH_GRACE_SECONDS } from '../server/auth/sessions';
import { startTestServer, type TestServer } from '../server/test-support/server';

/**
 * The workstation's sync client against the real server, with the network doing to one refresh
 * what a bad line or a retrying proxy does. Whatever happens to the refresh, the clerk stays signed
 * in while the server can tell the token is theirs, and is asked to sign in again (with nothing
 * typed lost) only when it cannot.
 */

let s: TestServer;
let db: OtklikDb;
let client: SyncClient | null = null;

beforeAll(async () => {
  s = await startTestServer('pglite');
});
afterAll(async () => s?.close());
afterEach(async () => {
  client?.stop();
  db?.close();
  if (db) await db.delete();
});

/** A network that sends everything at once, except refreshes, which `onRefresh` delivers. */
function network(onRefresh: (send: () => Promise<Response>) => Promise<Response>): FetchLike {
  return (input, init) => {
    const send = () => fetch(input, init);
    return input.endsWith('/auth/refresh') ? onRefresh(send) : send();
  };
}

async function signedIn(fetchImpl: FetchLike): Promise<SyncClient> {
  const login = await s.login('operator');
  db = createDb(`refresh-${crypto.randomUUID()}`);
  // The access token has run out: the first call refreshes.
  const session: StoredSession = { user: login.user, accessToken: 'run-out', refreshToken: login.refreshToken, serverUrl: s.url };
  await prepareReplica(db, login.user.id);
  client = new SyncClient({ db, session, saveSession: () => undefined, fetch: fetchImpl, createEventSource: null, events: null, replicaMarker: null });
  return client;
}

const timeout = () => Promise.reject(new TypeError('fetch failed (timeout)'));

describe('a refresh the network mangles', () => {
  it('overtaken by its own retry (it reached the server late): the clerk stays signed in', async () => {
    let late: (() => Promise<Response>) | null = null;
    const c = await signedIn(
      network((send) => {
        if (late === null) {
          // Sent, stuck on the way; the client gives up on it and tries again.
          late = send;
          return timeout();
        }
        return send();
      }),
    );
    await c.sync();
    expect(c.status.get().error).toBe('network');
    await c.sync();
    expect(c.status.get()).toMatchObject({ connection: 'online', error: null });
    // Now the first attempt arrives.
    expect((await late!()).status).toBe(200);
    await c.auth.refresh();
    await c.sync();
    expect(c.status.get()).toMatchObject({ connection: 'online', error: null, sessionExpired: false });
  });

  it('delivered twice by a proxy, the client keeping the first answer: the clerk stays signed in', async () => {
    let second: Promise<Response> | null = null;
    const c = await signedIn(
      network(async (send) => {
        const first = await send();
        second ??= send();
        return first;
      }),
    );
    await c.sync();
    expect((await second!).status).toBe(200);
    await c.auth.refresh();
    await c.sync();
    expect(c.status.get()).toMatchObject({ connection: 'online', error: null, sessionExpired: false });
  });

  it('its answer lost and the retry made after the grace window: the clerk is asked to sign in again, the outbox and drafts stay', async () => {
    let lost = false;
    const c = await signedIn(
      network(async (send) => {
        if (lost) return send();
        lost = true;
        await send();
        // The answer is lost, and the line stays down past the grace window.
        await s.db.query('UPDATE refresh_tokens SET used_at = used_at - make_interval(secs => $1) WHERE used_at IS NOT NULL', [REFRESH_GRACE_SECONDS + 5]);
        return timeout();
      }),
    );
    await c.sync();
    expect(c.status.get().error).toBe('network');
    await c.submitReply('a-m1', 'Ответ, набранный на плохой связи');
    await saveDraft(db, c.user.id, 'a-m2', 'Черновик');
    await c.sync();
    expect(c.status.get()).toMatchObject({ sessionExpired: true, error: 'unauthorized', pending: 1 });
    expect(await db.drafts.get('a-m2')).toMatchObject({ body: 'Черновик' });

    // The clerk signs in again: the same replica and outbox carry on, and the reply goes out.
    const again = await s.login('operator');
    await c.resumeSession({ ...c.auth.session, accessToken: again.accessToken, refreshToken: again.refreshToken });
    await c.sync();
    expect(c.status.get()).toMatchObject({ sessionExpired: false, error: null, pending: 0 });
    const stored = await s.db.query<{ body: string }>("SELECT body FROM replies WHERE body = 'Ответ, набранный на плохой связи'");
    expect(stored.rows).toHaveLength(1);
  });
});
