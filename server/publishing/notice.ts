import type { ChannelPlatform } from '../../shared/channels/platforms';
import { noticeLinkFor, postNoticeText } from '../../shared/posts/notice';
import type { PostLink } from '../../shared/posts/post';
import type { ChangeSet } from '../changes';
import type { Queryable } from '../db/types';
import { enqueueDelivery } from '../delivery/enqueue';
import { loadAppeal } from '../repo/appeals';

/**
 * The post's pages once none is pending: the links of those that took it ([] when every page
 * failed); null while a publication is still queued or sending.
 */
export async function settledLinks(q: Queryable, postId: string): Promise<PostLink[] | null> {
  const res = await q.query<{ channelId: string; platform: ChannelPlatform; state: string; url: string | null }>(
    'SELECT channel_id AS "channelId", platform, state, external_url AS url FROM publications WHERE post_id = $1 ORDER BY delivered_at NULLS LAST, channel_id',
    [postId],
  );
  if (res.rows.some((r) => r.state === 'queued' || r.state === 'sending')) return null;
  return res.rows.filter((r) => r.state === 'delivered' && r.url !== null).map((r) => ({ channelId: r.channelId, platform: r.platform, url: r.url! }));
}

/**
 * Tells each appeal's author, in the dialog or thread they wrote from, that the problem is solved
 * and where the post is (the page on their own platform where there is one): one delivery per
 * appeal, through the delivery worker, keyed `post:<post>:<appeal>` so a second call for the same
 * post tells nobody twice. An appeal from no channel (a phone call, e-mail) gets none: its clerk
 * tells that person. Returns how many notices were queued.
 */
export async function noticeAuthors(q: Queryable, changes: ChangeSet, input: { postId: string; appealIds: readonly string[]; links: readonly PostLink[]; now: string }): Promise<number> {
  let queued = 0;
  for (const appealId of input.appealIds) {
    const appeal = await loadAppeal(q, appealId);
    if (!appeal) continue;
    const thread = await q.query<{ platform: ChannelPlatform | null }>(
      'SELECT c.platform FROM channel_threads t LEFT JOIN channels c ON c.id = t.channel_id WHERE t.appeal_id = $1',
      [appealId],
    );
    const url = noticeLinkFor(thread.rows[0]?.platform ?? null, input.links);
    if (!url) continue;
    queued += await enqueueDelivery(q, changes, appeal, { kind: 'post', replyId: null, key: `${input.postId}:${appealId}`, text: postNoticeText(url) }, input.now);
  }
  return queued;
}
