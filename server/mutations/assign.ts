import { decideAssignment } from '../../shared/conflicts';
import { appealAfterAssign } from '../../shared/effects';
import { canAssign } from '../../shared/permissions';
import type { MutationArgs } from '../../shared/protocol';
import { appealChildren, loadAppealForUpdate, saveAppeal } from '../repo/appeals';
import { findUserById } from '../repo/users';
import { municipalityScope } from '../scopes';
import { addEvent, saveIfChanged } from './history';
import { applied, rejected, type MutationContext, type Outcome } from './types';

export async function assignAppeal(ctx: MutationContext, args: MutationArgs<'appeal.assign'>): Promise<Outcome> {
  const appeal = await loadAppealForUpdate(ctx.q, args.appealId);
  if (!appeal) return rejected('not_found', 'Appeal not found');
  const target = await findUserById(ctx.q, args.assigneeId);
  if (!target) return rejected('not_found', 'Assignee not found');
  if (!canAssign(ctx.actor, appeal, target)) return rejected('forbidden', 'You may not assign this appeal to this person');
  const decision = decideAssignment({ appeal, baseVersion: args.baseVersion });
  if (!decision.ok) return rejected(decision.code, decision.message, appeal);

  const next = appealAfterAssign(appeal, target, ctx.now);
  const moved = next.municipalityId !== appeal.municipalityId;
  if (!moved) {
    await saveIfChanged(ctx, appeal, next);
    await addEvent(ctx, next, 'assigned', { assigneeId: target.id, assigneeName: target.displayName });
    return applied;
  }

  // The appeal leaves its municipality: its clients there delete it and everything attached;
  // the new municipality's clients receive the lot.
  const oldScope = municipalityScope(appeal.municipalityId);
  const newScope = municipalityScope(next.municipalityId);
  const children = await appealChildren(ctx.q, appeal.id);
  ctx.changes.leave('appeal', appeal.id, oldScope);
  for (const c of children) ctx.changes.leave(c.entity, c.id, oldScope);
  await saveAppeal(ctx.q, next);
  ctx.changes.upsert('appeal', next.id, newScope);
  for (const c of children) ctx.changes.upsert(c.entity, c.id, newScope);
  await addEvent(ctx, next, 'assigned', {
    assigneeId: target.id,
    assigneeName: target.displayName,
    fromMunicipalityId: appeal.municipalityId,
    municipalityId: next.municipalityId,
  });
  return applied;
}
