import Dexie, { type ObservabilitySet } from 'dexie';
import type { Appeal } from '../../shared/domain';
import { factsOf, type AppealFacts } from '../../shared/facts';
import { META } from '../db/meta';
import type { OtklikDb } from '../db/schema';
import { touchedKeys } from './mutations';
import { allAppeals, appealRecordCount, appealsByIds } from '../db/row-packs';
import { decodeFacts, encodeFacts, openSnapshotDb, sameFingerprint, type Fingerprint } from './snapshot';

/**
 * The facts of every appeal in the replica, in memory, for supervisors' screens. They are read
 * from the replica once (or from the snapshot of the last session when it still matches), then
 * kept current from Dexie's notices of committed writes: a poke that pulls three appeals re-reads
 * those three, not 100,000. Figures are computed from exactly what the replica holds, pending
 * local changes included.
 */

export interface FactsView {
  facts: readonly AppealFacts[];
  /** Increases with every change, so screens know when to compute again. */
  revision: number;
}

type Listener = (view: FactsView) => void;

const PERSIST_DELAY_MS = 2000;
const REBUILD_DELAY_MS = 500;
/** With nobody looking, a bulk write is read again only once the writes have stopped this long. */
const QUIET_REBUILD_DELAY_MS = 10_000;

export class FactsStore {
  private facts: AppealFacts[] | null = null;
  private index = new Map<string, number>();
  private revision = 0;
  private dirty = new Set<string>();
  private dirtyAll = false;
  private running: Promise<FactsView> | null = null;
  private readonly listeners = new Set<Listener>();
  private persistTimer: ReturnType<typeof setTimeout> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private quietTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly snapshots;
  private stopped = false;

  constructor(
    private readonly db: OtklikDb,
    private readonly ownerId: string,
    snapshotDbName?: string,
  ) {
    this.snapshots = openSnapshotDb(snapshotDbName);
    // Subscribed before anything is read, so no write after the first read goes unnoticed.
    Dexie.on('storagemutated', this.onMutated);
  }

  stop(): void {
    this.stopped = true;
    Dexie.on('storagemutated').unsubscribe(this.onMutated);
    if (this.persistTimer) clearTimeout(this.persistTimer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.listeners.clear();
    this.snapshots.close();
  }

  /** The current facts; reads the replica first when needed. */
  get(): Promise<FactsView> {
    if (this.facts !== null && !this.dirtyAll && this.dirty.size === 0) return Promise.resolve(this.view());
    this.running ??= this.refresh().finally(() => (this.running = null));
    return this.running;
  }

  /** Called with the facts after every change, while subscribed. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private view(): FactsView {
    return { facts: this.facts ?? [], revision: this.revision };
  }

  private readonly onMutated = (parts: ObservabilitySet) => {
    // A pack of rows (db/row-packs.ts) is a bulk write: everything is read again.
    const touched = touchedKeys(parts, this.db.name, 'rowPacks') ? { all: true, ids: [] } : touchedKeys(parts, this.db.name, 'appeals');
    if (!touched) return;
    if (touched.all) this.dirtyAll = true;
    else for (const id of touched.ids) this.dirty.add(id);
    if (this.facts === null || this.stopped) return;
    // Someone is looking, or a few appeals changed: up to date soon. A bulk write (a bootstrap
    // page, a long night's pull) nobody looks at: once the writes are over, so the snapshot the
    // next session starts from is current.
    if (this.listeners.size > 0 || !touched.all) this.scheduleRefresh(touched.all ? REBUILD_DELAY_MS : 50);
    else this.scheduleQuietRebuild();
  };

  private scheduleQuietRebuild(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => {
      this.quietTimer = null;
      void this.get().catch(() => undefined);
    }, QUIET_REBUILD_DELAY_MS);
  }

  private scheduleRefresh(delay: number): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.get().catch(() => undefined);
    }, delay);
  }

  private async refresh(): Promise<FactsView> {
    if (this.facts === null) await this.load();
    // Writes noticed while reading are read again: until nothing is left to read.
    for (let round = 0; round < 10 && (this.dirtyAll || this.dirty.size > 0); round++) {
      if (this.dirtyAll) await this.rebuild();
      else await this.patch();
    }
    this.revision++;
    const view = this.view();
    for (const listener of this.listeners) listener(view);
    this.schedulePersist();
    return view;
  }

  private async fingerprint(): Promise<Fingerprint> {
    const db = this.db;
    const [cursor, appeals, outboxPending, last] = await Promise.all([
      db.meta.get(META.cursor),
      appealRecordCount(db),
      db.outbox.where('state').equals('pending').count(),
      db.outbox.orderBy(':id').last(),
    ]);
    return { ownerId: this.ownerId, cursor: Number(cursor?.value ?? 0), appeals, outboxPending, outboxLastSeq: last?.seq ?? 0 };
  }

  /** The last session's snapshot when the replica has not changed since; otherwise the replica. */
  private async load(): Promise<void> {
    this.dirtyAll = false;
    this.dirty.clear();
    const [stored, current] = await Promise.all([
      this.snapshots.snapshots.get(this.ownerId).catch(() => undefined),
      this.db.transaction('r', [this.db.meta, this.db.appeals, this.db.rowPacks, this.db.outbox], async () => await this.fingerprint()),
    ]);
    if (stored && sameFingerprint(stored.fingerprint, current)) {
      this.set(decodeFacts(stored));
      return;
    }
    await this.rebuild(stored ? decodeFacts(stored) : []);
  }

  private async rebuild(known: readonly AppealFacts[] = this.facts ?? []): Promise<void> {
    this.dirtyAll = false;
    this.dirty.clear();
    const appeals = await this.db.transaction('r', [this.db.appeals, this.db.rowPacks], async () => await allAppeals(this.db));
    // An appeal's text never changes: its topics are kept rather than found again.
    const topics = new Map(known.map((f) => [f.id, f.topics]));
    this.set(appeals.map((a) => factsOf(a, topics.get(a.id))));
  }

  private async patch(): Promise<void> {
    const ids = [...this.dirty];
    this.dirty.clear();
    const rows = await appealsByIds(this.db, ids);
    const facts = this.facts!;
    let removed = false;
    rows.forEach((row: Appeal | undefined, i) => {
      const id = ids[i]!;
      const at = this.index.get(id);
      if (row === undefined) {
        if (at !== undefined) {
          facts[at] = facts[facts.length - 1]!;
          facts.pop();
          removed = true;
          this.index.delete(id);
          if (at < facts.length) this.index.set(facts[at]!.id, at);
        }
        return;
      }
      const next = factsOf(row, at === undefined ? undefined : facts[at]!.topics);
      if (at === undefined) {
        this.index.set(id, facts.length);
        facts.push(next);
      } else {
        facts[at] = next;
      }
    });
    if (removed) this.facts = facts;
  }

  private set(facts: AppealFacts[]): void {
    this.facts = facts;
    this.index = new Map(facts.map((f, i) => [f.id, i]));
  }

  private schedulePersist(): void {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      this.persistTimer = null;
      void this.persist().catch(() => undefined);
    }, PERSIST_DELAY_MS);
  }

  /** Saved only when nothing is waiting to be read, with the fingerprint of what was read. */
  async persist(): Promise<boolean> {
    if (this.facts === null || this.dirtyAll || this.dirty.size > 0 || this.stopped) return false;
    const fingerprint = await this.db.transaction('r', [this.db.meta, this.db.appeals, this.db.rowPacks, this.db.outbox], async () => await this.fingerprint());
    if (this.dirtyAll || this.dirty.size > 0) return false;
    await this.snapshots.snapshots.put(encodeFacts(this.ownerId, fingerprint, this.facts));
    return true;
  }
}
