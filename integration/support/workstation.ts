import type { StoredSession } from '../../shared/bridge';
import type { User } from '../../shared/domain';
import type { LoginResponse } from '../../shared/protocol';
import { createDb, type OtklikDb, type OutboxEntry } from '../../renderer/db/schema';
import { prepareReplica, SyncClient } from '../../renderer/sync/client';
import { emptyView, type RestartableServer, type ScopeView } from './server';
import { storedHistories, storedNotes, storedReplies } from '../../renderer/sync/testing/stored-threads';
import { allAppeals } from '../../renderer/db/row-packs';
import { VIRTUAL_ORIGIN, type FaultyNetwork } from './faulty-network';

/** What the person typed or did, as the test remembers it to check the outcome later. */
export interface Typed {
  workstation: string;
  userId: string;
  entry: OutboxEntry;
}

/**
 * One workstation: a Dexie database of its own (its "profile") and the real SyncClient over the
 * faulty network. `reload` drops the running client and its database handle mid-flight, as a
 * closed window does, and opens them again on the same stored data.
 */
export class Workstation {
  db: OtklikDb;
  client: SyncClient;
  session: StoredSession;
  relogins = 0;
  reloads = 0;
  private generation = 0;

  constructor(
    readonly name: string,
    readonly username: string,
    private readonly dbName: string,
    private readonly server: RestartableServer,
    private readonly net: FaultyNetwork,
    session: StoredSession,
  ) {
    this.session = session;
    this.db = createDb(dbName);
    this.client = this.makeClient(this.db);
  }

  static async open(name: string, username: string, runId: string, server: RestartableServer, net: FaultyNetwork, login: LoginResponse): Promise<Workstation> {
    const session: StoredSession = { user: login.user, accessToken: login.accessToken, refreshToken: login.refreshToken, serverUrl: VIRTUAL_ORIGIN };
    const ws = new Workstation(name, username, `cv-${runId}-${name}`, server, net, session);
    await prepareReplica(ws.db, session.user.id);
    return ws;
  }

  get user(): User {
    return this.session.user;
  }

  private makeClient(db: OtklikDb): SyncClient {
    const generation = this.generation;
    return new SyncClient({
      db,
      session: this.session,
      // The bridge keeps the newest tokens; a window closed meanwhile must not overwrite them.
      saveSession: (s) => {
        if (generation === this.generation) this.session = s;
      },
      fetch: this.net.fetchFor(this.name),
      createEventSource: null,
      events: null,
      pageLimit: 7,
      pushBatch: 4,
    });
  }

  /** A sync as the timer or the live channel would start it; a person logs in again when asked. */
  async sync(): Promise<void> {
    if (this.client.auth.isExpired) await this.relogin();
    await this.client.sync();
  }

  /** A sync, then the first download's background part (closed appeals' threads) to its end. */
  async settle(): Promise<void> {
    await this.sync();
    await this.client.backfillIdle();
  }

  private async relogin(): Promise<void> {
    if (!this.server.url) return;
    const login = await this.server.login(this.username);
    this.relogins++;
    await this.client.resumeSession({ ...this.session, accessToken: login.accessToken, refreshToken: login.refreshToken });
  }

  /** The window is closed (whatever it was doing) and opened again on the same profile. */
  async reload(): Promise<void> {
    this.client.stop();
    this.db.close();
    this.generation++;
    this.reloads++;
    this.db = createDb(this.dbName);
    this.client = this.makeClient(this.db);
    await prepareReplica(this.db, this.user.id);
  }

  /** A second window of the same profile, syncing at the same time as the first. */
  async secondWindow(work: (client: SyncClient) => Promise<void>): Promise<void> {
    const db = createDb(this.dbName);
    const client = new SyncClient({
      db,
      session: this.session,
      saveSession: () => undefined,
      fetch: this.net.fetchFor(this.name),
      createEventSource: null,
      events: null,
      pageLimit: 7,
      pushBatch: 4,
    });
    try {
      await work(client);
    } finally {
      client.stop();
      db.close();
    }
  }

  async outbox(): Promise<OutboxEntry[]> {
    return this.db.outbox.toArray();
  }

  /** The replica as the UI reads it. */
  async view(): Promise<ScopeView & { pendingRows: string[] }> {
    const view = emptyView();
    const pendingRows: string[] = [];
    const [appeals, replies, notes, histories, users, municipalities, templates, bodies] = await Promise.all([
      allAppeals(this.db),
      // Wherever the replica keeps a thread: the tables or the download's packs.
      storedReplies(this.db),
      storedNotes(this.db),
      storedHistories(this.db),
      this.db.users.toArray(),
      this.db.municipalities.toArray(),
      this.db.templates.toArray(),
      this.db.bodies.toArray(),
    ]);
    for (const a of appeals) view.appeals.set(a.id, a);
    for (const { pending, ...r } of replies) {
      if (pending) pendingRows.push(`reply ${r.id}`);
      view.replies.set(r.id, r);
    }
    for (const { pending, ...n } of notes) {
      if (pending) pendingRows.push(`note ${n.id}`);
      view.notes.set(n.id, n);
    }
    for (const h of histories) for (const e of h.events) view.events.set(e.id, e);
    for (const u of users) view.users.set(u.id, u);
    for (const m of municipalities) view.municipalities.set(m.id, m);
    for (const t of templates) view.templates.set(t.id, t);
    for (const b of bodies) view.bodies.set(b.id, b);
    return { ...view, pendingRows };
  }

  /** The server's view of this person's scope, with their current token (or a fresh login). */
  async serverView(): Promise<ScopeView> {
    try {
      return await this.server.view(this.session.accessToken);
    } catch {
      return this.server.view((await this.server.login(this.username)).accessToken);
    }
  }

  async dispose(): Promise<void> {
    this.client.stop();
    this.db.close();
    await createDb(this.dbName).delete();
  }
}
