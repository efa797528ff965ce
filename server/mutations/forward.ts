import {
  appealAfterClarificationRequest,
  appealAfterForward,
  decideClarificationRequest,
  decideForward,
} from '../../shared/clerk-actions';
import type { Appeal } from '../../shared/domain';
import { appealAfterMunicipality } from '../../shared/effects';
import type { MutationArgs } from '../../shared/protocol';
import { enqueueDelivery } from '../delivery/enqueue';
import { chooseAssignee } from '../intake';
import { appealChildren, changesSince, loadAppealForUpdate, saveAppeal } from '../repo/appeals';
import { municipalityScope } from '../scopes';
import { addEvent, saveIfChanged } from './history';
import { audit } from '../audit/log';
import { applied, rejected, STATE_CODES, type MutationContext, type Outcome } from './types';

/**
 * Sent on to the competent body (59-FZ art. 8 part 3); the history keeps where and why.
 *
 * When `to` is a body of the directory, the appeal moves to that body's queue for real: its least
 * loaded clerk gets it (as at intake), and the forwarding body keeps following it read-only (its
 * workstations keep the appeal and receive its later changes; see appeal_followers). An older
 * workstation's outbox may still carry a free-text `to` (a name typed before bodies existed):
 * that one is kept as it always was, a note of where it went with the status «Перенаправлено».
 */
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
  const target = (await ctx.q.query<{ id: string; name: string; disabled: boolean }>('SELECT id, name, disabled_at IS NOT NULL AS disabled FROM bodies WHERE id = $1', [args.to])).rows[0];
  // A disabled body receives nothing new; the workstation's list no longer offers it.
  if (target?.disabled) return rejected('validation_failed', `Body "${target.id}" is disabled`);
  if (target && target.id !== appeal.municipalityId) return forwardToBody(ctx, appeal, target, args.reason);
  const next = appealAfterForward(appeal, ctx.now);
  await saveIfChanged(ctx, appeal, next);
  await addEvent(ctx, next, 'forwarded', { from: appeal.status, to: next.status, body: args.to, reason: args.reason });
  await audit(ctx.q, { kind: 'appeal.forwarded', actor: ctx.actor, appealId: appeal.id, subject: args.to, address: ctx.address ?? null, data: { to: args.to, reason: args.reason } });
  return applied;
}

async function forwardToBody(ctx: MutationContext, appeal: Appeal, target: { id: string; name: string }, reason: string): Promise<Outcome> {
  const clerk = await chooseAssignee(ctx.q, target.id);
  const next = appealAfterMunicipality({ ...appeal, status: 'new' }, target.id, clerk?.id ?? null, ctx.now);
  await ctx.q.query('INSERT INTO appeal_followers (appeal_id, body_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [appeal.id, appeal.municipalityId]);
  await ctx.q.query('DELETE FROM appeal_followers WHERE appeal_id = $1 AND body_id = $2', [appeal.id, target.id]);
  await saveAppeal(ctx.q, next);
  // The new body receives the appeal with its whole thread; the old one keeps it as a follower.
  const scope = municipalityScope(target.id);
  ctx.changes.upsert('appeal', next.id, scope);
  for (const c of await appealChildren(ctx.q, appeal.id)) ctx.changes.upsert(c.entity, c.id, scope);
  const fromName = (await ctx.q.query<{ name: string }>('SELECT name FROM bodies WHERE id = $1', [appeal.municipalityId])).rows[0]?.name ?? null;
  await addEvent(ctx, next, 'forwarded', {
    from: appeal.status,
    to: next.status,
    body: target.name,
    bodyId: target.id,
    bodyName: target.name,
    fromBodyId: appeal.municipalityId,
    fromBodyName: fromName,
    reason,
  });
  if (clerk) await addEvent(ctx, next, 'assigned', { assigneeId: clerk.id, assigneeName: clerk.displayName, by: 'routing' });
  return applied;
}

/** A question to the citizen: the appeal waits in «Уточнение»; the question is in its history and goes to their channel. */
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
  const event = await addEvent(ctx, next, 'clarification_requested', { from: appeal.status, to: next.status, question: args.question });
  await enqueueDelivery(ctx.q, ctx.changes, next, { kind: 'question', replyId: null, key: event.id, text: args.question }, ctx.now);
  return applied;
}
