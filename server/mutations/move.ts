import type { Appeal } from '../../shared/domain';
import { appealChildren, saveAppeal } from '../repo/appeals';
import { municipalityScope } from '../scopes';
import type { MutationContext } from './types';

/**
 * Saves an appeal that changed municipality. Its clients in the old municipality delete it and
 * everything attached (replies, notes, history); the new municipality's clients receive the lot.
 */
export async function saveMovedAppeal(ctx: MutationContext, before: Appeal, next: Appeal): Promise<void> {
  const oldScope = municipalityScope(before.municipalityId);
  const newScope = municipalityScope(next.municipalityId);
  const children = await appealChildren(ctx.q, before.id);
  ctx.changes.leave('appeal', before.id, oldScope);
  for (const c of children) ctx.changes.leave(c.entity, c.id, oldScope);
  await saveAppeal(ctx.q, next);
  ctx.changes.upsert('appeal', next.id, newScope);
  for (const c of children) ctx.changes.upsert(c.entity, c.id, newScope);
  // The new body sees the problem the appeal is in (shared/problems.ts canSeeProblem).
  if (next.problemId) ctx.changes.upsert('problem', next.problemId, newScope);
}
