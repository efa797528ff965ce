import { ROOT_BODY_ID } from './bodies';
import type { Appeal, Reply, Role, User } from './domain';

/**
 * The part of a user that decides what they may see and do. `municipalityId` is the user's body
 * (null: the root, the ЦУР). `within` lists the bodies under theirs (from the body tree, see
 * BodyTree.scopeOf); without it only the body itself counts.
 */
export type Actor = Pick<User, 'id' | 'role' | 'municipalityId'> & { within?: readonly string[] };

/** A person of the root body (the ЦУР) works for the whole region. */
export function hasRegionScope(actor: Actor): boolean {
  return actor.municipalityId === null || actor.municipalityId === ROOT_BODY_ID;
}

/** May this person see (and so sync) appeals of this body: their own, or one under it? */
export function canSeeMunicipality(actor: Actor, municipalityId: string): boolean {
  return hasRegionScope(actor) || actor.municipalityId === municipalityId || (actor.within?.includes(municipalityId) ?? false);
}

export function canSeeAppeal(actor: Actor, appeal: Pick<Appeal, 'municipalityId'>): boolean {
  return canSeeMunicipality(actor, appeal.municipalityId);
}

/** Assignment is a supervisor's act, inside their own scope on both ends. */
export function canAssign(actor: Actor, appeal: Pick<Appeal, 'municipalityId'>, target: Actor): boolean {
  if (actor.role !== 'supervisor' && actor.role !== 'admin') return false;
  if (target.role !== 'clerk' && target.role !== 'supervisor') return false;
  return canSeeAppeal(actor, appeal) && (target.municipalityId === null || canSeeMunicipality(actor, target.municipalityId));
}

export function isSupervisorRole(role: Role): boolean {
  return role === 'supervisor' || role === 'admin';
}

/** Worklists, approvals, escalations, analytics and reports: supervisors' and admins' tools. */
export function canSupervise(actor: Pick<Actor, 'role'>): boolean {
  return isSupervisorRole(actor.role);
}

/**
 * Handing an appeal to another municipality (outside this body's competence): a supervisor who
 * sees the appeal may send it anywhere in the region; the receiving municipality's routing then
 * chooses its clerk. A municipal head gives the appeal away and so loses sight of it.
 */
export function canReassignToMunicipality(actor: Actor, appeal: Pick<Appeal, 'municipalityId'>, municipalityId: string): boolean {
  return isSupervisorRole(actor.role) && canSeeAppeal(actor, appeal) && municipalityId !== appeal.municipalityId;
}

/**
 * Approving or returning a reply that waits for approval: a supervisor of the appeal's scope,
 * and never the reply's own author (a second pair of eyes is the point of approval).
 */
export function canReviewReply(actor: Actor, appeal: Pick<Appeal, 'municipalityId'>, reply: Pick<Reply, 'authorId'>): boolean {
  return isSupervisorRole(actor.role) && canSeeAppeal(actor, appeal) && reply.authorId !== actor.id;
}
