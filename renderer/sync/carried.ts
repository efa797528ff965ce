import type { Change } from '../../shared/protocol';
import type { OtklikDb } from '../db/schema';
import { getCursor } from '../db/meta';
import { writePage } from './pull';

/** A poke that carries the changes of the caller's scope with seqs in (after, seq]. */
export interface CarriedPoke {
  after: number;
  seq: number;
  changes: Change[];
}

/**
 * Writes the carried pokes that continue the replica, in order, each like a pulled page (with the
 * pending outbox on top, the cursor in the same transaction). Stops at the first one that does
 * not continue it (a poke missed while the channel was down, a replica still bootstrapping):
 * then a pull is needed, and it brings everything these pokes carried too.
 */
export async function applyCarried(db: OtklikDb, pokes: readonly CarriedPoke[]): Promise<{ cursor: number; needPull: boolean }> {
  let cursor = await getCursor(db);
  for (const poke of [...pokes].sort((a, b) => a.seq - b.seq)) {
    if (poke.seq <= cursor) continue;
    if (poke.after > cursor || cursor === 0) return { cursor, needPull: true };
    const from = cursor;
    const page = { changes: poke.changes.filter((c) => c.seq > from), cursor: poke.seq, hasMore: false };
    // Another window of this profile moved the cursor meanwhile: a pull sorts it out.
    if (!(await writePage(db, page, { from }))) return { cursor: await getCursor(db), needPull: true };
    cursor = poke.seq;
  }
  return { cursor, needPull: false };
}
