import Dexie, { type ObservabilitySet } from 'dexie';
import { changedKeys } from '../../db/changed-keys';
import type { OtklikDb } from '../../db/schema';
import { undeliveredAppeals } from '../../clerk/deliveries';
import { appealsByIds, eachAppealChunk } from '../../db/row-packs';
import { toItem, type QueueItem } from './item';

export interface IndexSnapshot {
  /** Bumped on every change: a cheap key for memoising what is derived from the index. */
  version: number;
  /** false until the first full read of the replica finished. */
  loaded: boolean;
  /**
   * The appeals, by id. A change of a few appeals updates this map in place (copying 100,000
   * entries for each pulled change stalled the screen); `itemsVersion` says when it changed.
   */
  items: ReadonlyMap<string, QueueItem>;
  /** Bumped whenever `items` changed: memoise on this, not on the map. */
  itemsVersion: number;
  /** Appeals with a reply waiting for approval → the authors of those replies. */
  awaiting: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Before the first full read ends: the clerk whose open appeals are already all in `items`
   * (read first, through an index), so their own queue shows at once on a big replica.
   */
  mineOf: string | null;
  /** Replies waiting for approval, by id (notifications tell their authors when they leave this). */
  submitted: ReadonlyMap<string, { appealId: string; authorId: string }>;
  /** Appeals with a delivery that failed (and was not just retried here): the «Не доставлено» view. */
  undelivered: ReadonlySet<string>;
  /** Appeals where the citizen wrote again and the person has not yet read it (the queue row's marker). */
  citizenNew: ReadonlySet<string>;
}

const CHUNK = 5000;
/**
 * How far back `changesSince` can tell, in changes and in appeals kept from before them; older
 * callers derive everything again. The second bounds the memory of a catch-up of many big pages.
 */
const LOG_ENTRIES = 64;
const LOG_ITEMS = 20_000;

/** The appeals that changed, each with its item before the change (undefined: it was not there). */
export type ItemChanges = ReadonlyMap<string, QueueItem | undefined>;

/** What derived views of the items read: the items now, and what changed since a version. */
export interface ItemsSource {
  readonly items: ReadonlyMap<string, QueueItem>;
  readonly itemsVersion: number;
  /** What changed after `version`, or null when that cannot be told (too long ago, or too much at once). */
  changesSince(version: number): ItemChanges | null;
}

/** One change of the items: the appeals it touched with their items before, or null when too many to keep. */
interface LogEntry {
  version: number;
  before: Map<string, QueueItem | undefined> | null;
}

/**
 * An in-memory projection of the replica's appeals for the queue, kept current from Dexie's own
 * change notifications: a live change of a few appeals (a pull, an optimistic effect, another
 * window) re-reads just those rows; a bulk write (50 rows or more, which Dexie reports as the whole
 * table) re-reads everything, at most one read at a time, and logs what differs. IndexedDB counts
 * over 100,000 rows take seconds on an old PC; this takes milliseconds.
 */
export class ReplicaIndex implements ItemsSource {
  private map = new Map<string, QueueItem>();
  private itemsVersion_ = 0;
  private log: LogEntry[] = [];
  private awaiting = new Map<string, Set<string>>();
  private submitted = new Map<string, { appealId: string; authorId: string }>();
  private mineOf: string | null = null;
  private undelivered: ReadonlySet<string> = new Set();
  private citizenNew: ReadonlySet<string> = new Set();
  private userId: string | null = null;
  private snap: IndexSnapshot = {
    version: 0,
    loaded: false,
    items: this.map,
    itemsVersion: 0,
    awaiting: this.awaiting,
    submitted: this.submitted,
    mineOf: null,
    undelivered: this.undelivered,
    citizenNew: this.citizenNew,
  };
  private readonly listeners = new Set<() => void>();
  private fullRunning: Promise<void> | null = null;
  private fullAgain = false;
  private keysPending = new Set<string>();
  private keysTimer: ReturnType<typeof setTimeout> | null = null;
  private repliesTimer: ReturnType<typeof setTimeout> | null = null;
  private deliveriesTimer: ReturnType<typeof setTimeout> | null = null;
  private noticesTimer: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  private readonly afterFull = new Set<string>();
  private preloading: Promise<void> | null = null;

  constructor(readonly db: OtklikDb) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    Dexie.on('storagemutated', this.onMutated);
    // A turn later: a preload asked for in the same turn (the clerk's own queue) goes first.
    setTimeout(() => void this.reloadAll(), 0);
    void this.reloadAwaiting();
    void this.reloadUndelivered();
    void this.reloadCitizenNew();
  }

  stop(): void {
    this.started = false;
    Dexie.on.storagemutated.unsubscribe(this.onMutated);
    if (this.keysTimer) clearTimeout(this.keysTimer);
    if (this.repliesTimer) clearTimeout(this.repliesTimer);
    if (this.deliveriesTimer) clearTimeout(this.deliveriesTimer);
    if (this.noticesTimer) clearTimeout(this.noticesTimer);
  }

  /** Whose unread news the queue's markers show (the person logged in). */
  setUser(userId: string): void {
    if (this.userId === userId) return;
    this.userId = userId;
    if (this.started) void this.reloadCitizenNew();
  }

  get = (): IndexSnapshot => this.snap;

  /** The items now (a snapshot's map is this same map). */
  get items(): ReadonlyMap<string, QueueItem> {
    return this.map;
  }

  get itemsVersion(): number {
    return this.itemsVersion_;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Resolves once the first full read is done (tests, the benchmark). */
  async ready(): Promise<void> {
    while (!this.snap.loaded) await (this.fullRunning ?? new Promise((r) => setTimeout(r, 10)));
  }

  changesSince(version: number): ItemChanges | null {
    if (version === this.itemsVersion_) return new Map();
    const first = this.log.findIndex((e) => e.version > version);
    // The entry right after `version` must still be kept, and no full re-read may follow it.
    if (first < 0 || this.log[first]!.version !== version + 1) return null;
    const merged = new Map<string, QueueItem | undefined>();
    for (let i = first; i < this.log.length; i++) {
      const before = this.log[i]!.before;
      if (before === null) return null;
      // The earliest state of each appeal is the one the caller saw.
      for (const [id, item] of before) if (!merged.has(id)) merged.set(id, item);
    }
    return merged;
  }

  /** Records a change of the items (`before` null: all of them were replaced). */
  private changed(before: Map<string, QueueItem | undefined> | null): void {
    this.itemsVersion_++;
    this.log.push({ version: this.itemsVersion_, before: before && before.size <= LOG_ITEMS ? before : null });
    let kept = this.log.reduce((n, e) => n + (e.before?.size ?? 0), 0);
    while (this.log.length > 1 && (this.log.length > LOG_ENTRIES || kept > LOG_ITEMS)) kept -= this.log.shift()!.before?.size ?? 0;
  }

  private publish(loaded = this.snap.loaded): void {
    this.snap = {
      version: this.snap.version + 1,
      loaded,
      items: this.map,
      itemsVersion: this.itemsVersion_,
      awaiting: this.awaiting,
      submitted: this.submitted,
      mineOf: this.mineOf,
      undelivered: this.undelivered,
      citizenNew: this.citizenNew,
    };
    for (const listener of this.listeners) listener();
  }

  private readonly onMutated = (parts: ObservabilitySet): void => {
    if (!this.started) return;
    const prefix = `idb://${this.db.name}/`;
    // Packs are written by the first download (many rows each) and rewritten when an appeal
    // leaves the scope: read everything again, as after any bulk write.
    const appeals = parts[`${prefix}rowPacks/`] ? 'all' : changedKeys(parts[`${prefix}appeals/`]);
    if (appeals === 'all') void this.reloadAll();
    else if (appeals && appeals.length > 0) {
      for (const k of appeals) this.keysPending.add(k);
      this.keysTimer ??= setTimeout(() => void this.flushKeys(), 0);
    }
    if (parts[`${prefix}replies/`] && !this.repliesTimer) {
      this.repliesTimer = setTimeout(() => {
        this.repliesTimer = null;
        void this.reloadAwaiting();
      }, 50);
    }
    // A pulled delivery, or the clerk's own «Повторить» waiting in the outbox.
    if ((parts[`${prefix}deliveries/`] || parts[`${prefix}outbox/`]) && !this.deliveriesTimer) {
      this.deliveriesTimer = setTimeout(() => {
        this.deliveriesTimer = null;
        void this.reloadUndelivered();
      }, 50);
    }
    if (parts[`${prefix}notifications/`] && !this.noticesTimer) {
      this.noticesTimer = setTimeout(() => {
        this.noticesTimer = null;
        void this.reloadCitizenNew();
      }, 50);
    }
  };

  private async reloadUndelivered(): Promise<void> {
    const next = await undeliveredAppeals(this.db);
    if (sameSet(this.undelivered, next)) return;
    this.undelivered = next;
    this.publish();
  }

  private async reloadCitizenNew(): Promise<void> {
    const userId = this.userId;
    const rows = userId === null ? [] : await this.db.notifications.where('userId').equals(userId).filter((n) => n.kind === 'citizen' && !n.read).toArray();
    const next = new Set(rows.map((n) => n.appealId));
    if (sameSet(this.citizenNew, next)) return;
    this.citizenNew = next;
    this.publish();
  }

  private async flushKeys(): Promise<void> {
    if (this.keysTimer) clearTimeout(this.keysTimer);
    this.keysTimer = null;
    const keys = [...this.keysPending];
    this.keysPending.clear();
    if (keys.length === 0) return;
    if (this.fullRunning) {
      // The full read may have passed these rows already: read them again after it.
      for (const k of keys) this.afterFull.add(k);
      return;
    }
    const rows = await appealsByIds(this.db, keys);
    // A full read started meanwhile will see these rows itself.
    const before = new Map<string, QueueItem | undefined>();
    keys.forEach((k, i) => {
      const row = rows[i];
      before.set(k, this.map.get(k));
      if (row) this.map.set(k, toItem(row));
      else this.map.delete(k);
    });
    this.changed(before);
    this.publish();
  }

  /**
   * Reads this clerk's open appeals first (one index range, milliseconds even on a big replica)
   * so their queue shows while the rest is still being read.
   */
  preload(userId: string, statuses: readonly string[]): Promise<void> {
    this.preloading ??= this.readMine(userId, statuses);
    return this.preloading;
  }

  private async readMine(userId: string, statuses: readonly string[]): Promise<void> {
    if (this.snap.loaded) return;
    const rows = await this.db.appeals
      .where('[assigneeId+status]')
      .anyOf(statuses.map((s) => [userId, s]))
      .toArray();
    if (this.snap.loaded) return;
    for (const row of rows) this.map.set(row.id, toItem(row));
    this.changed(null);
    this.mineOf = userId;
    this.publish(false);
  }

  /** Re-reads every appeal, in chunks so the page stays responsive; one run at a time. */
  reloadAll(): Promise<void> {
    if (this.fullRunning) {
      this.fullAgain = true;
      return this.fullRunning;
    }
    this.fullRunning = (async () => {
      await this.preloading?.catch(() => undefined);
      do {
        this.fullAgain = false;
        const next = new Map<string, QueueItem>();
        await eachAppealChunk(this.db, CHUNK, (chunk) => {
          for (const row of chunk) next.set(row.id, toItem(row));
        });
        // Dexie reports a put of 50 rows or more as the whole table changed, so a pulled page
        // lands here too: what it changed is told apart, for the views and the notifications.
        const before = diffInto(this.map, next);
        this.map = next;
        this.changed(before);
        this.publish(true);
      } while (this.fullAgain && this.started);
    })().finally(() => {
      this.fullRunning = null;
      if (this.afterFull.size > 0) {
        for (const k of this.afterFull) this.keysPending.add(k);
        this.afterFull.clear();
        void this.flushKeys();
      }
    });
    return this.fullRunning;
  }

  private async reloadAwaiting(): Promise<void> {
    const submitted = await this.db.replies.where('state').equals('submitted').toArray();
    const next = new Map<string, Set<string>>();
    const byId = new Map<string, { appealId: string; authorId: string }>();
    for (const r of submitted) {
      // A reply still in the outbox is not yet waiting for anybody.
      if (r.pending) continue;
      byId.set(r.id, { appealId: r.appealId, authorId: r.authorId });
      const authors = next.get(r.appealId) ?? new Set<string>();
      authors.add(r.authorId);
      next.set(r.appealId, authors);
    }
    // Every pulled reply lands here; when none entered or left approval there is nothing to tell.
    if (sameSubmitted(this.submitted, byId)) return;
    this.awaiting = next;
    this.submitted = byId;
    this.publish();
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of b) if (!a.has(x)) return false;
  return true;
}

function sameSubmitted(a: ReadonlyMap<string, { appealId: string; authorId: string }>, b: ReadonlyMap<string, { appealId: string; authorId: string }>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, r] of b) {
    const was = a.get(id);
    if (!was || was.appealId !== r.appealId || was.authorId !== r.authorId) return false;
  }
  return true;
}

/**
 * The appeals that differ between two reads of the replica, each with its item in the first.
 * An item that did not change keeps its object in `next`, so what is memoised on it holds.
 */
function diffInto(previous: ReadonlyMap<string, QueueItem>, next: Map<string, QueueItem>): Map<string, QueueItem | undefined> {
  const before = new Map<string, QueueItem | undefined>();
  for (const [id, item] of next) {
    const was = previous.get(id);
    if (was && sameItem(was, item)) next.set(id, was);
    else before.set(id, was);
  }
  for (const [id, was] of previous) if (!next.has(id)) before.set(id, was);
  return before;
}

function sameItem(a: QueueItem, b: QueueItem): boolean {
  for (const key in a) if (a[key as keyof QueueItem] !== b[key as keyof QueueItem]) return false;
  return true;
}
