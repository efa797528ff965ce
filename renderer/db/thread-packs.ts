import type { Thread, ThreadDoc } from '../../shared/snapshot';
import { threadFromBytes } from '../../shared/thread-frames';
import type { History, LocalNote, LocalReply, OtklikDb } from './schema';

/**
 * The closed appeals' threads that the first download brings, many to one stored record.
 *
 * Chromium's IndexedDB costs per record, not per byte (BENCHMARKS.md «What an appeal row's stored
 * shape costs»): a closed appeal's thread as a history, its replies, notes and deliveries is six
 * or seven records, which made the background download of a 100,000-appeal region a minute of
 * writes. A pack holds ten of them.
 *
 * The rule that keeps every reader simple: an appeal whose history is in the `histories` table has
 * its whole thread in the tables, and its packed copy (if any) is stale and not read. A pack is
 * written only for appeals with nothing in the tables, and every write that touches an appeal's
 * thread calls `unpackThreads` first (in its transaction), which copies the packed thread into the
 * tables. The pack itself is left as it is: rewriting it would tell every observer of the packs
 * (search) that a whole chunk changed. Only an appeal that leaves the scope is taken out of its
 * pack. Only settled threads are packed (shared/snapshot.ts isSettledThread): nothing the queries
 * by state look for (a reply waiting for approval or returned, a delivery that failed) is ever in a
 * pack, so those queries still read the tables alone.
 *
 * A packed thread is kept as the gzip frame the download brought (shared/thread-frames.ts), or as
 * JSON bytes where a replica was written before frames or by an older server, and inflated and
 * parsed only when read: storing bytes costs IndexedDB a copy, storing the parsed thread a walk
 * over every field of every record in it, and most closed threads are never opened.
 */
export interface ThreadPack {
  /** The first appeal id of the chunk it was written from. */
  id: string;
  /** The appeals whose threads it holds (indexed, multi-entry: which pack holds an appeal). */
  ids: string[];
  /** The thread of ids[i] as a frame or as UTF-8 JSON (threadFromBytes reads either), in the same order. */
  docs: Uint8Array[];
}

/**
 * Threads to a pack: an appeal opened reads its whole pack, so a pack is kept small (a closed
 * thread is about 2 KB); no size between 10 and 50 downloaded measurably faster (BENCHMARKS.md).
 */
export const THREAD_PACK_SIZE = 10;

/** Stores these threads (of appeals with nothing in the tables, settled) in packs. */
export async function putPacks(db: OtklikDb, docs: readonly ThreadDoc[]): Promise<void> {
  const packs: ThreadPack[] = [];
  for (let i = 0; i < docs.length; i += THREAD_PACK_SIZE) {
    const chunk = docs.slice(i, i + THREAD_PACK_SIZE);
    packs.push({ id: chunk[0]!.appealId, ids: chunk.map((d) => d.appealId), docs: chunk.map((d) => d.bytes) });
  }
  if (packs.length) await db.threadPacks.bulkPut(packs);
}

/** The packed threads of these appeals, by appeal id, whether or not the tables supersede them. */
async function packCopies(db: OtklikDb, appealIds: readonly string[]): Promise<Map<string, Thread>> {
  const found = new Map<string, Thread>();
  if (appealIds.length === 0) return found;
  const wanted = new Set(appealIds);
  const packs = appealIds.length === 1 ? await db.threadPacks.where('ids').equals(appealIds[0]!).toArray() : await db.threadPacks.where('ids').anyOf([...wanted]).distinct().toArray();
  for (const pack of packs) {
    for (const [i, id] of pack.ids.entries()) if (wanted.has(id)) found.set(id, threadFromBytes(pack.docs[i]!));
  }
  return found;
}

/** The appeals among these without a history in the tables (so their thread may be packed). */
async function notInTables(db: OtklikDb, appealIds: readonly string[]): Promise<string[]> {
  const histories = await db.histories.bulkGet([...appealIds]);
  return appealIds.filter((_id, i) => histories[i] === undefined);
}

/** These appeals' threads kept in packs (and not superseded by the tables), by appeal id. */
export async function packedThreads(db: OtklikDb, appealIds: readonly string[]): Promise<Map<string, Thread>> {
  return packCopies(db, await notInTables(db, appealIds));
}

/**
 * The packed copy of one appeal's thread, whether or not the tables supersede it (the caller has
 * its history in hand): one request, beside the others of an appeal being opened.
 */
export async function packedCopy(db: OtklikDb, appealId: string): Promise<Thread | undefined> {
  return (await packCopies(db, [appealId])).get(appealId);
}

/**
 * Copies these appeals' packed threads into the tables (whole: the history complete), so a write
 * that follows merges with them as with any thread. Resolves to the appeals copied.
 */
export async function unpackThreads(db: OtklikDb, appealIds: Iterable<string>): Promise<string[]> {
  const ids = [...new Set(appealIds)];
  if (ids.length === 0) return [];
  const moved = [...(await packedThreads(db, ids)).values()];
  if (moved.length === 0) return [];
  const histories: History[] = moved.map((t) => ({ appealId: t.appealId, events: t.events, complete: true }));
  await db.histories.bulkPut(histories);
  const replies: LocalReply[] = moved.flatMap((t) => t.replies);
  const notes: LocalNote[] = moved.flatMap((t) => t.notes);
  const deliveries = moved.flatMap((t) => t.deliveries);
  if (replies.length) await db.replies.bulkPut(replies);
  if (notes.length) await db.notes.bulkPut(notes);
  if (deliveries.length) await db.deliveries.bulkPut(deliveries);
  return moved.map((t) => t.appealId);
}

/** Takes these appeals (which left the scope) out of their packs. */
export async function dropPackedThreads(db: OtklikDb, appealIds: readonly string[]): Promise<void> {
  if (appealIds.length === 0) return;
  const gone = new Set(appealIds);
  const packs = await db.threadPacks.where('ids').anyOf([...gone]).distinct().toArray();
  for (const pack of packs) {
    const kept = pack.ids.flatMap((id, i) => (gone.has(id) ? [] : [i]));
    if (kept.length === 0) await db.threadPacks.delete(pack.id);
    else await db.threadPacks.put({ id: pack.id, ids: kept.map((i) => pack.ids[i]!), docs: kept.map((i) => pack.docs[i]!) });
  }
}

/** These appeals' histories (undefined where none), from the tables or their packs. */
export async function historiesOf(db: OtklikDb, appealIds: readonly string[]): Promise<Array<History | undefined>> {
  const stored = await db.histories.bulkGet([...appealIds]);
  const missing = appealIds.filter((_id, i) => stored[i] === undefined);
  if (missing.length === 0) return stored;
  // Not in the tables: asked of the packs straight away, not checked against the tables again.
  const packed = await packCopies(db, missing);
  return stored.map((h, i) => {
    const t = h ? undefined : packed.get(appealIds[i]!);
    return t ? { appealId: t.appealId, events: t.events, complete: true } : h;
  });
}

/**
 * Calls `each` with every packed thread the tables do not supersede, a few packs at a time (a
 * region's packs are hundreds of MB together); resolves to false when `between` says stop.
 */
export async function eachPackedThread(db: OtklikDb, each: (thread: Thread) => void, between?: () => Promise<boolean>): Promise<boolean> {
  const PACKS = 20;
  const superseded = new Set(await db.histories.toCollection().primaryKeys());
  let after: string | null = null;
  for (;;) {
    const packs: ThreadPack[] = await (after === null ? db.threadPacks.limit(PACKS) : db.threadPacks.where(':id').above(after).limit(PACKS)).toArray();
    for (const pack of packs) {
      for (const [i, id] of pack.ids.entries()) if (!superseded.has(id)) each(threadFromBytes(pack.docs[i]!));
    }
    if (packs.length < PACKS) return true;
    after = packs.at(-1)!.id;
    if (between && !(await between())) return false;
  }
}
