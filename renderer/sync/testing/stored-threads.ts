import type { History, LocalNote, LocalReply, OtklikDb } from '../../db/schema';
import type { Thread } from '../../../shared/snapshot';
import { eachPackedThread, historiesOf, packedThreads } from '../../db/thread-packs';

/**
 * What the replica holds of appeals' threads wherever it keeps them: the tables, or the packs of
 * the first download (db/thread-packs.ts). Tests compare this with the server, not one table.
 */
export async function storedHistories(db: OtklikDb): Promise<History[]> {
  const all = await db.histories.toArray();
  await eachPackedThread(db, (t) => all.push({ appealId: t.appealId, events: t.events, complete: true }));
  return all;
}

export async function storedHistory(db: OtklikDb, appealId: string): Promise<History | undefined> {
  return (await historiesOf(db, [appealId]))[0];
}

export async function storedReplies(db: OtklikDb): Promise<LocalReply[]> {
  const all: LocalReply[] = await db.replies.toArray();
  await eachPackedThread(db, (t) => all.push(...t.replies));
  return all;
}

export async function storedNotes(db: OtklikDb): Promise<LocalNote[]> {
  const all: LocalNote[] = await db.notes.toArray();
  await eachPackedThread(db, (t) => all.push(...t.notes));
  return all;
}

/** The appeal's thread as kept in a pack, if it is there and the tables do not supersede it. */
export async function packedThread(db: OtklikDb, appealId: string): Promise<Thread | undefined> {
  return (await packedThreads(db, [appealId])).get(appealId);
}
