import { decideStatusChange } from '../../shared/conflicts';
import { appealAfterStatus } from '../../shared/effects';
import type { MutationArgs } from '../../shared/protocol';
import { changesSince, loadAppealForUpdate } from '../repo/appeals';
import { addEvent, saveIfChanged } from './history';
import { applied, rejected, STATE_CODES, type MutationContext, type Outcome } from './types';

export async function setStatus(ctx: MutationContext, args: MutationArgs<'appeal.setStatus'>): Promise<Outcome> {
  const appeal = await loadAppealForUpdate(ctx.q, args.appealId);
  if (!appeal) return rejected('not_found', 'Appeal not found');
  const decision = decideStatusChange({
    actor: ctx.actor,
    appeal,
    to: args.status,
    baseVersion: args.baseVersion,
    changesSinceBase: await changesSince(ctx.q, appeal.id, args.baseVersion),
  });
  if (!decision.ok) {
    return rejected(decision.code, decision.message, STATE_CODES.includes(decision.code) ? appeal : undefined);
  }
  const next = appealAfterStatus(appeal, args.status, ctx.now);
  if (next === appeal) return applied;
  await saveIfChanged(ctx, appeal, next);
  await addEvent(ctx, next, 'status_changed', { from: appeal.status, to: next.status });
  return applied;
}
