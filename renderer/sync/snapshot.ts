import type { Appeal, AppealEvent } from '../../shared/domain';
import type { SnapshotPage, SnapshotPhase, Thread, ThreadDoc } from '../../shared/snapshot';
import type { Delivery } from '../../shared/channels/delivery';
import { REPLICA_TABLES, threadTables, type History, type LocalNote, type LocalReply, type OtklikDb } from '../db/schema';
import { putPacks, unpackThreads } from '../db/thread-packs';
import { threadFromBytes } from '../../shared/thread-frames';
import { allAppealIds, isPackableRow, putRowPacks } from '../db/row-packs';
import { idSpan, inSpan, keysInSpan, packedInSpan } from '../db/id-span';
import { pendingAppealEffects } from './local-effects';
import { META, getMeta } from '../db/meta';
import { putServerAppeals } from './pull';
import { ProtocolError } from './api';

/**
 * The first download of a replica in phases (shared/snapshot.ts): the person's own open appeals
 * first, so the queue is usable within a second or two; the rows of the whole scope next; the
 * threads of closed appeals last, in the background. Where it got to is kept in meta with each
 * page, in the page's transaction, so a reload resumes from there.
 */
export interface SnapshotState {
  /** The change log's seq read before the first page: the pull continues from here. */
  head: number;
  /**
   * The phase being read; then 'gaps' (threads that no phase brought, read one by one), then
   * 'done'.
   */
  phase: SnapshotPhase | 'gaps' | 'done';
  /** The last appeal id read in `phase` ('' before its first page). */
  after: string;
  /** Appeals in scope, and how many of them are closed (their threads come last). */
  total: number;
  closed: number;
  /** Appeal rows stored so far, and closed appeals' threads. */
  rows: number;
  threads: number;
}

export const SNAPSHOT_META = 'snapshot';

/** The phases a sign-in waits for; `threads` runs in the background after them. */
const FOREGROUND: readonly SnapshotPhase[] = ['mine', 'open', 'rows'];
const ORDER: readonly SnapshotState['phase'][] = ['mine', 'open', 'rows', 'threads', 'gaps', 'done'];

/**
 * Threads come 500 to a page, as gzip frames not inflated (shared/thread-frames.ts). As JSON, a
 * page of 1,000 (2 MB) held the page's thread 60–100 ms while parsed, 176 times in a
 * 100,000-appeal download, each a wait for an appeal being opened; as unparsed lines, 1,000 a page
 * still made a long task of most pages (copying a thousand lines out of the body, then writing
 * them), 500 a page a dozen in all (bench: bootstrap.backfill_long_tasks).
 */
export const SNAPSHOT_PAGE_LIMIT: Record<SnapshotPhase, number> = { mine: 500, open: 1000, rows: 5000, threads: 500 };

/**
 * The closed appeals' threads arrive 500 to a page but are written 100 to a transaction: an
 * appeal opened meanwhile reads the same stores and waits for the write under way, so the write
 * is kept short (issue 12: opening during the backfill < 100 ms; as bytes, 100 threads write about
 * as fast as 50 did as objects). Each chunk stores where it got to, so a reload resumes after its
 * last appeal.
 */
export const THREAD_WRITE_CHUNK = 100;

/** The page as transactions to write: a threads page in chunks, each ending at its last appeal (or the page's own next). */
export function writeChunks(phase: SnapshotPhase, page: SnapshotPage): SnapshotPage[] {
  const all = page.docs ?? [];
  if (phase !== 'threads' || all.length <= THREAD_WRITE_CHUNK) return [page];
  const chunks: SnapshotPage[] = [];
  for (let i = 0; i < all.length; i += THREAD_WRITE_CHUNK) {
    const docs = all.slice(i, i + THREAD_WRITE_CHUNK);
    const last = i + THREAD_WRITE_CHUNK >= all.length;
    chunks.push({ head: page.head, appeals: [], threads: [], docs, next: last ? page.next : docs.at(-1)!.appealId });
  }
  return chunks;
}

export type FetchSnapshot = (phase: SnapshotPhase, after: string, limit: number) => Promise<SnapshotPage>;

export function getSnapshotState(db: OtklikDb): Promise<SnapshotState | undefined> {
  return getMeta<SnapshotState>(db, SNAPSHOT_META);
}

/** The download still to finish, or null; a replica filled from the change log alone has none. */
export async function snapshotInProgress(db: OtklikDb): Promise<SnapshotState | null> {
  const state = await getSnapshotState(db);
  return state && state.phase !== 'done' ? state : null;
}

export function isForeground(state: SnapshotState): boolean {
  return FOREGROUND.includes(state.phase as SnapshotPhase);
}

/** What the progress bar says: rows while the scope's rows arrive, then the closed appeals' threads. */
export interface DownloadProgress {
  stage: 'rows' | 'threads';
  done: number;
  total: number;
}

export function progressOf(state: SnapshotState | null | undefined): DownloadProgress | null {
  if (!state || state.phase === 'done') return null;
  if (isForeground(state)) return { stage: 'rows', done: Math.min(state.rows, state.total), total: state.total };
  return { stage: 'threads', done: Math.min(state.threads, state.closed), total: state.closed };
}

function byTime(a: AppealEvent, b: AppealEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.version - b.version || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const newer = <T extends { updatedAt: string }>(existing: T | undefined, incoming: T) => !existing || existing.updatedAt <= incoming.updatedAt;

/**
 * Stores threads read at some moment after the log's head. A pull may have written newer records
 * of the same appeals meanwhile (the backfill runs beside it): a reply or a delivery is replaced
 * only by one at least as recent, a note (never edited) or this workstation's pending record is
 * kept, and a history is the union of both. With `requireRow`, a thread whose appeal row is not
 * here (it left the scope since) is dropped.
 */
export async function putThreads(db: OtklikDb, threads: readonly Thread[], requireRow: boolean): Promise<number> {
  if (threads.length === 0) return 0;
  const list = requireRow ? await withRows(db, threads) : threads;
  if (list.length > 0) await mergeThreads(db, list, await storedThreads(db, list.map((t) => t.appealId)));
  return list.length;
}

/**
 * Stores the closed appeals' threads of the `threads` phase, as their bytes. A settled thread of an
 * appeal that has nothing in the tables yet goes into a pack with the others of the chunk, as it
 * came (db/thread-packs.ts); the rest are inflated and merge into the tables as putThreads has it.
 * The thread of an appeal that left the scope since the rows came is dropped: `left` names those
 * (META.leftScope, kept by the pull), which saves asking the replica for every chunk's rows; a
 * download begun by a version before it has no list, and asks.
 */
export async function putThreadDocs(db: OtklikDb, docs: readonly ThreadDoc[], left?: readonly string[]): Promise<number> {
  if (docs.length === 0) return 0;
  const gone = new Set(left);
  const list = left ? docs.filter((d) => !gone.has(d.appealId)) : await withRows(db, docs);
  if (list.length === 0) return 0;
  const stored = await storedThreads(db, list.map((d) => d.appealId));
  const byAppeal = (row: { appealId: string }) => row.appealId;
  const inTables = new Set<string>([...stored.histories.keys(), ...stored.replies.map(byAppeal), ...stored.notes.map(byAppeal), ...stored.deliveries.map(byAppeal)]);
  const packable = (d: ThreadDoc) => d.settled && !inTables.has(d.appealId);
  await putPacks(db, list.filter(packable));
  const rest = list.filter((d) => !packable(d)).map((d) => threadFromBytes(d.bytes));
  if (rest.length > 0) await mergeThreads(db, rest, stored);
  return list.length;
}

/** Those of `items` whose appeal row the replica holds (in the table or a pack). */
async function withRows<T extends { appealId: string }>(db: OtklikDb, items: readonly T[]): Promise<readonly T[]> {
  const span = idSpan(items.map((t) => t.appealId));
  const [rows, packed] = await Promise.all([keysInSpan(db.appeals, span), packedInSpan(db.rowPacks, span)]);
  const present = new Set([...rows, ...packed]);
  return items.filter((t) => present.has(t.appealId));
}

/**
 * What the tables hold of these appeals' threads, read by key range. A thread the backfill packed
 * while one of them was read on its own (fetchThread) is copied to the tables first, so it merges
 * like any other.
 */
async function storedThreads(db: OtklikDb, ids: readonly string[]): Promise<StoredThreads> {
  const span = idSpan(ids);
  const packedBefore = await packedInSpan(db.threadPacks, span);
  if (packedBefore.length > 0) await unpackThreads(db, packedBefore);
  const byAppeal = (row: { appealId: string }) => row.appealId;
  const [histories, replies, notes, deliveries] = await Promise.all([
    inSpan<History>(db.histories, ':id', span, byAppeal),
    inSpan<LocalReply>(db.replies, 'appealId', span, byAppeal),
    inSpan<LocalNote>(db.notes, 'appealId', span, byAppeal),
    inSpan<Delivery>(db.deliveries, 'appealId', span, byAppeal),
  ]);
  return { histories: new Map(histories.map((h) => [h.appealId, h])), replies, notes, deliveries };
}

interface StoredThreads {
  histories: ReadonlyMap<string, History>;
  replies: readonly LocalReply[];
  notes: readonly LocalNote[];
  deliveries: readonly Delivery[];
}

/** Writes threads into the tables over what is stored of them (read by the caller). */
async function mergeThreads(db: OtklikDb, list: readonly Thread[], stored: StoredThreads): Promise<void> {
  const replyById = new Map(stored.replies.map((r) => [r.id, r]));
  const noteIds = new Set(stored.notes.map((n) => n.id));
  const deliveryById = new Map(stored.deliveries.map((d) => [d.id, d]));
  const docs: History[] = list.map((t) => {
    const before = stored.histories.get(t.appealId);
    if (!before || before.events.length === 0) return { appealId: t.appealId, events: t.events, complete: true };
    const byId = new Map(t.events.map((e) => [e.id, e]));
    for (const e of before.events) byId.set(e.id, e);
    return { appealId: t.appealId, events: [...byId.values()].sort(byTime), complete: true };
  });
  const replyPuts = list.flatMap((t) => t.replies.filter((r) => !replyById.get(r.id)?.pending && newer(replyById.get(r.id), r)));
  const notePuts = list.flatMap((t) => t.notes.filter((n) => !noteIds.has(n.id)));
  const deliveryPuts = list.flatMap((t) => t.deliveries.filter((d) => newer(deliveryById.get(d.id), d)));
  await db.histories.bulkPut(docs);
  if (replyPuts.length) await db.replies.bulkPut(replyPuts);
  if (notePuts.length) await db.notes.bulkPut(notePuts);
  if (deliveryPuts.length) await db.deliveries.bulkPut(deliveryPuts);
}

/**
 * Stores a page's appeal rows. With `pack` (the rows phase: the closed appeals, for the most
 * part), a closed row no query reads by index, not in the table already and with no change of
 * this workstation pending goes into a pack (db/row-packs.ts); the rest as any
 * server row.
 */
async function putRows(db: OtklikDb, rows: Appeal[], pack: boolean): Promise<void> {
  if (!pack) return putServerAppeals(db, rows);
  const ids = rows.map((a) => a.id);
  // A row already in the table (a pull brought it) stays there.
  const [inTable, effects] = await Promise.all([keysInSpan(db.appeals, idSpan(ids)), pendingAppealEffects(db)]);
  const taken = new Set(inTable);
  const packable = (a: Appeal) => isPackableRow(a) && !taken.has(a.id) && !effects.has(a.id);
  await putRowPacks(db, rows.filter(packable));
  const rest = rows.filter((a) => !packable(a));
  if (rest.length > 0) await putServerAppeals(db, rest);
}

/**
 * Writes one page and where the download got to, in one transaction. Resolves to the new state,
 * or null when the stored state is no longer the one the page continues (another window of this
 * profile wrote it first): nothing is written then.
 */
export async function writeSnapshotPage(db: OtklikDb, from: SnapshotState | null, phase: SnapshotPhase, page: SnapshotPage): Promise<SnapshotState | null> {
  const tables = [...REPLICA_TABLES.map((t) => db.table(t)), db.outbox, db.meta];
  return db.transaction('rw', tables, async () => {
    // One request for both: the threads phase asks it of every chunk.
    const [kept, leftRow] = await db.meta.bulkGet([SNAPSHOT_META, META.leftScope]);
    const stored = (kept?.value as SnapshotState | undefined) ?? null;
    if (!sameState(stored, from)) return null;
    let state: SnapshotState;
    if (from === null) {
      if (!page.directory) throw new ProtocolError('The first snapshot page has no directory');
      const d = page.directory;
      state = { head: page.head, phase, after: '', total: d.total, closed: d.closed, rows: 0, threads: 0 };
      await Promise.all([db.users.bulkPut(d.users), db.municipalities.bulkPut(d.municipalities), db.bodies.bulkPut(d.bodies), db.templates.bulkPut(d.templates), db.problems.bulkPut(d.problems ?? []), db.posts.bulkPut(d.posts ?? [])]);
    } else {
      state = { ...from };
    }
    if (page.appeals.length > 0) await putRows(db, page.appeals as Appeal[], phase === 'rows');
    const threads = phase === 'threads' ? await putThreadDocs(db, page.docs ?? [], leftRow?.value as string[] | undefined) : await putThreads(db, page.threads, false);
    state.rows += page.appeals.length;
    if (phase === 'threads') state.threads += threads;
    if (page.next !== null) {
      state.after = page.next;
    } else {
      state.phase = ORDER[ORDER.indexOf(phase) + 1]!;
      state.after = '';
      // The rows are all here: the change log takes over from the head read before the first
      // page, so whatever was committed while the phases ran is pulled next, and what it takes out
      // of the scope is noted for the threads still to come.
      if (state.phase === 'threads') await db.meta.bulkPut([{ key: META.cursor, value: state.head }, { key: META.leftScope, value: [] }]);
      if (phase === 'threads') await db.meta.delete(META.leftScope);
    }
    await db.meta.put({ key: SNAPSHOT_META, value: state });
    return state;
  });
}

function sameState(a: SnapshotState | null, b: SnapshotState | null): boolean {
  if (a === null || b === null) return a === b;
  return a.phase === b.phase && a.after === b.after && a.head === b.head;
}

/**
 * Reads and writes pages until `stop(state)` says so, fetching the next page of a phase while the
 * current one is written (the server's time and IndexedDB's overlap). Resolves to the last state.
 */
export async function runPhases(
  db: OtklikDb,
  fetchPage: FetchSnapshot,
  stop: (state: SnapshotState) => boolean,
  onPage?: (state: SnapshotState) => void,
): Promise<SnapshotState | null> {
  let from = (await getSnapshotState(db)) ?? null;
  if (from && (from.phase === 'done' || from.phase === 'gaps' || stop(from))) return from;
  let phase: SnapshotPhase = from ? (from.phase as SnapshotPhase) : 'mine';
  let next: Promise<SnapshotPage> | null = fetchPage(phase, from?.after ?? '', SNAPSHOT_PAGE_LIMIT[phase]);
  for (;;) {
    const page: SnapshotPage = await next!;
    next = null;
    if (page.next !== null && from && from.phase === phase && page.next <= from.after) throw new ProtocolError(`Snapshot did not advance past ${from.after}`);
    // The next page of the same phase is asked for now; a phase's first page waits for the write.
    if (page.next !== null) {
      next = fetchPage(phase, page.next, SNAPSHOT_PAGE_LIMIT[phase]);
      next.catch(() => undefined);
    }
    let written: SnapshotState | null = null;
    for (const chunk of writeChunks(phase, page)) {
      written = await writeSnapshotPage(db, written ?? from, phase, chunk);
      if (!written) break;
    }
    // Another window moved on meanwhile: carry on from what it stored.
    const state = written ?? (await getSnapshotState(db))!;
    if (!written) next = null;
    onPage?.(state);
    if (stop(state) || state.phase === 'done' || state.phase === 'gaps') return state;
    from = state;
    phase = state.phase as SnapshotPhase;
    next ??= fetchPage(phase, state.after, SNAPSHOT_PAGE_LIMIT[phase]);
  }
}

/**
 * Runs the phases a sign-in waits for (own open appeals, open appeals, every row), calling
 * `onPage` after each page. Resolves when the change log can take over (the cursor is the head).
 */
export async function runForeground(db: OtklikDb, fetchPage: FetchSnapshot, onPage?: (state: SnapshotState) => void): Promise<SnapshotState> {
  return (await runPhases(db, fetchPage, (s) => !isForeground(s), onPage))!;
}

/** A thread read on its own, or 'gone' when the server has none for this caller (out of scope). */
export type FetchThread = (appealId: string) => Promise<Thread | 'gone'>;

const GAP_CHUNK = 1000;

/**
 * The last step of the download: an appeal whose status changed between the phases (closed when
 * the open ones were read, open again by the time the closed ones' threads were) was in neither
 * phase's threads, and the log only brings what happened after the head. Every appeal of the
 * replica without its whole thread has it read on its own; then the download is done. A thread
 * the server no longer gives is not waited for. A network failure leaves the step for the next
 * sync to take up. Resolves to whether it finished.
 */
export async function fillGaps(db: OtklikDb, fetchThread: FetchThread, stop: () => boolean): Promise<boolean> {
  const state = await getSnapshotState(db);
  if (!state || state.phase !== 'gaps') return state?.phase === 'done';
  const ids = (await allAppealIds(db)).sort();
  for (let i = 0; i < ids.length; i += GAP_CHUNK) {
    const chunk = ids.slice(i, i + GAP_CHUNK);
    const span = idSpan(chunk);
    const [histories, packed] = await Promise.all([inSpan<History>(db.histories, ':id', span, (h) => h.appealId), packedInSpan(db.threadPacks, span)]);
    const whole = new Set([...histories.filter((h) => h.complete).map((h) => h.appealId), ...packed]);
    for (const id of chunk) {
      if (whole.has(id)) continue;
      if (stop()) return false;
      const thread = await fetchThread(id);
      if (thread === 'gone') continue;
      await db.transaction('rw', [db.appeals, db.rowPacks, ...threadTables(db)], async () => void (await putThreads(db, [thread], true)));
    }
  }
  return db.transaction('rw', db.meta, async () => {
    const now = await getSnapshotState(db);
    if (now?.phase !== 'gaps') return now?.phase === 'done';
    await db.meta.put({ key: SNAPSHOT_META, value: { ...now, phase: 'done' } });
    return true;
  });
}
