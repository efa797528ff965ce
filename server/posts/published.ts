import { randomUUID } from 'node:crypto';
import type { Post } from '../../shared/posts/post';
import type { OnPublished } from '../publishing/outcome';
import { noticeAuthors, settledLinks } from '../publishing/notice';
import { insertEvent, loadAppeal } from '../repo/appeals';
import { problemAppealIds } from '../repo/problems';
import { municipalityScope } from '../scopes';
import { loadPostForUpdate, recordPost, savePost } from './repo';

/**
 * The publishing worker settled one page of a post (server/publishing/outcome.ts). Once no page is
 * pending: with at least one link the post is published, the links kept on it, each appeal of the
 * problem gets a history entry with them and its author a notice in their own channel; with none
 * (every page refused it) it goes back to «approved» for a supervisor to publish again.
 */
export const onPostPublished: OnPublished = async (q, changes, published) => {
  const post = await loadPostForUpdate(q, published.postId);
  if (!post || post.state !== 'publishing') return;
  const links = await settledLinks(q, post.id);
  if (links === null) return;
  const now = new Date().toISOString();
  const next: Post = links.length > 0 ? { ...post, state: 'published', links, publishedAt: now, updatedAt: now } : { ...post, state: 'approved', updatedAt: now };
  await savePost(q, next);
  await recordPost(q, changes, next);
  if (links.length === 0) return;
  const appealIds = await problemAppealIds(q, post.problemId);
  for (const appealId of appealIds) {
    const appeal = await loadAppeal(q, appealId);
    if (!appeal) continue;
    const id = randomUUID();
    await insertEvent(q, { id, appealId, actorId: null, actorName: null, kind: 'post_published', data: { postId: post.id, links }, version: appeal.version, at: now });
    changes.upsert('event', id, municipalityScope(appeal.municipalityId));
  }
  await noticeAuthors(q, changes, { postId: post.id, appealIds, links, now });
};
