import { requiresApproval } from '../../shared/approval';
import { decideReply } from '../../shared/conflicts';
import type { Reply } from '../../shared/domain';
import { appealAfterPublishedReply } from '../../shared/effects';
import type { MutationArgs } from '../../shared/protocol';
import { enqueueDelivery } from '../delivery/enqueue';
import { loadAppealForUpdate, wasAssignedTo } from '../repo/appeals';
import { municipalityScope } from '../scopes';
import { addEvent, saveIfChanged } from './history';
import { applied, duplicate, rejected, STATE_CODES, type MutationContext, type Outcome } from './types';

/**
 * A reply is attributed to the signed-in person whatever the client says. The client-made id
 * makes it idempotent across mutation ids: the same reply is never stored twice.
 */
export async function submitReply(ctx: MutationContext, args: MutationArgs<'reply.submit'>): Promise<Outcome> {
  const appeal = await loadAppealForUpdate(ctx.q, args.appealId);
  if (!appeal) return rejected('not_found', 'Appeal not found');
  const decision = decideReply({ actor: ctx.actor, appeal, wasAssignedToActor: await wasAssignedTo(ctx.q, appeal, ctx.actor.id) });
  if (!decision.ok) return rejected(decision.code, decision.message, STATE_CODES.includes(decision.code) ? appeal : undefined);

  const state: Reply['state'] = requiresApproval(ctx.approvalPolicy, appeal.municipalityId, appeal.source) ? 'submitted' : 'published';
  const inserted = await ctx.q.query(
    `INSERT INTO replies (id, appeal_id, author_id, author_name, body, attachments, state, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $8)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [args.replyId, appeal.id, ctx.actor.id, ctx.actor.displayName, args.body, JSON.stringify(args.attachments ?? []), state, ctx.now],
  );
  if (inserted.rows.length === 0) return duplicate;
  ctx.changes.upsert('reply', args.replyId, municipalityScope(appeal.municipalityId));

  if (state === 'published') {
    const next = appealAfterPublishedReply(appeal, ctx.now);
    await saveIfChanged(ctx, appeal, next);
    await addEvent(ctx, next, 'reply_published', { replyId: args.replyId });
    await enqueueDelivery(ctx.q, ctx.changes, next, { kind: 'reply', replyId: args.replyId, key: args.replyId, text: args.body }, ctx.now);
  } else {
    await addEvent(ctx, appeal, 'reply_submitted', { replyId: args.replyId });
  }
  return applied;
}
