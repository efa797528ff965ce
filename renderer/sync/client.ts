import { liveQuery, type Subscription } from 'dexie';
import type { StoredSession } from '../../shared/bridge';
import type { AppealStatus } from '../../shared/domain';
import type { Mutation } from '../../shared/protocol';
import { META, getCursor, getClientId, getMeta, setMeta } from '../db/meta';
import { REPLICA_TABLES, threadTables, type OtklikDb, type OutboxEntry } from '../db/schema';
import { isQuotaError, storageHealth, type StorageHealth } from '../db/health';
import { isReplicaLost, localStorageMarker, type MarkerStore } from '../db/replica-marker';
import { createApi, NetworkError, ProtocolError, ApiError, type Api, type FetchLike } from './api';
import { AuthSession, SessionExpiredError } from './auth';
import { applyCarried, type CarriedPoke } from './carried';
import { LiveChannel, backoffDelay, type EventSourceFactory } from './live';
import { dismissRejected, enqueue, type EnqueueOptions } from './outbox';
import { pullAll, BOOTSTRAP_PAGE_LIMIT } from './pull';
import { fillGaps, getSnapshotState, isForeground, progressOf, putThreads, runForeground, runPhases, SNAPSHOT_META, type FetchSnapshot, type FetchThread } from './snapshot';
import { pushOutbox, PUSH_BATCH } from './push';
import { StatusStore, type SyncStatus } from './status';
import * as actions from './actions';
import { isAuditMutation } from '../../shared/audit';

export interface SyncClientOptions {
  db: OtklikDb;
  session: StoredSession;
  /** Keeps refreshed tokens (through the bridge). */
  saveSession(session: StoredSession): Promise<void> | void;
  /** The saved session, when other pages (browser tabs) share it and may have rotated its tokens. */
  loadSavedSession?(): Promise<StoredSession | null>;
  onSessionExpired?(): void;
  fetch?: FetchLike;
  api?: Api;
  /** null: no live channel (tests, or a browser without EventSource): poll on the timer. */
  createEventSource?: EventSourceFactory | null;
  /** Where 'online' / 'offline' are heard; null in tests. */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  pageLimit?: number;
  pushBatch?: number;
  /** Polling when the live channel is down. */
  fallbackIntervalMs?: number;
  /** A safety-net pull while the live channel is up. */
  safetyIntervalMs?: number;
  /** After a local change, wait this long for more before pushing. */
  enqueueDebounceMs?: number;
  random?: () => number;
  /** Read-only switch on a full disk; the window's own store by default. */
  health?: StorageHealth;
  /** The note that this database held a replica; localStorage by default, null for none. */
  replicaMarker?: MarkerStore | null;
}

export { isQuotaError };

/**
 * The workstation's sync client: pushes the outbox in order, pulls the change log into the
 * replica, listens to the live channel, and publishes a status for the status bar. Plain
 * TypeScript; the UI talks to it and reads the replica through live queries.
 */
export class SyncClient {
  readonly status = new StatusStore();
  readonly db: OtklikDb;
  readonly api: Api;
  readonly auth: AuthSession;
  private readonly live: LiveChannel | null;
  private running: Promise<void> | null = null;
  private again = false;
  /** The next run pulls (anything but a carried poke asks for that). */
  private pullWanted = false;
  /** Pokes that carried their changes, waiting for the running sync to write them. */
  private carried: CarriedPoke[] = [];
  private started = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private countsSub: Subscription | null = null;
  private clientId: Promise<string> | null = null;
  readonly health: StorageHealth;
  private readonly marker: MarkerStore | null;
  private backfill: Promise<void> | null = null;
  /** stop() was called: the background download ends after its page. */
  private stopped = false;
  /** The server has no snapshot endpoint (an older one): an empty replica replays the log. */
  private noSnapshot = false;

  constructor(private readonly options: SyncClientOptions) {
    this.db = options.db;
    this.health = options.health ?? storageHealth;
    this.marker = options.replicaMarker === undefined ? localStorageMarker(options.db.name) : options.replicaMarker;
    this.api = options.api ?? createApi(options.session.serverUrl, options.fetch);
    this.auth = new AuthSession(this.api, options.session, {
      onRefreshed: (session) => options.saveSession(session),
      loadSaved: options.loadSavedSession,
      onExpired: (reason) => {
        this.status.set({ sessionExpired: true, connection: 'offline', error: reason });
        this.live?.stop();
        options.onSessionExpired?.();
      },
    });
    const factory = options.createEventSource;
    this.live = factory
      ? new LiveChannel({
          url: () => this.auth.call((token) => this.api.liveUrl(token)),
          createEventSource: factory,
          onSeq: (seq) => {
            if (seq > this.status.get().cursor) void this.sync();
          },
          onCarried: (poke) => {
            if (poke.seq <= this.status.get().cursor) return;
            this.carried.push(poke);
            void this.run();
          },
          onUp: () => {
            this.status.set({ live: true });
            this.schedule();
          },
          onDown: () => {
            this.status.set({ live: false });
            this.schedule();
          },
          beforeReconnect: () => this.sync(),
          random: options.random,
        })
      : null;
  }

  get user() {
    return this.auth.session.user;
  }

  /** Prepares the replica for this user, starts listening and runs the first sync. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    try {
      if (await isReplicaLost(this.db, this.marker?.get() ?? null)) {
        // Not refilled silently: the person reads what happened and asks for the download.
        this.status.set({ replicaLost: true, connection: 'offline' });
        return;
      }
    } catch {
      // The check itself failed to read: carry on as before it existed.
    }
    await this.begin();
  }

  /** After the person read that the local database was found empty: download everything again. */
  async confirmRedownload(): Promise<void> {
    if (!this.status.get().replicaLost) return;
    this.marker?.clear();
    this.status.set({ replicaLost: false });
    if (this.started) await this.begin();
  }

  private async begin(): Promise<void> {
    try {
      await prepareReplica(this.db, this.user.id);
      this.status.set({
        cursor: await getCursor(this.db),
        lastSyncAt: (await getMeta<string>(this.db, META.lastSyncAt)) ?? null,
        download: progressOf(await getSnapshotState(this.db)),
      });
    } catch (error) {
      // IndexedDB refused (a full disk, a broken profile): say so; the sync below will retry.
      this.health.report(error);
      this.status.set({ connection: 'error', error: isQuotaError(error) ? 'storage_full' : 'internal_error' });
    }
    this.countsSub = liveQuery(() => outboxCounts(this.db, this.user.id)).subscribe({
      next: (counts) => this.status.set(counts),
      error: () => undefined,
    });
    this.options.events?.addEventListener('online', this.onOnline);
    this.options.events?.addEventListener('offline', this.onOffline);
    this.live?.start();
    void this.sync();
  }

  stop(): void {
    this.started = false;
    this.stopped = true;
    this.live?.stop();
    this.countsSub?.unsubscribe();
    this.countsSub = null;
    if (this.timer) clearTimeout(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    this.timer = this.debounce = null;
    this.options.events?.removeEventListener('online', this.onOnline);
    this.options.events?.removeEventListener('offline', this.onOffline);
  }

  /** The person logged in again after the session ran out. */
  async resumeSession(session: StoredSession): Promise<void> {
    this.auth.replace(session);
    await this.options.saveSession(session);
    this.status.set({ sessionExpired: false, error: null });
    if (this.started) {
      this.live?.start();
      void this.sync();
    }
  }

  /** Push, then pull until the end of the log. Concurrent calls share one run plus one follow-up. */
  sync(): Promise<void> {
    this.pullWanted = true;
    return this.run();
  }

  /**
   * One run at a time: whatever asks meanwhile (pokes, timers, local changes) is served by one
   * more run after it, not one each. A run pushes, writes the carried pokes, and pulls if asked.
   */
  private run(): Promise<void> {
    if (this.status.get().replicaLost) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.runOnce();
      } while (this.again && !this.auth.isExpired);
    })().finally(() => {
      this.running = null;
      this.schedule();
    });
    return this.running;
  }

  /** A sync soon, gathering several quick local changes into one push. */
  requestSync(delayMs = this.options.enqueueDebounceMs ?? 150): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.sync();
    }, delayMs);
  }

  async enqueue(mutation: Mutation, options?: EnqueueOptions): Promise<OutboxEntry> {
    // On a full disk nothing new is accepted: the person keeps the text on screen, not half a change.
    this.health.assertWritable();
    let entry: OutboxEntry;
    try {
      entry = await enqueue(this.db, this.user, mutation, options);
    } catch (error) {
      this.health.report(error);
      throw error;
    }
    await this.refreshCounts();
    if (this.started) this.requestSync();
    return entry;
  }

  submitReply(appealId: string, body: string) {
    return this.enqueue(actions.replyMutation(appealId, body), { clearDraft: true });
  }

  async setStatus(appealId: string, to: AppealStatus) {
    return this.enqueue(await actions.statusMutation(this.db, appealId, to));
  }

  async assign(appealId: string, assigneeId: string) {
    return this.enqueue(await actions.assignMutation(this.db, appealId, assigneeId));
  }

  /**
   * An appeal whose thread the first download has not brought yet, read on its own (the person
   * opened it). Resolves to false when it could not be had (offline, or no longer in scope).
   */
  async fetchThread(appealId: string): Promise<boolean> {
    try {
      const answer = await this.auth.call((token) => this.api.thread(token, appealId));
      await this.db.transaction('rw', [this.db.appeals, this.db.rowPacks, ...threadTables(this.db)], async () => void (await putThreads(this.db, [answer.thread], true)));
      return true;
    } catch {
      return false;
    }
  }

  addNote(appealId: string, body: string) {
    return this.enqueue(actions.noteMutation(appealId, body));
  }

  async dismiss(seq: number): Promise<void> {
    await dismissRejected(this.db, seq);
    await this.refreshCounts();
  }

  async refreshCounts(): Promise<void> {
    this.status.set(await outboxCounts(this.db, this.user.id));
  }

  private async runOnce(): Promise<void> {
    if (this.auth.isExpired) return;
    const cursorAtStart = this.status.get().cursor;
    this.status.set({ connection: 'syncing', bootstrapping: cursorAtStart === 0 });
    try {
      // Read-only after a full disk: a small test write tells whether there is room again.
      if (this.health.get().readOnly) await this.health.probe(this.db);
      this.clientId ??= getClientId(this.db);
      const clientId = await this.clientId;
      await pushOutbox(
        this.db,
        this.user.id,
        (mutations) => this.auth.call((token) => this.api.push(token, clientId, mutations)),
        this.options.pushBatch ?? PUSH_BATCH,
      );
      // Still full: the outbox went out (what matters most); pulling would only fail to write.
      if (this.health.get().readOnly) throw new DOMException('Local storage is full', 'QuotaExceededError');
      // An empty replica's rows come first, in phases; the log then continues from their head.
      const downloaded = await this.firstDownload();
      let cursor = this.status.get().cursor;
      let pull = this.pullWanted || downloaded;
      this.pullWanted = false;
      const carried = this.carried.splice(0);
      if (carried.length > 0) {
        const written = await applyCarried(this.db, carried);
        cursor = written.cursor;
        this.status.set({ cursor });
        pull ||= written.needPull;
      }
      if (pull) {
        const pulled = await pullAll(this.db, (from, limit) => this.auth.call((token) => this.api.pull(token, from, limit)), {
          limit: this.options.pageLimit ?? BOOTSTRAP_PAGE_LIMIT,
          onPage: (p) => this.status.set({ cursor: p.cursor }),
        });
        cursor = pulled.cursor;
      }
      const now = new Date().toISOString();
      await setMeta(this.db, META.lastSyncAt, now);
      if (cursor > 0) this.marker?.set({ ownerId: this.user.id, cursor, at: now });
      this.failures = 0;
      this.status.set({ connection: 'online', error: null, lastSyncAt: now, bootstrapping: false });
      this.startBackfill();
    } catch (error) {
      // What was asked for is still to do: the retry pulls (which also brings what carried pokes held).
      this.pullWanted = true;
      this.failures++;
      this.health.report(error);
      this.status.set({ ...describeFailure(error), bootstrapping: false });
    } finally {
      await this.refreshCounts().catch(() => undefined);
    }
  }

  private readonly fetchSnapshot: FetchSnapshot = (phase, after, limit) => this.auth.call((token) => this.api.snapshot(token, phase, after, limit));

  private readonly fetchGap: FetchThread = async (appealId) => {
    try {
      return (await this.auth.call((token) => this.api.thread(token, appealId))).thread;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return 'gone';
      throw error;
    }
  };

  /**
   * An empty replica is filled in phases (sync/snapshot.ts) up to every appeal's row; the pull
   * then continues from the log's head read before the first page. A replica the log filled (it
   * has a cursor and no snapshot state) has nothing to do here. True when a pull must follow.
   */
  private async firstDownload(): Promise<boolean> {
    if (this.noSnapshot) return false;
    const state = await getSnapshotState(this.db);
    if (state ? !isForeground(state) : (await getCursor(this.db)) > 0) return false;
    try {
      const done = await runForeground(this.db, this.fetchSnapshot, (s) => this.status.set({ download: progressOf(s) }));
      this.status.set({ cursor: done.head });
      return true;
    } catch (error) {
      if (!state && error instanceof ApiError && error.status === 404) {
        this.noSnapshot = true;
        return true;
      }
      throw error;
    }
  }

  /**
   * The closed appeals' threads, a page at a time beside the normal sync (their writes merge with
   * what a pull brought meanwhile). A failure stops it until the next good sync starts it again.
   */
  private startBackfill(): void {
    if (this.backfill || this.stopped) return;
    this.backfill = (async () => {
      const state = await getSnapshotState(this.db);
      if (!state || (state.phase !== 'threads' && state.phase !== 'gaps')) return;
      const halted = () => this.stopped || this.auth.isExpired;
      const reached = await runPhases(this.db, this.fetchSnapshot, halted, (s) => this.status.set({ download: progressOf(s) }));
      if (reached?.phase === 'gaps' && (await fillGaps(this.db, this.fetchGap, halted))) this.status.set({ download: null });
    })()
      .catch(() => undefined)
      .finally(() => {
        this.backfill = null;
      });
  }

  /** Resolves when the background download has stopped (finished, failed, or the client stopped). */
  backfillIdle(): Promise<void> {
    return this.backfill ?? Promise.resolve();
  }

  /** The next sync by timer: soon after a failure, rarely while the live channel pokes us. */
  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.started || this.auth.isExpired) return;
    const fallback = this.options.fallbackIntervalMs ?? 30_000;
    const delay =
      this.failures > 0
        ? backoffDelay(this.failures - 1, 1000, fallback, this.options.random ?? Math.random)
        : this.live?.connected
          ? (this.options.safetyIntervalMs ?? 300_000)
          : fallback;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sync();
    }, delay);
  }

  private readonly onOnline = () => {
    this.failures = 0;
    this.live?.kick();
    void this.sync();
  };

  private readonly onOffline = () => {
    if (!this.running) this.status.set({ connection: 'offline', error: 'network' });
  };
}

function describeFailure(error: unknown): Pick<SyncStatus, 'connection' | 'error'> {
  if (error instanceof SessionExpiredError) return { connection: 'offline', error: error.reason };
  if (error instanceof NetworkError) return { connection: 'offline', error: 'network' };
  if (error instanceof ApiError) return { connection: 'error', error: error.code === 'http_error' ? 'internal_error' : error.code };
  if (error instanceof ProtocolError) return { connection: 'error', error: 'protocol' };
  if (isQuotaError(error)) return { connection: 'error', error: 'storage_full' };
  return { connection: 'error', error: 'internal_error' };
}

export async function outboxCounts(db: OtklikDb, userId: string): Promise<Pick<SyncStatus, 'pending' | 'rejected'>> {
  const all = await db.outbox.toArray();
  let pending = 0;
  let rejected = 0;
  for (const e of all) {
    // The audit log's records change nothing the person sees: not counted as their unsent work.
    if (e.userId !== userId || isAuditMutation(e.name)) continue;
    if (e.state === 'pending') pending++;
    else rejected++;
  }
  return { pending, rejected };
}

/**
 * The replica holds one person's scope. When someone else logs in on this PC it is rebuilt from
 * scratch; the outbox and drafts are kept (each entry knows its author and is pushed only by them).
 */
export async function prepareReplica(db: OtklikDb, userId: string): Promise<void> {
  const tables = [...REPLICA_TABLES.map((t) => db.table(t)), db.meta];
  await db.transaction('rw', tables, async () => {
    const owner = await getMeta<string>(db, META.ownerId);
    if (owner === userId) return;
    if (owner !== undefined) {
      for (const table of REPLICA_TABLES) await db.table(table).clear();
      await db.meta.bulkDelete([META.cursor, META.lastSyncAt, SNAPSHOT_META, META.leftScope]);
    }
    await setMeta(db, META.ownerId, userId);
  });
}
