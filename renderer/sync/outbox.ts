import type { Appeal, User } from '../../shared/domain';
import { isAuditMutation } from '../../shared/audit';
import { parseMutation, type MutationResult, type Mutation } from '../../shared/protocol';
import type { Actor } from '../../shared/permissions';
import { threadTables, type OtklikDb, type OutboxEntry } from '../db/schema';
import { unpackThreads } from '../db/thread-packs';
import { appealById } from '../db/row-packs';
import { deliveryAfter, isDeliveryMutation } from '../../shared/channels/delivery-effects';
import { applyEntry, changesAppeal, rederiveAppeals } from './local-effects';

/** Thrown when a local change is not a valid mutation (a bug, or an empty reply). */
export class InvalidMutationError extends Error {
  constructor(
    readonly code: 'validation_failed' | 'unknown_mutation',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidMutationError';
  }
}

export interface EnqueueOptions {
  /** Also delete the appeal's draft, in the same transaction (a sent reply). */
  clearDraft?: boolean;
  now?: string;
}

/** Tables every outbox write may touch; one list so every transaction takes the same locks. */
function outboxTables(db: OtklikDb) {
  return [db.outbox, db.appeals, db.rowPacks, db.shadows, db.users, db.drafts, ...threadTables(db)];
}

function appealIdOf(mutation: Mutation): string {
  // Template mutations belong to no appeal; an audit record changes none.
  if (isAuditMutation(mutation.name)) return '';
  return 'appealId' in mutation.args ? mutation.args.appealId : '';
}

/**
 * Records a local change: its optimistic effect and its outbox entry, in ONE transaction, so a
 * crash leaves either both or neither. Returns the stored entry (with its outbox seq).
 */
export async function enqueue(db: OtklikDb, user: User, mutation: Mutation, options: EnqueueOptions = {}): Promise<OutboxEntry> {
  const parsed = parseMutation({ id: mutation.id, name: mutation.name, args: mutation.args });
  if (!parsed.ok) throw new InvalidMutationError(parsed.code, parsed.message);
  const valid = parsed.mutation;
  const now = options.now ?? new Date().toISOString();

  return db.transaction('rw', outboxTables(db), async () => {
    // A delivery's mutation names only the delivery: filed under its appeal, so the appeal's
    // thread finds it (and shows its effect) like any other pending change of the appeal.
    const appealId = 'deliveryId' in valid.args ? ((await db.deliveries.get(valid.args.deliveryId))?.appealId ?? '') : appealIdOf(valid);
    const entry: OutboxEntry = {
      id: valid.id,
      name: valid.name,
      args: valid.args as Record<string, unknown>,
      createdAt: now,
      state: 'pending',
      appealId,
      userId: user.id,
    };
    if (valid.name === 'appeal.assign') {
      const assignee = await db.users.get(valid.args.assigneeId);
      if (assignee) entry.local = { assignee: { id: assignee.id, role: assignee.role, municipalityId: assignee.municipalityId } satisfies Actor };
    }
    entry.seq = await db.outbox.add(entry);

    switch (valid.name) {
      case 'reply.submit':
        await unpackThreads(db, [appealId]);
        await db.replies.put({
          id: valid.args.replyId,
          appealId,
          authorId: user.id,
          authorName: user.displayName,
          body: valid.args.body,
          attachments: valid.args.attachments ?? [],
          state: 'submitted',
          createdAt: now,
          updatedAt: now,
          pending: true,
        });
        break;
      case 'note.add':
        await unpackThreads(db, [appealId]);
        await db.notes.put({
          id: valid.args.noteId,
          appealId,
          authorId: user.id,
          authorName: user.displayName,
          body: valid.args.body,
          createdAt: now,
          pending: true,
        });
        break;
      case 'delivery.retry':
      case 'delivery.markManual':
        // The delivery's row stays the server's; readers fold pending entries over it
        // (renderer/clerk/deliveries.ts), so a pull meanwhile cannot undo what the clerk sees.
        break;
      default:
        await rederiveAppeals(db, [appealId]);
    }
    if (options.clearDraft) await db.drafts.delete(appealId);
    return entry;
  });
}

/**
 * Applies the server's answers to pushed entries, in one transaction. Applied and duplicate
 * entries leave the outbox; rejected ones stay, marked, with the server's reason, and their
 * optimistic effect is undone by re-deriving from server state. Entries without a result are
 * left untouched for the next push.
 */
export async function applyPushResults(db: OtklikDb, entries: readonly OutboxEntry[], results: readonly MutationResult[]): Promise<{ applied: number; rejected: number }> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  let applied = 0;
  let rejected = 0;
  await db.transaction('rw', outboxTables(db), async () => {
    const rederive = new Set<string>();
    const current = new Map<string, Appeal>();
    for (const result of results) {
      const entry = byId.get(result.id);
      if (!entry || entry.seq === undefined) continue;
      const ok = result.status === 'applied' || result.status === 'duplicate';
      if (ok) applied++;
      else rejected++;
      // Another window of this profile pushed the same entry and has already recorded the
      // answer: applying it twice would fold the effect into the shadow twice.
      const stored = await db.outbox.get(entry.seq);
      if (stored?.state !== 'pending') continue;
      if (ok) {
        await db.outbox.delete(entry.seq);
        if (result.current && changesAppeal(entry)) {
          // The server's row as it is now, effect included: it becomes the shadow as it stands.
          current.set(result.current.id, result.current);
          rederive.add(entry.appealId);
        } else {
          await settle(db, entry);
        }
      } else {
        await db.outbox.update(entry.seq, {
          state: 'rejected',
          code: result.code ?? 'internal_error',
          message: result.message ?? '',
        });
        if (result.current) current.set(result.current.id, result.current);
        await revert(db, entry);
        if (changesAppeal(entry) || result.current) rederive.add(entry.appealId);
      }
    }
    await rederiveAppeals(db, rederive, current);
  });
  return { applied, rejected };
}

/**
 * The server has the change now: stop calling it pending. Without the server's row in the answer
 * (an older server), its effect is folded into the shadow.
 */
async function settle(db: OtklikDb, entry: OutboxEntry): Promise<void> {
  if (changesAppeal(entry)) {
    const shadow = await db.shadows.get(entry.appealId);
    if (shadow) await db.shadows.put(applyEntry(shadow, entry));
  } else if (isDeliveryMutation(entry.name)) {
    // Until the pull brings the server's row, the row takes the effect the entry showed.
    const id = String(entry.args.deliveryId);
    const row = await db.deliveries.get(id);
    if (row) await db.deliveries.put(deliveryAfter(row, entry.name, entry.createdAt));
  } else if (entry.name === 'reply.submit' || entry.name === 'note.add') {
    const table = entry.name === 'reply.submit' ? db.replies : db.notes;
    const id = String(entry.name === 'reply.submit' ? entry.args.replyId : entry.args.noteId);
    // The appeal left this person's scope while the reply waited (reassigned elsewhere): the
    // server keeps it for the new assignee, and no later pull would ever remove the row here.
    if (!(await appealById(db, entry.appealId))) await table.delete(id);
    else await table.update(id, { pending: false });
  }
}

/** Undoes a refused reply or note; its text stays in the outbox entry for the clerk to copy. */
async function revert(db: OtklikDb, entry: OutboxEntry): Promise<void> {
  if (entry.name === 'reply.submit') {
    const row = await db.replies.get(String(entry.args.replyId));
    if (row?.pending) await db.replies.delete(row.id);
  } else if (entry.name === 'note.add') {
    const row = await db.notes.get(String(entry.args.noteId));
    if (row?.pending) await db.notes.delete(row.id);
  }
}

/** The clerk has read a rejection: forget it. Only rejected entries can be dismissed. */
export async function dismissRejected(db: OtklikDb, seq: number): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const entry = await db.outbox.get(seq);
    if (entry?.state === 'rejected') await db.outbox.delete(seq);
  });
}

/** Pending entries of this user, oldest first, at most `limit`. */
export async function pendingEntries(db: OtklikDb, userId: string, limit: number): Promise<OutboxEntry[]> {
  return db.outbox
    .where('state')
    .equals('pending')
    .filter((e) => e.userId === userId)
    .limit(limit)
    .toArray();
}
