import type { AppealStatus } from '../../shared/domain';
import type { Mutation } from '../../shared/protocol';
import { appealById } from '../db/row-packs';
import type { OtklikDb } from '../db/schema';

/** Builders of the mutations a clerk or supervisor makes; ids are made here, on the client. */

export function replyMutation(appealId: string, body: string): Mutation {
  return { id: crypto.randomUUID(), name: 'reply.submit', args: { replyId: crypto.randomUUID(), appealId, body: body.trim() } };
}

export function noteMutation(appealId: string, body: string): Mutation {
  return { id: crypto.randomUUID(), name: 'note.add', args: { noteId: crypto.randomUUID(), appealId, body: body.trim() } };
}

export class UnknownAppealError extends Error {
  constructor(appealId: string) {
    super(`Appeal ${appealId} is not in the local replica`);
    this.name = 'UnknownAppealError';
  }
}

/**
 * A status change carries the server version the person saw: the server's row under any local
 * effects. The person's own earlier changes never make it stale (shared/conflicts.ts), and a
 * version ahead of the server's would be refused.
 */
export async function statusMutation(db: OtklikDb, appealId: string, status: AppealStatus): Promise<Mutation> {
  const seen = (await db.shadows.get(appealId)) ?? (await appealById(db, appealId));
  if (!seen) throw new UnknownAppealError(appealId);
  return { id: crypto.randomUUID(), name: 'appeal.setStatus', args: { appealId, status, baseVersion: seen.version } };
}

/**
 * An assignment must match the server's version exactly when it arrives, so it carries the
 * version predicted after this workstation's earlier pending changes: the local view's.
 */
export async function assignMutation(db: OtklikDb, appealId: string, assigneeId: string): Promise<Mutation> {
  const view = await appealById(db, appealId);
  if (!view) throw new UnknownAppealError(appealId);
  return { id: crypto.randomUUID(), name: 'appeal.assign', args: { appealId, assigneeId, baseVersion: view.version } };
}
