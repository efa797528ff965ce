import { randomUUID } from 'node:crypto';
import { PUBLISH_MAX_PHOTOS } from '../../shared/channels/publish';
import type { Queryable } from '../db/types';
import { connectorFor } from '../channels/registry';

/** NOTIFY channel a committed publication wakes the publishing workers of every server process on. */
export const PUBLISHING_CHANNEL = 'otklik_publications';

export interface PostToPublish {
  postId: string;
  /** The post's body (its scope). */
  municipalityId: string;
  /** The public text (shared/posts publicPostText), fixed now: an edit after this is another post. */
  text: string;
  /** Attachment ids of the photos, in order (the composer's re-encoded, blurred copies). */
  photoIds: readonly string[];
  channelIds: readonly string[];
}

/** Why a page cannot take the post, before anything is queued. */
export type EnqueueRefusal = { channelId: string; reason: 'channel_missing' | 'cannot_publish' };

/**
 * One publication per page, written in the caller's transaction (the one that marks the post
 * publishing), each with the key `post:<post>:<channel>`: queuing the same post for the same page
 * again is a no-op, and VK's `guid` is that key. A page that is gone, disabled, of another body or
 * whose platform cannot post is refused, and nothing is queued for any page.
 */
export async function enqueuePublications(q: Queryable, post: PostToPublish): Promise<{ queued: number; refused: EnqueueRefusal[] }> {
  const res = await q.query<{ id: string; platform: string; bodyId: string; enabled: boolean }>(
    'SELECT id, platform, body_id AS "bodyId", enabled FROM channels WHERE id = ANY($1::text[])',
    [[...post.channelIds]],
  );
  const refused: EnqueueRefusal[] = [];
  for (const id of post.channelIds) {
    const c = res.rows.find((r) => r.id === id);
    if (!c || !c.enabled || c.bodyId !== post.municipalityId) refused.push({ channelId: id, reason: 'channel_missing' });
    else if (!connectorFor(c.platform)?.publish) refused.push({ channelId: id, reason: 'cannot_publish' });
  }
  if (refused.length > 0) return { queued: 0, refused };
  let queued = 0;
  for (const c of res.rows) {
    const inserted = await q.query(
      `INSERT INTO publications (id, post_id, channel_id, platform, municipality_id, body, photo_ids, idempotency_key, state, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, 'queued', now())
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [randomUUID(), post.postId, c.id, c.platform, post.municipalityId, post.text, JSON.stringify(post.photoIds.slice(0, PUBLISH_MAX_PHOTOS)), `post:${post.postId}:${c.id}`],
    );
    queued += inserted.rows.length;
  }
  if (queued > 0) await q.query('SELECT pg_notify($1, $2)', [PUBLISHING_CHANNEL, '']);
  return { queued, refused };
}
