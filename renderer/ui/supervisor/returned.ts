import type { Appeal } from '../../../shared/domain';
import { getMeta, setMeta } from '../../db/meta';
import { loadDraft, saveDraft } from '../../db/drafts';
import { appealsByIds } from '../../db/row-packs';
import type { LocalReply, OtklikDb } from '../../db/schema';

/**
 * A clerk's side of approval: replies a supervisor returned for rework, with the comment, until
 * the clerk sends a new reply to that appeal; and each returned text put back into the appeal's
 * draft, once, so the clerk edits it instead of typing it again.
 */

export interface ReturnedReply {
  reply: LocalReply;
  appeal: Appeal;
  comment: string | null;
  returnedBy: string | null;
  returnedAt: string | null;
}

const restoredKey = (replyId: string) => `returnedDraft:${replyId}`;

/** Newest first. */
export async function loadReturned(db: OtklikDb, userId: string): Promise<ReturnedReply[]> {
  // From the few returned replies, not from all of the clerk's appeals: this is a live query, and
  // reading thousands of appeals made every pulled appeal re-run it over all of them.
  const mine = await db.replies.where('state').equals('returned').filter((r) => r.authorId === userId).toArray();
  if (mine.length === 0) return [];
  const appealIds = [...new Set(mine.map((r) => r.appealId))];
  const appeals = await appealsByIds(db, appealIds);
  // Only while the appeal is still the clerk's own.
  const byId = new Map(appeals.filter((a): a is Appeal => a !== undefined && a.assigneeId === userId).map((a) => [a.id, a]));
  if (byId.size === 0) return [];
  const replies = await db.replies.where('appealId').anyOf([...byId.keys()]).filter((r) => r.authorId === userId).toArray();
  const latest = new Map<string, LocalReply>();
  for (const r of replies) {
    const seen = latest.get(r.appealId);
    if (!seen || r.createdAt > seen.createdAt || (r.createdAt === seen.createdAt && r.id > seen.id)) latest.set(r.appealId, r);
  }
  const returned = [...latest.values()].filter((r) => r.state === 'returned');
  const histories = await db.histories.bulkGet(returned.map((r) => r.appealId));
  return returned
    .map((reply, i) => {
      const event = histories[i]?.events.findLast((e) => e.kind === 'reply_returned' && e.data.replyId === reply.id);
      return {
        reply,
        appeal: byId.get(reply.appealId)!,
        comment: typeof event?.data.comment === 'string' ? event.data.comment : null,
        returnedBy: event?.actorName ?? null,
        returnedAt: event?.at ?? reply.updatedAt,
      };
    })
    .sort((a, b) => (b.returnedAt ?? '').localeCompare(a.returnedAt ?? ''));
}

/**
 * Puts returned texts into their appeals' drafts. A draft the clerk is already typing is never
 * overwritten, and a text is restored only once (deleting it afterwards is the clerk's choice).
 * Returns the appeals whose drafts were filled.
 */
export async function restoreReturnedDrafts(db: OtklikDb, userId: string, returned: readonly ReturnedReply[]): Promise<string[]> {
  const filled: string[] = [];
  for (const r of returned) {
    const done = await db.transaction('rw', [db.drafts, db.meta], async () => {
      if (await getMeta<boolean>(db, restoredKey(r.reply.id))) return false;
      const draft = await loadDraft(db, userId, r.appeal.id);
      const empty = !draft || draft.body.trim() === '';
      if (empty) await saveDraft(db, userId, r.appeal.id, r.reply.body);
      await setMeta(db, restoredKey(r.reply.id), true);
      return empty;
    });
    if (done) filled.push(r.appeal.id);
  }
  return filled;
}
