import { createHash } from 'node:crypto';
import type { DeliveryResult, PermanentDeliveryError, TransientDeliveryError } from '../../../shared/channels/delivery';
import type { OutboundMessage } from '../../../shared/channels/outbound';
import { postPlatform } from '../http';
import { channelApiBase } from '../settings';
import type { ChannelCheck, ConnectorChannel } from '../types';
import { channelGroupId } from './inbound';

/** vk-io 4.10's default (`https://api.vk.ru/method`): VK's API moved to the vk.ru domain. */
export const VK_API_BASE = 'https://api.vk.ru';
/** The API version every call names (and the Callback server should be set to). */
export const VK_API_VERSION = '5.199';

/**
 * VK's error codes (`error.error_code`; descriptions from VKCOM/vk-api-schema errors.json, names
 * as vk-io's APIErrorCode) and what each means for a reply. Anything not listed is `rejected` with
 * VK's code and words in the detail.
 */
const TRANSIENT: Record<number, TransientDeliveryError> = {
  1: 'platform_unavailable', // UNKNOWN: "Unknown error occurred"
  10: 'platform_unavailable', // SERVER: "Internal server error"
  6: 'rate_limited', // TOO_MANY: "Too many requests per second"
  9: 'rate_limited', // FLOOD: "Flood control"
  29: 'rate_limited', // RATE_LIMIT: "Rate limit reached" (a method's daily quota)
};
const PERMANENT: Record<number, PermanentDeliveryError> = {
  5: 'channel_unauthorized', // AUTH: "User authorization failed" (a revoked or wrong token)
  27: 'channel_unauthorized', // GROUP_AUTH: "Group authorization failed"
  7: 'channel_unauthorized', // PERMISSION: the token lacks the right (messages, wall)
  900: 'recipient_blocked', // "Can't send messages for users from blacklist"
  901: 'recipient_blocked', // MESSAGES_DENY_SEND: the person has not allowed the community to write
  902: 'recipient_blocked', // MESSAGES_PRIVACY: the person's privacy settings
  18: 'target_missing', // USER_DELETED: "User was deleted or banned"
  104: 'target_missing', // "Not found"
  212: 'comments_closed', // WALL_ACCESS_REPLIES: "Access to post comments denied"
  213: 'comments_closed', // WALL_ACCESS_ADD_REPLY: "Access to status replies denied"
  223: 'comments_closed', // WALL_REPLY_OWNER_FLOOD: "Too many replies" (the thread takes no more)
  914: 'too_long', // MESSAGES_TOO_LONG_MESSAGE
};
// 15 ACCESS "Access denied" is left `rejected`: VK gives it both for a token without rights and for
// a post that cannot be reached, and the clerk reads VK's words in the detail.

/** VK's answer to one method call, as a delivery outcome; `value` is the `response` on success. */
export function vkOutcome(status: number, json: unknown): { ok: true; value: unknown } | { ok: false; result: DeliveryResult } {
  const body = (json ?? {}) as { response?: unknown; error?: { error_code?: unknown; error_msg?: unknown } };
  if (body.error && typeof body.error.error_code === 'number') {
    const code = body.error.error_code;
    const detail = `VK ${code}: ${String(body.error.error_msg ?? '')}`.slice(0, 500);
    const transient = TRANSIENT[code];
    if (transient) return { ok: false, result: { outcome: 'transient', code: transient, detail } };
    return { ok: false, result: { outcome: 'permanent', code: PERMANENT[code] ?? 'rejected', detail } };
  }
  if (status === 429) return { ok: false, result: { outcome: 'transient', code: 'rate_limited', detail: 'HTTP 429' } };
  if (status >= 500) return { ok: false, result: { outcome: 'transient', code: 'platform_unavailable', detail: `HTTP ${status}` } };
  if (status === 200 && body.response !== undefined) return { ok: true, value: body.response };
  return { ok: false, result: { outcome: 'permanent', code: 'rejected', detail: `HTTP ${status}` } };
}

/**
 * One API method: `POST <base>/method/<name>` with form-encoded parameters, `access_token` and `v`
 * among them, exactly as vk-io's APIRequest sends it. Not through vk-io's API class: its worker
 * re-queues a call that got error 6 with no limit and retries network failures itself, while
 * retries and rate limits here belong to the delivery worker, which must see each attempt's outcome.
 */
export async function vkCall(channel: ConnectorChannel, method: string, params: Record<string, string | number>, token: string | undefined): Promise<{ ok: true; value: unknown } | { ok: false; result: DeliveryResult }> {
  const form = new URLSearchParams({ access_token: token ?? '', v: VK_API_VERSION });
  for (const [k, v] of Object.entries(params)) form.set(k, String(v));
  const res = await postPlatform(`${channelApiBase(channel, VK_API_BASE)}/method/${method}`, form.toString(), 'application/x-www-form-urlencoded');
  if (!res.ok) return { ok: false, result: { outcome: 'transient', code: 'network', detail: res.detail } };
  return vkOutcome(res.status, res.json);
}

/**
 * messages.send's `random_id` for a message: the first 31 bits of SHA-256 of its idempotency key,
 * so every attempt of one message carries the same one and VK sends it once. Never 0 (no key).
 */
export function randomIdFor(idempotencyKey: string): number {
  const n = createHash('sha256').update(idempotencyKey).digest().readUInt32BE(0) & 0x7fffffff;
  return n === 0 ? 1 : n;
}

const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : typeof v === 'string' && /^-?\d{1,15}$/.test(v) ? Number(v) : null);
const missing = (what: string): DeliveryResult => ({ outcome: 'permanent', code: 'target_missing', detail: `No ${what} in the VK reply target` });

/**
 * A reply through the community token: a dialog by messages.send (`random_id`), a comment by
 * wall.createComment (`guid`) under the citizen's comment, as the community (`from_group`); a
 * board topic by board.createComment, which takes only a user token (the page administrator's
 * `userToken`). VK drops a repeated `random_id` / `guid`, so a retry never posts twice.
 */
export async function vkSend(channel: ConnectorChannel, message: OutboundMessage): Promise<DeliveryResult> {
  const groupId = channelGroupId(channel);
  if (groupId === null) return { outcome: 'permanent', code: 'channel_unauthorized', detail: 'The VK channel has no groupId setting' };
  const t = message.target;
  if (t.mode === 'message') {
    const peerId = int(t.peer_id);
    if (peerId === null) return missing('peer_id');
    const out = await vkCall(channel, 'messages.send', { peer_id: peerId, message: message.text, random_id: randomIdFor(message.idempotencyKey) }, channel.secrets.accessToken);
    if (!out.ok) return out.result;
    return { outcome: 'delivered', externalId: String(out.value), externalUrl: `https://vk.com/gim${groupId}?sel=${peerId}` };
  }
  if (t.mode === 'comment') {
    const ownerId = int(t.owner_id);
    const postId = int(t.post_id);
    const commentId = int(t.comment_id);
    if (ownerId === null || postId === null) return missing('owner_id/post_id');
    const params: Record<string, string | number> = { owner_id: ownerId, post_id: postId, message: message.text, from_group: groupId, guid: message.idempotencyKey };
    if (commentId !== null) params.reply_to_comment = commentId;
    const out = await vkCall(channel, 'wall.createComment', params, channel.secrets.accessToken);
    if (!out.ok) return out.result;
    const id = int((out.value as { comment_id?: unknown } | null)?.comment_id);
    return { outcome: 'delivered', externalId: `${ownerId}_${postId}_${id ?? ''}`, externalUrl: id === null ? `https://vk.com/wall${ownerId}_${postId}` : `https://vk.com/wall${ownerId}_${postId}?reply=${id}` };
  }
  if (t.mode === 'board') {
    const topicId = int(t.topic_id);
    if (topicId === null) return missing('topic_id');
    if (!channel.secrets.userToken) return { outcome: 'permanent', code: 'channel_unauthorized', detail: 'board.createComment needs the page administrator\'s user token (userToken)' };
    const out = await vkCall(channel, 'board.createComment', { group_id: groupId, topic_id: topicId, message: message.text, from_group: 1, guid: message.idempotencyKey }, channel.secrets.userToken);
    if (!out.ok) return out.result;
    const id = int(out.value);
    return { outcome: 'delivered', externalId: `${topicId}_${id ?? ''}`, externalUrl: `https://vk.com/topic-${groupId}_${topicId}${id === null ? '' : `?post=${id}`}` };
  }
  return missing('mode');
}

/** «Проверить подключение»: groups.getById with the community token must name the channel's community. */
export async function vkCheck(channel: ConnectorChannel): Promise<ChannelCheck> {
  const groupId = channelGroupId(channel);
  if (groupId === null) return { ok: false, code: 'channel_unauthorized', detail: 'The VK channel has no groupId setting' };
  const out = await vkCall(channel, 'groups.getById', { group_id: groupId }, channel.secrets.accessToken);
  if (!out.ok) return { ok: false, code: out.result.outcome === 'delivered' ? 'rejected' : out.result.code, detail: out.result.outcome === 'delivered' ? '' : out.result.detail };
  // 5.199 answers {groups, profiles} (groups_getById_object_response); a bare array is taken too.
  const value = out.value as { groups?: unknown } | unknown[];
  const groups = (Array.isArray(value) ? value : Array.isArray((value as { groups?: unknown }).groups) ? (value as { groups: unknown[] }).groups : []) as Array<{ id?: unknown; name?: unknown }>;
  const group = groups.find((g) => g.id === groupId);
  if (!group) return { ok: false, code: 'rejected', detail: `groups.getById did not return community ${groupId}` };
  const detail = `VK community «${String(group.name ?? '')}» (id ${groupId})`.slice(0, 500);
  // Resolution posts need the page administrator's user token: photos.getWallUploadServer is the
  // harmless call that proves it is alive, its user still an administrator, with the photos right.
  const userToken = channel.secrets.userToken;
  if (!userToken) return { ok: true, detail, warning: 'publish_token_missing' };
  const upload = await vkCall(channel, 'photos.getWallUploadServer', { group_id: groupId }, userToken);
  if (!upload.ok) {
    const r = upload.result;
    if (r.outcome === 'transient') return { ok: false, code: r.code, detail: r.detail };
    return { ok: false, code: 'publish_token_expired', detail: `userToken: ${r.outcome === 'permanent' ? r.detail : ''}`.slice(0, 500) };
  }
  return { ok: true, detail };
}
