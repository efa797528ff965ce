import type { OtklikDb } from '../../db/schema';
import { SyncClient } from '../client';
import { CLERK, type FakeServer } from './fake-server';

/**
 * The clerk's workstation against the fake server: no live events, no replica marker, retries
 * without jitter. Kept in `clients`, so the test's cleanup stops every one it made.
 */
export function clerkClient(db: OtklikDb, server: FakeServer, clients: SyncClient[]): SyncClient {
  const session = { user: CLERK, accessToken: server.accessToken, refreshToken: server.refreshToken, serverUrl: 'http://server' };
  const client = new SyncClient({ db, session, saveSession: () => undefined, fetch: server.fetch, createEventSource: null, events: null, random: () => 0, replicaMarker: null });
  clients.push(client);
  return client;
}
