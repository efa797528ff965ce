/**
 * A bare page for the benchmark driver: exposes the replica and the sync client's bootstrap on
 * window.otklikBench. No UI; the driver (bench/) calls these through page.evaluate.
 */
import type { StoredSession } from '../shared/bridge';
import type { Appeal, AppealStatus } from '../shared/domain';
import type { PullResponse } from '../shared/protocol';
import Dexie from 'dexie';
import { allAppealIds, appealCount, ENTITY_TABLES, getDb, REPLICA_TABLES } from './db';
import { createApi, pullAll, SyncClient, writePage, BOOTSTRAP_PAGE_LIMIT, runForeground, runPhases, writeSnapshotPage, type SnapshotState, type SyncStatus } from './sync';
import { SNAPSHOT_PAGE_LIMIT, writeChunks } from './sync/snapshot';
import { loadAppeal } from './ui/appeal/load-appeal';

const db = getDb();

async function reset(): Promise<void> {
  await db.transaction('rw', [...REPLICA_TABLES.map((t) => db.table(t)), db.meta, db.outbox, db.drafts], async () => {
    for (const table of [...REPLICA_TABLES, 'meta', 'outbox', 'drafts']) await db.table(table).clear();
  });
}

export interface BenchApi {
  db: typeof db;
  SyncClient: typeof SyncClient;
  writePage: typeof writePage;
  /** Clears the replica, the outbox and the cursor. */
  reset(): Promise<void>;
  /** A full bootstrap from cursor 0 through the real sync path (streamed pages, overlapped fetch). */
  bootstrap(serverUrl: string, token: string, limit?: number): Promise<{ count: number; ms: number; pages: number; changes: number }>;
  /**
   * The first download as the sync client runs it (sync/snapshot.ts): the phases up to every row,
   * the pull from their head, then the closed threads; with `open`, appeals are opened (read as
   * their pane reads them) one after another while the threads come. Times in ms from the start.
   */
  phased(serverUrl: string, token: string, open: boolean): Promise<PhasedRun>;
  /**
   * Where the phased download's time goes (bench/bootstrap-profile.ts): each phase's pages fetched
   * and checked one after another into memory, then written one after another; ms per phase.
   */
  snapshotProfile(serverUrl: string, token: string): Promise<Record<string, { pages: number; fetchMs: number; writeMs: number }>>;
  /**
   * What an appeal row's stored shape costs to write (bench/bootstrap-profile.ts, OTKLIK_PROFILE=rows):
   * the closed rows of the snapshot written 5,000 to a transaction into scratch stores — as the
   * replica stores them (its indexes), with the primary key only, as a JSON string beside the
   * indexed fields (stringified in the timing), and 100 rows to a record (no index) — in ms each.
   */
  rowVariants(serverUrl: string, token: string): Promise<{ rows: number; indexedMs: number; plainMs: number; stringIndexedMs: number; stringPlainMs: number; packedMs: number }>;
  /** Continues from the stored cursor (e.g. after an interrupted bootstrap). */
  resume(serverUrl: string, token: string, limit?: number): Promise<{ count: number; ms: number; pages: number; changes: number }>;
  /** Network and JSON only: what the bootstrap costs without IndexedDB. */
  fetchOnly(serverUrl: string, token: string, limit?: number): Promise<{ count: number; ms: number }>;
  /** The appeals of the caller's scope, fetched page by page, to feed rawBulkPut. */
  fetchAppeals(serverUrl: string, token: string, limit?: number): Promise<Appeal[]>;
  /** Fetches every page into memory (for the write-only figures below), in ms. */
  prefetch(serverUrl: string, token: string, limit?: number): Promise<{ pages: number; changes: number; appeals: number; ms: number }>;
  /** The floor: one bulkPut of these appeals (default: those of the last prefetch) into an empty appeals table, in ms. */
  rawBulkPut(records?: Appeal[]): Promise<number>;
  /** Every record of the prefetched pages, one plain bulkPut per table per page (events unpacked, one record each), in ms. */
  rawBulkPutAll(): Promise<number>;
  /**
   * The same records, packed as issue 12 proposes (one record per appeal holding its replies,
   * notes, history and deliveries; the rest as they are), written the same plain way, in ms.
   */
  rawBulkPutPacked(): Promise<number>;
  /** The sync client's page writer over the prefetched pages: the bootstrap without the network, in ms. */
  writePrefetched(): Promise<number>;
  count(): Promise<number>;
  /** A raw bulkPut of every record the last prefetch holds, in the form the replica stores them (events packed into histories), one bulkPut per table, in ms. */
  rawBulkPutStored(): Promise<number>;
  /** Starts a workstation's sync client as the app does (live channel, online/offline events). */
  startWorkstation(session: StoredSession): Promise<void>;
  /** Resolves when the workstation's status satisfies `until` (checked on every status change), with the ms it took. */
  waitStatus(until: Partial<Record<'pendingZero' | 'online' | 'idle', boolean>> & { cursorAtLeast?: number }, timeoutMs: number): Promise<{ ms: number; status: SyncStatus }>;
  /** Makes local changes through the workstation's real actions (optimistic effect + outbox, one transaction each), in ms. */
  enqueue(plan: PlannedChange[]): Promise<number>;
  /** The workstation's status now. */
  status(): SyncStatus;
  stopWorkstation(): void;
}

export interface PhasedRun {
  appeals: number;
  usableMs: number;
  rowsMs: number;
  fullMs: number;
  pages: number;
  /** How long each appeal opened during the background phase took to read, in ms. */
  opens: number[];
  /** Long tasks (≥ 50 ms) from the end of the foreground phases to the end of the download, in ms. */
  longTasks: number[];
}

export type PlannedChange =
  | { kind: 'reply'; appealId: string; body: string }
  | { kind: 'note'; appealId: string; body: string }
  | { kind: 'status'; appealId: string; to: AppealStatus };

async function pullFrom(serverUrl: string, token: string, limit: number) {
  const api = createApi(serverUrl);
  const started = performance.now();
  const progress = await pullAll(db, (cursor, l) => api.pull(token, cursor, l), { limit });
  const ms = performance.now() - started;
  return { count: await appealCount(db), ms, pages: progress.pages, changes: progress.changes };
}

async function fetchEach(serverUrl: string, token: string, limit: number, onAppeal: (a: Appeal) => void): Promise<void> {
  const api = createApi(serverUrl);
  let cursor = 0;
  for (;;) {
    const page = await api.pull(token, cursor, limit);
    for (const change of page.changes) if (change.op === 'upsert' && change.entity === 'appeal') onAppeal(change.data);
    cursor = page.cursor;
    if (!page.hasMore) return;
  }
}

let prefetched: PullResponse[] = [];

async function fetchPages(serverUrl: string, token: string, limit: number): Promise<PullResponse[]> {
  const api = createApi(serverUrl);
  const pages: PullResponse[] = [];
  let cursor = 0;
  for (;;) {
    const page = await api.pull(token, cursor, limit);
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return pages;
  }
}

let workstation: SyncClient | null = null;

function requireWorkstation(): SyncClient {
  if (!workstation) throw new Error('startWorkstation first');
  return workstation;
}

function statusSatisfies(s: SyncStatus, until: Parameters<BenchApi['waitStatus']>[0]): boolean {
  if (until.pendingZero && s.pending !== 0) return false;
  if (until.online && s.connection !== 'online') return false;
  if (until.idle && s.connection === 'syncing') return false;
  if (until.cursorAtLeast !== undefined && s.cursor < until.cursorAtLeast) return false;
  return true;
}

const prefetchedAppeals = (): Appeal[] =>
  prefetched.flatMap((p) => p.changes.flatMap((c) => (c.op === 'upsert' && c.entity === 'appeal' ? [c.data] : [])));

async function phased(serverUrl: string, token: string, open: boolean): Promise<PhasedRun> {
  await reset();
  const api = createApi(serverUrl);
  const fetchSnapshot = (phase: Parameters<typeof api.snapshot>[1], after: string, limit: number) => api.snapshot(token, phase, after, limit);
  const started = performance.now();
  let usableMs = 0;
  let pages = 0;
  const onPage = (s: { phase: string }) => {
    pages++;
    if (!usableMs && s.phase !== 'mine') usableMs = performance.now() - started;
  };
  await runForeground(db, fetchSnapshot, onPage);
  const rowsMs = performance.now() - started;
  await pullAll(db, (cursor, l) => api.pull(token, cursor, l));
  const ids = await allAppealIds(db);
  const opens: number[] = [];
  let backfilling = true;
  // What holds the page up for 50 ms or more (a page of threads parsed, a write): the person's
  // clicks and keys wait for it.
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  observer.observe({ type: 'longtask' });
  // The person opens appeals one after another, as fast as they are shown, while the threads come.
  const opener = (async () => {
    for (let i = 0; open && backfilling; i++) {
      const id = ids[(i * 7919) % ids.length]!;
      const t = performance.now();
      await loadAppeal(id, 'u-bench');
      opens.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await runPhases(db, fetchSnapshot, () => false, onPage);
  const fullMs = performance.now() - started;
  backfilling = false;
  await opener;
  observer.disconnect();
  return { appeals: await appealCount(db), usableMs, rowsMs, fullMs, pages, opens, longTasks };
}

async function snapshotProfile(serverUrl: string, token: string): Promise<Record<string, { pages: number; fetchMs: number; writeMs: number }>> {
  await reset();
  const api = createApi(serverUrl);
  const out: Record<string, { pages: number; fetchMs: number; writeMs: number }> = {};
  let state: SnapshotState | null = null;
  // Page by page, each fetched then written (nothing overlaps, nothing is held): what each costs alone.
  for (const phase of ['mine', 'open', 'rows', 'threads'] as const) {
    const p = (out[phase] = { pages: 0, fetchMs: 0, writeMs: 0 });
    let after = '';
    for (;;) {
      let t = performance.now();
      const page = await api.snapshot(token, phase, after, SNAPSHOT_PAGE_LIMIT[phase]);
      p.fetchMs += performance.now() - t;
      p.pages++;
      t = performance.now();
      for (const chunk of writeChunks(phase, page)) state = await writeSnapshotPage(db, state, phase, chunk);
      p.writeMs += performance.now() - t;
      if (page.next === null) break;
      after = page.next;
    }
  }
  return out;
}

async function rowVariants(serverUrl: string, token: string) {
  const api = createApi(serverUrl);
  const pages: Appeal[][] = [];
  for (let after = ''; ; ) {
    const page = await api.snapshot(token, 'rows', after, SNAPSHOT_PAGE_LIMIT.rows);
    pages.push(page.appeals as Appeal[]);
    if (page.next === null) break;
    after = page.next;
  }
  const scratch = new Dexie('otklik-bench-rows', { chromeTransactionDurability: 'strict' });
  scratch.version(1).stores({ indexed: 'id, status, [assigneeId+status], problemId', plain: 'id', stringIndexed: 'id, status, [assigneeId+status], problemId', stringPlain: 'id', packed: 'id' });
  await scratch.open();
  const time = async (table: string, shape: (a: Appeal) => unknown) => {
    const started = performance.now();
    for (const rows of pages) await scratch.transaction('rw', scratch.table(table), async () => void (await scratch.table(table).bulkPut(rows.map(shape))));
    return performance.now() - started;
  };
  const asString = (a: Appeal) => ({ id: a.id, status: a.status, assigneeId: a.assigneeId, problemId: a.problemId, j: JSON.stringify(a) });
  const result = {
    rows: pages.reduce((n, p) => n + p.length, 0),
    indexedMs: await time('indexed', (a) => a),
    plainMs: await time('plain', (a) => a),
    stringIndexedMs: await time('stringIndexed', asString),
    stringPlainMs: await time('stringPlain', asString),
    packedMs: 0,
  };
  const started = performance.now();
  for (const rows of pages) {
    const records: Array<{ id: string; rows: Appeal[] }> = [];
    for (let i = 0; i < rows.length; i += 100) records.push({ id: rows[i]!.id, rows: rows.slice(i, i + 100) });
    await scratch.transaction('rw', scratch.table('packed'), async () => void (await scratch.table('packed').bulkPut(records)));
  }
  result.packedMs = performance.now() - started;
  scratch.close();
  await scratch.delete();
  return result;
}

const bench: BenchApi = {
  db,
  phased,
  rowVariants,
  snapshotProfile,
  SyncClient,
  writePage,
  reset,
  async bootstrap(serverUrl, token, limit = BOOTSTRAP_PAGE_LIMIT) {
    await reset();
    return pullFrom(serverUrl, token, limit);
  },
  resume: (serverUrl, token, limit = BOOTSTRAP_PAGE_LIMIT) => pullFrom(serverUrl, token, limit),
  async fetchOnly(serverUrl, token, limit = BOOTSTRAP_PAGE_LIMIT) {
    const started = performance.now();
    let count = 0;
    await fetchEach(serverUrl, token, limit, () => count++);
    return { count, ms: performance.now() - started };
  },
  async fetchAppeals(serverUrl, token, limit = BOOTSTRAP_PAGE_LIMIT) {
    const appeals: Appeal[] = [];
    await fetchEach(serverUrl, token, limit, (a) => appeals.push(a));
    return appeals;
  },
  async prefetch(serverUrl, token, limit = BOOTSTRAP_PAGE_LIMIT) {
    const started = performance.now();
    prefetched = await fetchPages(serverUrl, token, limit);
    const ms = performance.now() - started;
    const changes = prefetched.reduce((n, p) => n + p.changes.length, 0);
    return { pages: prefetched.length, changes, appeals: prefetchedAppeals().length, ms };
  },
  async rawBulkPut(records = prefetchedAppeals()) {
    await db.appeals.clear();
    const started = performance.now();
    await db.appeals.bulkPut(records);
    return performance.now() - started;
  },
  async rawBulkPutAll() {
    await reset();
    // A scratch store per entity, no indexes but the primary key: the plainest possible write.
    const scratch = createScratchDb();
    await scratch.open();
    const started = performance.now();
    for (const page of prefetched) {
      const byTable = new Map<string, unknown[]>();
      for (const c of page.changes) {
        if (c.op !== 'upsert') continue;
        const rows = byTable.get(c.entity);
        if (rows) rows.push(c.data);
        else byTable.set(c.entity, [c.data]);
      }
      await scratch.transaction('rw', scratch.tables, async () => {
        for (const [entity, rows] of byTable) await scratch.table(entity).bulkPut(rows);
      });
    }
    const ms = performance.now() - started;
    scratch.close();
    await scratch.delete();
    return ms;
  },
  async rawBulkPutPacked() {
    await reset();
    const scratch = createScratchDb();
    await scratch.open();
    const started = performance.now();
    for (const page of prefetched) {
      const byTable = new Map<string, unknown[]>();
      const threads = new Map<string, { appealId: string; replies: unknown[]; notes: unknown[]; events: unknown[]; deliveries: unknown[] }>();
      for (const c of page.changes) {
        if (c.op !== 'upsert') continue;
        const key = THREAD_PARTS[c.entity];
        if (key) {
          const appealId = (c.data as { appealId: string }).appealId;
          const thread = threads.get(appealId) ?? threads.set(appealId, { appealId, replies: [], notes: [], events: [], deliveries: [] }).get(appealId)!;
          thread[key].push(c.data);
          continue;
        }
        const rows = byTable.get(c.entity);
        if (rows) rows.push(c.data);
        else byTable.set(c.entity, [c.data]);
      }
      await scratch.transaction('rw', scratch.tables, async () => {
        for (const [entity, rows] of byTable) await scratch.table(entity).bulkPut(rows);
        // A page's records of an appeal join what earlier pages stored of it, as a real write would.
        const ids = [...threads.keys()];
        const before = await scratch.table('thread').bulkGet(ids);
        await scratch.table('thread').bulkPut(
          ids.map((id, i) => {
            const t = threads.get(id)!;
            const b = before[i] as typeof t | undefined;
            return b ? { appealId: id, replies: [...b.replies, ...t.replies], notes: [...b.notes, ...t.notes], events: [...b.events, ...t.events], deliveries: [...b.deliveries, ...t.deliveries] } : t;
          }),
        );
      });
    }
    const ms = performance.now() - started;
    scratch.close();
    await scratch.delete();
    return ms;
  },
  async writePrefetched() {
    await reset();
    const started = performance.now();
    for (const page of prefetched) await writePage(db, page);
    return performance.now() - started;
  },
  count: () => appealCount(db),
  async rawBulkPutStored() {
    await reset();
    const byTable = new Map<string, unknown[]>();
    const histories = new Map<string, unknown[]>();
    for (const page of prefetched) {
      for (const c of page.changes) {
        if (c.op !== 'upsert') continue;
        if (c.entity === 'event') {
          const list = histories.get(c.data.appealId);
          if (list) list.push(c.data);
          else histories.set(c.data.appealId, [c.data]);
          continue;
        }
        const table = ENTITY_TABLES[c.entity];
        const rows = byTable.get(table);
        if (rows) rows.push(c.data);
        else byTable.set(table, [c.data]);
      }
    }
    byTable.set('histories', [...histories].map(([appealId, events]) => ({ appealId, events })));
    const started = performance.now();
    for (const [table, rows] of byTable) await db.table(table).bulkPut(rows);
    return performance.now() - started;
  },
  async startWorkstation(session) {
    workstation?.stop();
    workstation = new SyncClient({
      db,
      session,
      saveSession: () => undefined,
      createEventSource: (url) => new EventSource(url),
      events: window,
    });
    await workstation.start();
  },
  waitStatus(until, timeoutMs) {
    const client = requireWorkstation();
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const check = () => {
        const s = client.status.get();
        if (!statusSatisfies(s, until)) return false;
        clearTimeout(timer);
        unsubscribe();
        resolve({ ms: performance.now() - started, status: s });
        return true;
      };
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`status not reached in ${timeoutMs} ms: ${JSON.stringify(client.status.get())}`));
      }, timeoutMs);
      const unsubscribe = client.status.subscribe(check);
      check();
    });
  },
  async enqueue(plan) {
    const client = requireWorkstation();
    const started = performance.now();
    for (const change of plan) {
      if (change.kind === 'reply') await client.submitReply(change.appealId, change.body);
      else if (change.kind === 'note') await client.addNote(change.appealId, change.body);
      else await client.setStatus(change.appealId, change.to);
    }
    return performance.now() - started;
  },
  status: () => requireWorkstation().status.get(),
  stopWorkstation() {
    workstation?.stop();
    workstation = null;
  },
};

/** The entities that the packed layout keeps inside their appeal's thread record. */
const THREAD_PARTS: Partial<Record<string, 'replies' | 'notes' | 'events' | 'deliveries'>> = { reply: 'replies', note: 'notes', event: 'events', delivery: 'deliveries' };

function createScratchDb(): Dexie {
  const scratch = new Dexie('otklik-bench-scratch', { chromeTransactionDurability: 'strict' });
  scratch.version(1).stores({ appeal: 'id', reply: 'id', note: 'id', event: 'id', template: 'id', user: 'id', municipality: 'id', delivery: 'id', body: 'id', thread: 'appealId' });
  return scratch;
}

declare global {
  interface Window {
    otklikBench?: BenchApi;
  }
}

window.otklikBench = bench;
document.getElementById('bench-state')!.textContent = 'ready';
