import type { Appeal, Reply } from '../../shared/domain';
import { appealsByIds } from '../db/row-packs';
import type { OtklikDb } from '../db/schema';

/**
 * Replies waiting for a supervisor's approval, from the replica. A reply this workstation has
 * already approved or returned (the decision is still in the outbox) no longer waits.
 */

async function decidedHere(db: OtklikDb): Promise<Set<string>> {
  const pending = await db.outbox.where('state').equals('pending').toArray();
  return new Set(pending.filter((e) => e.name === 'reply.approve' || e.name === 'reply.return').map((e) => String(e.args.replyId)));
}

async function submittedReplies(db: OtklikDb): Promise<Reply[]> {
  // The index on state, where the schema has it; otherwise a scan of the replies.
  const indexed = db.replies.schema.idxByName.state !== undefined;
  const rows = indexed
    ? await db.replies.where('state').equals('submitted').toArray()
    : await db.replies.filter((r) => r.state === 'submitted').toArray();
  return rows.filter((r) => !r.pending);
}

/** Ids of the appeals with a reply waiting for approval. */
export async function loadAwaitingApproval(db: OtklikDb): Promise<Set<string>> {
  const [replies, decided] = await Promise.all([submittedReplies(db), decidedHere(db)]);
  return new Set(replies.filter((r) => !decided.has(r.id)).map((r) => r.appealId));
}

export interface ReviewItem {
  reply: Reply;
  appeal: Appeal;
}

/** The approval queue: oldest reply first, each with its appeal. */
export async function loadReviewQueue(db: OtklikDb): Promise<ReviewItem[]> {
  const [replies, decided] = await Promise.all([submittedReplies(db), decidedHere(db)]);
  const waiting = replies.filter((r) => !decided.has(r.id)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || (a.id < b.id ? -1 : 1));
  const appeals = await appealsByIds(db, waiting.map((r) => r.appealId));
  const out: ReviewItem[] = [];
  waiting.forEach((reply, i) => {
    const appeal = appeals[i];
    if (appeal) out.push({ reply, appeal });
  });
  return out;
}
