import type { Appeal, Role, User } from './domain';

/** The part of a user that decides what they may see and do. */
export type Actor = Pick<User, 'id' | 'role' | 'municipalityId'>;

/** A user with municipalityId null works for the whole region. */
export function hasRegionScope(actor: Actor): boolean {
  return actor.municipalityId === null && (actor.role === 'supervisor' || actor.role === 'admin');
}

/** May this person see (and so sync) appeals of this municipality? */
export function canSeeMunicipality(actor: Actor, municipalityId: string): boolean {
  return hasRegionScope(actor) || actor.municipalityId === municipalityId;
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
