import { appealAfterCategory, decideCategoryChange } from '../../shared/clerk-actions';
import type { MutationArgs } from '../../shared/protocol';
import { changesSince, loadAppealForUpdate } from '../repo/appeals';
import { municipalityScope } from '../scopes';
import { addEvent } from './history';
import { applied, rejected, STATE_CODES, type MutationContext, type Outcome } from './types';

/** The clerk corrects the sphere the classifier chose; the history keeps both. */
export async function setCategory(ctx: MutationContext, args: MutationArgs<'appeal.setCategory'>): Promise<Outcome> {
  const appeal = await loadAppealForUpdate(ctx.q, args.appealId);
  if (!appeal) return rejected('not_found', 'Appeal not found');
  const decision = decideCategoryChange({
    actor: ctx.actor,
    appeal,
    baseVersion: args.baseVersion,
    changesSinceBase: await changesSince(ctx.q, appeal.id, args.baseVersion),
  });
  if (!decision.ok) return rejected(decision.code, decision.message, STATE_CODES.includes(decision.code) ? appeal : undefined);
  const next = appealAfterCategory(appeal, args.category, ctx.now);
  if (next === appeal) return applied;
  await ctx.q.query('UPDATE appeals SET category = $2, version = $3, updated_at = $4 WHERE id = $1', [
    next.id,
    next.category,
    next.version,
    next.updatedAt,
  ]);
  ctx.changes.upsert('appeal', next.id, municipalityScope(next.municipalityId));
  await addEvent(ctx, next, 'category_changed', { from: appeal.category, to: next.category });
  return applied;
}
