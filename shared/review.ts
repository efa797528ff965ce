import type { Appeal, Reply } from './domain';
import type { ErrorCode } from './protocol';
import { canReassignToMunicipality, canReviewReply, type Actor } from './permissions';

/**
 * Supervisors' decisions on clerks' work: approving or returning a reply that waits for
 * approval, and handing an appeal to another municipality. The server decides with these; the
 * workstation uses them to offer only what will be accepted.
 */

export type ReviewDecision = { ok: true } | { ok: false; code: ErrorCode; message: string };

const ok: ReviewDecision = { ok: true };
const no = (code: ErrorCode, message: string): ReviewDecision => ({ ok: false, code, message });

/** A reassignment's reason and a return's comment are read by people: a paragraph at most. */
export const REASON_MAX_LENGTH = 1000;
export const RETURN_COMMENT_MAX_LENGTH = 2000;

/** Only a reply still waiting for approval can be approved or returned, and not on a closed appeal. */
export function decideReview(input: {
  actor: Actor;
  appeal: Pick<Appeal, 'municipalityId' | 'status'>;
  reply: Pick<Reply, 'authorId' | 'state'>;
}): ReviewDecision {
  const { actor, appeal, reply } = input;
  if (!canReviewReply(actor, appeal, reply)) return no('forbidden', 'You may not review this reply');
  if (reply.state !== 'submitted') return no('invalid_transition', `Reply is ${reply.state}, not waiting for approval`);
  if (appeal.status === 'closed') return no('appeal_closed', 'Appeal is closed');
  return ok;
}

/**
 * Handing an appeal to another municipality. Like an assignment it is stale when anybody changed
 * the appeal since the version it was made on: the supervisor decided on what they saw.
 */
export function decideMunicipalityReassignment(input: {
  actor: Actor;
  appeal: Pick<Appeal, 'municipalityId' | 'version' | 'status'>;
  municipalityId: string;
  baseVersion: number;
}): ReviewDecision {
  const { actor, appeal, municipalityId, baseVersion } = input;
  if (!canReassignToMunicipality(actor, appeal, municipalityId)) {
    return no('forbidden', 'You may not hand this appeal to that municipality');
  }
  if (appeal.status === 'closed') return no('appeal_closed', 'Appeal is closed');
  if (baseVersion !== appeal.version) return no('stale_version', 'Appeal was changed since this version');
  return ok;
}
