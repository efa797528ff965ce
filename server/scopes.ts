import type { Actor } from '../shared/permissions';
import { hasRegionScope } from '../shared/permissions';

/**
 * Every change row carries one scope: '*' (everyone: bodies, municipalities, users, shared
 * templates), 'm:<bodyId>' (an appeal and everything attached to it, in the body that has it; the
 * letter is from when every body was a municipality, whose ids the bodies kept) or 'u:<userId>'
 * (a clerk's own templates). A caller pulls the rows whose scope is theirs.
 */
export const GLOBAL_SCOPE = '*';
export const municipalityScope = (municipalityId: string): string => `m:${municipalityId}`;
export const userScope = (userId: string): string => `u:${userId}`;

export function templateScope(t: { ownerId: string | null; municipalityId: string | null }): string {
  if (t.ownerId !== null) return userScope(t.ownerId);
  return t.municipalityId !== null ? municipalityScope(t.municipalityId) : GLOBAL_SCOPE;
}

/**
 * A body's people see a fixed list of scopes: their body's and those of every body under it
 * (`actor.within`, from the body tree at request time). The ЦУР's people see everything except
 * other users' private rows and except "left your scope" deletes (nothing ever leaves the region).
 */
export type CallerScope = { kind: 'list'; scopes: string[] } | { kind: 'region'; own: string };

export function callerScope(actor: Actor): CallerScope {
  if (hasRegionScope(actor)) return { kind: 'region', own: userScope(actor.id) };
  const scopes = [GLOBAL_SCOPE, userScope(actor.id)];
  if (actor.municipalityId !== null) scopes.push(municipalityScope(actor.municipalityId));
  for (const id of actor.within ?? []) scopes.push(municipalityScope(id));
  return { kind: 'list', scopes };
}

export function scopeMatches(caller: CallerScope, scope: string): boolean {
  if (caller.kind === 'list') return caller.scopes.includes(scope);
  return !scope.startsWith('u:') || scope === caller.own;
}
