import {
  appealAfterClarificationRequest,
  appealAfterForward,
  decideClarificationRequest,
  decideForward,
} from '../../shared/clerk-actions';
import type { MutationArgs } from '../../shared/protocol';
import { changesSince, loadAppealForUpdate } from '../repo/appeals';
import { addEvent, saveIfChanged } from './history';
import { audit } from '../audit/log';
import { applied, rejected, STATE_CODES, type MutationContext, type Outcome } from './types';

/** Sent on to the competent body (59-FZ art. 8 part 3); the history keeps where and why. */
export async function forwardAppeal(ctx: MutationContext, args: MutationArgs<'appeal.forward'>): Promise<Outcome> {
  const appeal = await loadAppealForUpdate(ctx.q, args.appealId);
  if (!appeal) return rejected('not_found', 'Appeal not found');
  const decision = decideForward({
    actor: ctx.actor,
    appeal,
    baseVersion: args.baseVersion,
    changesSinceBase: await changesSince(ctx.q, appeal.id, args.baseVersion),
  });
  if (!decision.ok) return rejected(decision.code, decision.message, STATE_CODES.includes(decision.code) ? appeal : undefined);
  const next = appealAfterForward(appeal, ctx.now);
  await saveIfChanged(ctx, appeal, next);
  await addEvent(ctx, next, 'forwarded', { from: appeal.status, to: next.status, body: args.to, reason: args.reason });
  await audit(ctx.q, { kind: 'appeal.forwarded', actor: ctx.actor, appealId: appeal.id, subject: args.to, address: ctx.address ?? null, data: { to: args.to, reason: args.reason } });
  return applied;
}

/** A question to the citizen: the appeal waits in «Уточнение»; the question is in its history. */
export async function requestClarification(ctx: MutationContext, args: MutationArgs<'appeal.requestClarification'>): Promise<Outcome> {
  const appeal = await loadAppealForUpdate(ctx.q, args.appealId);
  if (!appeal) return rejected('not_found', 'Appeal not found');
  const decision = decideClarificationRequest({
    actor: ctx.actor,
    appeal,
    baseVersion: args.baseVersion,
    changesSinceBase: await changesSince(ctx.q, appeal.id, args.baseVersion),
  });
  if (!decision.ok) return rejected(decision.code, decision.message, STATE_CODES.includes(decision.code) ? appeal : undefined);
  const next = appealAfterClarificationRequest(appeal, ctx.now);
  await saveIfChanged(ctx, appeal, next);
  await addEvent(ctx, next, 'clarification_requested', { from: appeal.status, to: next.status, question: args.question });
  return applied;
}
