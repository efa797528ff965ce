import { appealAfterPublishedReply } from '../../shared/effects';
import { enqueueDelivery } from '../delivery/enqueue';
import type { MutationArgs } from '../../shared/protocol';
import { decideReview } from '../../shared/review';
import { loadAppealForUpdate } from '../repo/appeals';
import { loadReplyForUpdate, reviewReply } from '../repo/replies';
import { municipalityScope } from '../scopes';
import { addEvent, saveIfChanged } from './history';
import { applied, rejected, STATE_CODES, type MutationContext, type Outcome } from './types';
import type { Appeal, Reply } from '../../shared/domain';

type Loaded = { ok: true; reply: Reply; appeal: Appeal } | { ok: false; outcome: Outcome };

async function load(ctx: MutationContext, replyId: string, appealId: string): Promise<Loaded> {
  const reply = await loadReplyForUpdate(ctx.q, replyId);
  if (!reply || reply.appealId !== appealId) return { ok: false, outcome: rejected('not_found', 'Reply not found') };
  const appeal = await loadAppealForUpdate(ctx.q, reply.appealId);
  if (!appeal) return { ok: false, outcome: rejected('not_found', 'Appeal not found') };
  const decision = decideReview({ actor: ctx.actor, appeal, reply });
  if (!decision.ok) {
    return { ok: false, outcome: rejected(decision.code, decision.message, STATE_CODES.includes(decision.code) ? appeal : undefined) };
  }
  return { ok: true, reply, appeal };
}

/**
 * Approved: the reply is published at once and answers the appeal; its delivery to the citizen's
 * channel is queued in the same transaction. A supervisor's edit replaces the text; the history keeps what the clerk wrote.
 */
export async function approveReply(ctx: MutationContext, args: MutationArgs<'reply.approve'>): Promise<Outcome> {
  const loaded = await load(ctx, args.replyId, args.appealId);
  if (!loaded.ok) return loaded.outcome;
  const { reply, appeal } = loaded;
  const edited = args.editedBody !== undefined && args.editedBody !== reply.body;
  await reviewReply(ctx.q, reply.id, 'published', edited ? (args.editedBody ?? null) : null, ctx.now);
  ctx.changes.upsert('reply', reply.id, municipalityScope(appeal.municipalityId));
  const next = appealAfterPublishedReply(appeal, ctx.now);
  await saveIfChanged(ctx, appeal, next);
  await addEvent(ctx, next, 'reply_approved', edited ? { replyId: reply.id, edited: true, originalBody: reply.body } : { replyId: reply.id, edited: false });
  await addEvent(ctx, next, 'reply_published', { replyId: reply.id });
  const text = edited ? (args.editedBody ?? reply.body) : reply.body;
  await enqueueDelivery(ctx.q, ctx.changes, next, { kind: 'reply', replyId: reply.id, key: reply.id, text }, ctx.now);
  return applied;
}

/** Returned: the clerk reads the comment in the history, and the text comes back to their draft. */
export async function returnReply(ctx: MutationContext, args: MutationArgs<'reply.return'>): Promise<Outcome> {
  const loaded = await load(ctx, args.replyId, args.appealId);
  if (!loaded.ok) return loaded.outcome;
  const { reply, appeal } = loaded;
  await reviewReply(ctx.q, reply.id, 'returned', null, ctx.now);
  ctx.changes.upsert('reply', reply.id, municipalityScope(appeal.municipalityId));
  await addEvent(ctx, appeal, 'reply_returned', { replyId: reply.id, comment: args.comment, authorId: reply.authorId });
  return applied;
}
