import { decideAssignment } from '../../shared/conflicts';
import { appealAfterAssign } from '../../shared/effects';
import { canAssign } from '../../shared/permissions';
import type { MutationArgs } from '../../shared/protocol';
import { loadAppealForUpdate } from '../repo/appeals';
import { findUserById } from '../repo/users';
import { addEvent, saveIfChanged } from './history';
import { saveMovedAppeal } from './move';
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
  // The reason of a reassignment is for the history: the clerks on both ends read why.
  const reason = args.reason ? { reason: args.reason } : {};
  if (!moved) {
    await saveIfChanged(ctx, appeal, next);
    await addEvent(ctx, next, 'assigned', { assigneeId: target.id, assigneeName: target.displayName, ...reason });
    return applied;
  }
  await saveMovedAppeal(ctx, appeal, next);
  await addEvent(ctx, next, 'assigned', {
    assigneeId: target.id,
    assigneeName: target.displayName,
    fromMunicipalityId: appeal.municipalityId,
    municipalityId: next.municipalityId,
    ...reason,
  });
  return applied;
}
