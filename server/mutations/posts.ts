import type { ChannelPlatform } from '../../shared/channels/platforms';
import { canSeeMunicipality, canSupervise } from '../../shared/permissions';
import { canManageProblems, canSeeProblem } from '../../shared/problems';
import { canApplyPostMutation, postRequiresApproval, postSubmitProblems, publicPostText, submittedState, type Post, type PostMutationName } from '../../shared/posts/post';
import type { MutationArgs } from '../../shared/protocol';
import { loadPostForUpdate, recordPost, savePost } from '../posts/repo';
import { enqueuePublications } from '../publishing/enqueue';
import { loadProblemForUpdate, problemAppealBodies } from '../repo/problems';
import { applied, rejected, type MutationContext, type Outcome } from './types';

/**
 * Resolution posts: drafted by whoever works the solved problem, approved by a supervisor where
 * the approval policy asks it for the body and the pages' platforms, then queued page by page for
 * the publishing worker (server/publishing/), which settles them through `onPublished`
 * (server/posts/published.ts). Every check comes before the first write: a refused mutation's
 * transaction still commits.
 */

const notAllowed = (name: PostMutationName, post: Post | null) =>
  rejected('invalid_transition', `${name} is not allowed for a post that is ${post?.state ?? 'not yet drafted'}`);

async function pagePlatforms(ctx: MutationContext, channelIds: readonly string[]): Promise<ChannelPlatform[]> {
  const res = await ctx.q.query<{ platform: ChannelPlatform }>('SELECT platform FROM channels WHERE id = ANY($1::text[])', [[...channelIds]]);
  return res.rows.map((r) => r.platform);
}

/** Queues the post on its pages and marks it publishing; a page that cannot take it refuses the whole step. */
async function publish(ctx: MutationContext, post: Post, change: Partial<Post>): Promise<Outcome> {
  const next: Post = { ...post, ...change, state: 'publishing', updatedAt: ctx.now };
  const { refused } = await enqueuePublications(ctx.q, {
    postId: next.id,
    municipalityId: next.municipalityId,
    text: publicPostText(next),
    photoIds: next.photos.map((p) => p.attachmentId),
    channelIds: next.channelIds,
  });
  if (refused.length > 0) return rejected('validation_failed', `Pages cannot take the post: ${refused.map((r) => `${r.channelId} (${r.reason})`).join(', ')}`);
  await savePost(ctx.q, next);
  await recordPost(ctx.q, ctx.changes, next);
  return applied;
}

export async function draftPost(ctx: MutationContext, args: MutationArgs<'post.draft'>): Promise<Outcome> {
  const problem = await loadProblemForUpdate(ctx.q, args.problemId);
  if (!problem) return rejected('not_found', 'Problem not found');
  if (!canManageProblems(ctx.actor) || !canSeeProblem(ctx.actor, problem, await problemAppealBodies(ctx.q, problem.id))) return rejected('forbidden', 'Problem is outside your scope');
  if (problem.state !== 'solved' && problem.state !== 'confirmed') return rejected('invalid_transition', 'A resolution post is for a solved problem');
  const existing = await loadPostForUpdate(ctx.q, args.postId);
  if (existing && existing.problemId !== args.problemId) return rejected('conflict', 'The post belongs to another problem');
  if (!canApplyPostMutation('post.draft', existing?.state ?? null)) return notAllowed('post.draft', existing);
  const post: Post = {
    id: args.postId,
    problemId: problem.id,
    // Published on the pages of the body that fixed it (or, without a promise, where it was found).
    municipalityId: existing?.municipalityId ?? problem.responsibleBodyId ?? problem.municipalityId,
    authorId: existing?.authorId ?? ctx.actor.id,
    state: 'draft',
    text: args.text,
    photos: args.photos,
    quotes: args.quotes,
    channelIds: args.channelIds,
    returnComment: existing?.returnComment ?? null,
    approvedBy: null,
    links: [],
    publishedAt: null,
    createdAt: existing?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
  };
  await savePost(ctx.q, post);
  await recordPost(ctx.q, ctx.changes, post);
  return applied;
}

export async function submitPost(ctx: MutationContext, args: MutationArgs<'post.submit'>): Promise<Outcome> {
  const post = await loadPostForUpdate(ctx.q, args.postId);
  if (!post) return rejected('not_found', 'Post not found');
  if (post.authorId !== ctx.actor.id && !canSupervise(ctx.actor)) return rejected('forbidden', 'Only its author or a supervisor submits a post');
  if (!canApplyPostMutation('post.submit', post.state)) return notAllowed('post.submit', post);
  const problems = postSubmitProblems(post);
  if (problems.length > 0) return rejected('validation_failed', problems.join(' '));
  const needsApproval = postRequiresApproval(ctx.approvalPolicy, post.municipalityId, await pagePlatforms(ctx, post.channelIds));
  if (submittedState(needsApproval) === 'approved') return publish(ctx, post, { returnComment: null });
  const next: Post = { ...post, state: 'submitted', returnComment: null, updatedAt: ctx.now };
  await savePost(ctx.q, next);
  await recordPost(ctx.q, ctx.changes, next);
  return applied;
}

function mayReview(ctx: MutationContext, post: Post): boolean {
  return canSupervise(ctx.actor) && canSeeMunicipality(ctx.actor, post.municipalityId);
}

export async function approvePost(ctx: MutationContext, args: MutationArgs<'post.approve'>): Promise<Outcome> {
  const post = await loadPostForUpdate(ctx.q, args.postId);
  if (!post) return rejected('not_found', 'Post not found');
  if (!mayReview(ctx, post)) return rejected('forbidden', 'Only a supervisor of the body approves its posts');
  if (!canApplyPostMutation('post.approve', post.state)) return notAllowed('post.approve', post);
  return publish(ctx, post, { approvedBy: ctx.actor.id, ...(args.editedText ? { text: args.editedText } : {}) });
}

export async function returnPost(ctx: MutationContext, args: MutationArgs<'post.return'>): Promise<Outcome> {
  const post = await loadPostForUpdate(ctx.q, args.postId);
  if (!post) return rejected('not_found', 'Post not found');
  if (!mayReview(ctx, post)) return rejected('forbidden', 'Only a supervisor of the body returns its posts');
  if (!canApplyPostMutation('post.return', post.state)) return notAllowed('post.return', post);
  const next: Post = { ...post, state: 'returned', returnComment: args.comment, updatedAt: ctx.now };
  await savePost(ctx.q, next);
  await recordPost(ctx.q, ctx.changes, next);
  return applied;
}

/** Again after an approval whose pages refused it (a page re-enabled, a token renewed). */
export async function publishPost(ctx: MutationContext, args: MutationArgs<'post.publish'>): Promise<Outcome> {
  const post = await loadPostForUpdate(ctx.q, args.postId);
  if (!post) return rejected('not_found', 'Post not found');
  if (!mayReview(ctx, post)) return rejected('forbidden', 'Only a supervisor of the body publishes its posts');
  if (!canApplyPostMutation('post.publish', post.state)) return notAllowed('post.publish', post);
  return publish(ctx, post, {});
}
