import Dexie, { type ObservabilitySet, type Table } from 'dexie';
import { changedKeys } from '../db/changed-keys';
import type { OtklikDb } from '../db/schema';
import { eachPackedThread } from '../db/thread-packs';
import { StemIndex } from './stem-index';
import { appealsByIds, eachPackedRowChunk } from '../db/row-packs';
import { queryStems, replySearchTokens, searchTokens } from './tokens';
import { ChangeCount } from './protocol';

/** Rows read per IndexedDB request while building; the page gets a turn between chunks. */
const CHUNK = 500;
/** The longest stretch of stemming between two turns of the page while building. */
const SLICE_MS = 5;
/** A write of more rows than this (a pull page) is indexed by the next full build, not row by row. */
const MAX_INCREMENTAL = 500;
/** After a bulk write, the index is rebuilt once writes have been quiet this long (a bootstrap is many pages). */
const REBUILD_AFTER_MS = 1000;

/** Reads a table in primary-key order, CHUNK rows after the key given. */
function chunkReader<T extends { id: string }>(table: Table<T, string, unknown>): (after: string | null) => Promise<T[]> {
  return (after) => (after === null ? table.limit(CHUNK) : table.where(':id').above(after).limit(CHUNK)).toArray();
}

/** What a storagemutated event changed of the tables search reads. */
export function searchedKeys(dbName: string, parts: ObservabilitySet): { appeals: string[] | 'all' | null; replies: string[] | 'all' | null } {
  const prefix = `idb://${dbName}/`;
  // A pack holds the rows or replies of many appeals (db/row-packs.ts, db/thread-packs.ts): read
  // again like a bulk write.
  return {
    appeals: parts[`${prefix}rowPacks/`] ? 'all' : changedKeys(parts[`${prefix}appeals/`]),
    replies: parts[`${prefix}threadPacks/`] ? 'all' : changedKeys(parts[`${prefix}replies/`]),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Finds appeals by words of their text, author, place or replies. Each query word is stemmed and
 * matched as a prefix of the stored stems (a half-typed word already finds something); every word
 * must match, in the appeal itself or in one of its replies.
 *
 * The stems live in memory, built from the replica on first use and kept current from Dexie's
 * change notifications: stemming every record and writing a multi-entry index inside the pull
 * made a bootstrap several times slower. Until the first build ends, a search waits for it.
 */
export class AppealSearch {
  private index: StemIndex | null = null;
  private building: Promise<StemIndex> | null = null;
  /** A bulk write arrived while building: this build is stale; start again once writes calm down. */
  private buildAgain = false;
  private lastBulkAt = 0;
  /** Keys written while building (the build may have read them before the write). */
  private readonly afterBuild = { appeals: new Set<string>(), replies: new Set<string>() };
  private updating: Promise<void> = Promise.resolve();
  private rebuildTimer: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  private readonly counted = new ChangeCount();
  readonly changes = this.counted.changes;
  readonly subscribe = this.counted.subscribe;

  /**
   * With `listen: false` the index learns of writes only through `changed()`: a worker is told by
   * the window, in order with the searches it is asked (Dexie's own relay between contexts is
   * a separate channel, which may deliver a write after the search that should have found it).
   * With `slice: false` the build runs without giving turns: in a worker nothing waits for them,
   * and each turn (a timer) would cost at least 4 ms of idling.
   */
  constructor(
    readonly db: OtklikDb,
    private readonly options: { listen: boolean; slice: boolean } = { listen: true, slice: true },
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    if (this.options.listen) Dexie.on('storagemutated', this.onMutated);
  }

  stop(): void {
    this.started = false;
    if (this.options.listen) Dexie.on.storagemutated.unsubscribe(this.onMutated);
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    this.rebuildTimer = null;
  }

  /** Builds the index ahead of the first search (idle time after start-up). */
  warm(): Promise<void> {
    return this.ensureIndex().then(() => undefined);
  }

  private readonly onMutated = (parts: ObservabilitySet): void => {
    const { appeals, replies } = searchedKeys(this.db.name, parts);
    this.changed(appeals, replies);
  };

  /** Committed writes to appeals and replies: primary keys, or 'all' for a bulk write. */
  changed(appeals: string[] | 'all' | null, replies: string[] | 'all' | null): void {
    if (!appeals && !replies) return;
    this.apply(appeals, replies);
    this.counted.bump();
  }

  private apply(appeals: string[] | 'all' | null, replies: string[] | 'all' | null): void {
    // Nothing built yet: the first build reads the replica as it is then.
    if (!this.index && !this.building) return;
    const bulk = appeals === 'all' || replies === 'all' || (appeals?.length ?? 0) + (replies?.length ?? 0) > MAX_INCREMENTAL;
    if (bulk) {
      this.invalidate();
      return;
    }
    if (this.building) {
      for (const k of appeals ?? []) this.afterBuild.appeals.add(k);
      for (const k of replies ?? []) this.afterBuild.replies.add(k);
      return;
    }
    const index = this.index!;
    this.updating = this.updating.then(() => this.reread(index, appeals ?? [], replies ?? [])).catch(() => this.invalidate());
  }

  /** The index no longer matches the replica: rebuilt when writes calm down, or by the next search. */
  private invalidate(): void {
    this.lastBulkAt = Date.now();
    if (this.building) {
      this.buildAgain = true;
      return;
    }
    this.index = null;
    if (!this.started) return;
    if (this.rebuildTimer) clearTimeout(this.rebuildTimer);
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = null;
      if (this.started) void this.ensureIndex().catch(() => undefined);
    }, REBUILD_AFTER_MS);
  }

  private async reread(index: StemIndex, appealIds: string[], replyIds: string[]): Promise<void> {
    const [appeals, replies] = await Promise.all([
      appealIds.length ? appealsByIds(this.db, appealIds) : [],
      replyIds.length ? this.db.replies.bulkGet(replyIds) : [],
    ]);
    appeals.forEach((row, i) => {
      if (row) index.set(`a:${row.id}`, row.id, searchTokens(row));
      else index.remove(`a:${appealIds[i]!}`);
    });
    replies.forEach((row, i) => {
      if (row) index.set(`r:${row.id}`, row.appealId, replySearchTokens(row));
      else index.remove(`r:${replyIds[i]!}`);
    });
  }

  private ensureIndex(): Promise<StemIndex> {
    if (this.index) return this.updating.then(() => this.index ?? this.ensureIndex());
    this.building ??= this.build().finally(() => {
      this.building = null;
    });
    return this.building;
  }

  private async build(): Promise<StemIndex> {
    let index = new StemIndex();
    for (let attempt = 0; ; attempt++) {
      // A restart waits for a pull of many pages (a bootstrap) to finish rather than chase it.
      const quiet = this.lastBulkAt + REBUILD_AFTER_MS - Date.now();
      if (attempt > 0 && quiet > 0) {
        await sleep(quiet);
        continue;
      }
      this.buildAgain = false;
      this.afterBuild.appeals.clear();
      this.afterBuild.replies.clear();
      const next = (index = new StemIndex());
      // Packed rows first: a row the table has too is newer there, and set over them below.
      const rowsPacked = await eachPackedRowChunk(
        this.db,
        5,
        (rows) => {
          for (const row of rows) next.set(`a:${row.id}`, row.id, searchTokens(row));
        },
        () => this.keepBuilding(),
      );
      if (!rowsPacked) continue;
      if (!(await this.readAll(chunkReader(this.db.appeals), (row) => next.set(`a:${row.id}`, row.id, searchTokens(row))))) continue;
      if (!(await this.readAll(chunkReader(this.db.replies), (row) => next.set(`r:${row.id}`, row.appealId, replySearchTokens(row))))) continue;
      const packed = await eachPackedThread(
        this.db,
        (thread) => {
          for (const row of thread.replies) next.set(`r:${row.id}`, row.appealId, replySearchTokens(row));
        },
        () => this.keepBuilding(),
      );
      if (!packed) continue;
      if (!this.buildAgain) break;
    }
    const { appeals, replies } = this.afterBuild;
    if (appeals.size || replies.size) await this.reread(index, [...appeals], [...replies]);
    this.index = index;
    return index;
  }

  /** Between chunks of a build: gives the page a turn; false when a bulk write made the build stale. */
  private async keepBuilding(): Promise<boolean> {
    if (this.options.slice) await sleep(0);
    return !this.buildAgain;
  }

  /**
   * Every row of a table, a chunk at a time, giving the page a turn every few milliseconds; false when a
   * bulk write made this build stale on the way.
   */
  private async readAll<T extends { id: string }>(read: (after: string | null) => Promise<T[]>, each: (row: T) => void): Promise<boolean> {
    let last: string | null = null;
    for (;;) {
      const chunk = await read(last);
      // Stemming a whole chunk is one long task (tens of ms on an old PC): sliced, an appeal opened
      // or a key pressed while the index is built waits for a slice, not for the chunk.
      let sliceStart = performance.now();
      for (let i = 0; i < chunk.length; i++) {
        each(chunk[i]!);
        if (this.options.slice && i % 64 === 63 && performance.now() - sliceStart > SLICE_MS) {
          await sleep(0);
          if (this.buildAgain) return false;
          sliceStart = performance.now();
        }
      }
      if (chunk.length < CHUNK) return true;
      last = chunk[chunk.length - 1]!.id;
      if (this.options.slice) await sleep(0);
      if (this.buildAgain) return false;
    }
  }

  /** Ids of the appeals matching every word of the query; null for an empty query. */
  async search(query: string): Promise<Set<string> | null> {
    const stems = queryStems(query);
    if (stems.length === 0) return null;
    const index = await this.ensureIndex();
    let result: Set<string> | null = null;
    // Longest stems first: they match the fewest records, so the intersection shrinks fastest.
    for (const stem of [...stems].sort((a, b) => b.length - a.length)) {
      const matched = index.matchPrefix(stem);
      if (result) for (const id of matched) if (!result.has(id)) matched.delete(id);
      result = matched;
      if (result.size === 0) break;
    }
    return result;
  }
}
