import type { Reply } from '../../../shared/domain';
import type { Mutation } from '../../../shared/protocol';
import { appealsByIds } from '../../db/row-packs';
import type { OtklikDb } from '../../db/schema';

/** The mutations of supervisors' decisions; ids are made here, on the workstation. */

export type ReassignTarget = { kind: 'clerk'; userId: string } | { kind: 'municipality'; municipalityId: string };

/**
 * One mutation per appeal. Each carries the version the supervisor sees (the local view, after
 * this workstation's own pending changes): the server refuses it if someone changed it since.
 */
export async function reassignMutations(db: OtklikDb, appealIds: readonly string[], target: ReassignTarget, reason: string): Promise<Mutation[]> {
  const appeals = await appealsByIds(db, [...appealIds]);
  const why = reason.trim();
  return appeals.flatMap((appeal): Mutation[] => {
    if (!appeal) return [];
    const id = crypto.randomUUID();
    if (target.kind === 'clerk') {
      return [{ id, name: 'appeal.assign', args: { appealId: appeal.id, assigneeId: target.userId, baseVersion: appeal.version, ...(why ? { reason: why } : {}) } }];
    }
    return [{ id, name: 'appeal.reassignMunicipality', args: { appealId: appeal.id, municipalityId: target.municipalityId, reason: why, baseVersion: appeal.version } }];
  });
}

export function approveMutation(reply: Pick<Reply, 'id' | 'appealId' | 'body'>, editedBody: string): Mutation {
  const edited = editedBody.trim();
  return {
    id: crypto.randomUUID(),
    name: 'reply.approve',
    args: { replyId: reply.id, appealId: reply.appealId, ...(edited !== '' && edited !== reply.body.trim() ? { editedBody: edited } : {}) },
  };
}

export function returnMutation(reply: Pick<Reply, 'id' | 'appealId'>, comment: string): Mutation {
  return { id: crypto.randomUUID(), name: 'reply.return', args: { replyId: reply.id, appealId: reply.appealId, comment: comment.trim() } };
}
