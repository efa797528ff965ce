import type { DeliveryResult } from '../../../shared/channels/delivery';
import type { Publication, PublishPhoto, PublishResult } from '../../../shared/channels/publish';
import type { ConnectorChannel } from '../types';
import { channelGroupId } from './inbound';
import { vkCall } from './outbound';
import { postToUploadServer } from './upload';

/**
 * On a post, VK's "authorization" answers are about the page administrator's user token, and the
 * administrator has to act on them (VKCOM/vk-api-schema errors.json): 5 "User authorization
 * failed" (expired or revoked), 15 "Access denied" (the user is no longer an administrator of the
 * community), 27 "Group authorization failed" (a community token pasted where a user token is
 * needed: photos.getWallUploadServer and wall.post with from_group take only a user token), 7
 * "Permission to perform this action is denied" (the token lacks the `wall` or `photos` right).
 */
const TOKEN_ERRORS = new Set([5, 7, 15, 27]);

function tokenState(result: DeliveryResult): DeliveryResult {
  if (result.outcome !== 'permanent') return result;
  const code = /^VK (\d+):/.exec(result.detail)?.[1];
  return code !== undefined && TOKEN_ERRORS.has(Number(code)) ? { outcome: 'permanent', code: 'publish_token_expired', detail: result.detail } : result;
}

const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : typeof v === 'string' && /^-?\d{1,15}$/.test(v) ? Number(v) : null);

/**
 * The upload server's answer to the multipart POST: `{server, photo, hash}` (vk-io's
 * PhotosWallUploadResponse); an empty `photo` ("[]") means VK did not take the file.
 */
async function uploadTo(url: string, photo: PublishPhoto): Promise<{ ok: true; server: number; photo: string; hash: string } | { ok: false; result: DeliveryResult }> {
  // The field is `photo`, as vk-io's upload.wallPhoto names it (maxFiles 1, so no number suffix).
  const posted = await postToUploadServer(url, 'photo', photo);
  if (!posted.ok) return posted;
  const body = (posted.json ?? {}) as { server?: unknown; photo?: unknown; hash?: unknown; error?: unknown };
  const server = int(body.server);
  if (posted.status !== 200 || server === null || typeof body.photo !== 'string' || body.photo === '' || body.photo === '[]' || typeof body.hash !== 'string') {
    return { ok: false, result: { outcome: 'permanent', code: 'rejected', detail: `VK upload refused the photo: HTTP ${posted.status} ${JSON.stringify(body.error ?? '').slice(0, 200)}` } };
  }
  return { ok: true, server, photo: body.photo, hash: body.hash };
}

/**
 * A post on the community's wall as the community: each photo by photos.getWallUploadServer
 * (group_id) → multipart POST of the file to its `upload_url` → photos.saveWallPhoto (group_id,
 * server, photo, hash) → `photo<owner_id>_<id>`; then wall.post (owner_id = -group_id,
 * from_group = 1, message, attachments, guid). All with the page administrator's user token
 * (`userToken`): VK takes no community token for these. The `guid` makes a repeated wall.post
 * answer the first post, so a retry leaves one post (a photo uploaded twice is an unattached
 * photo in the community's wall album, nothing more).
 */
export async function vkPublish(channel: ConnectorChannel, publication: Publication): Promise<PublishResult> {
  const groupId = channelGroupId(channel);
  if (groupId === null) return { outcome: 'permanent', code: 'channel_unauthorized', detail: 'The VK channel has no groupId setting' };
  const token = channel.secrets.userToken;
  if (!token) return { outcome: 'permanent', code: 'publish_token_missing', detail: 'wall.post from_group=1 and photos.getWallUploadServer need a page administrator\'s user token (userToken)' };
  const attachments: string[] = [];
  for (const photo of publication.photos) {
    const server = await vkCall(channel, 'photos.getWallUploadServer', { group_id: groupId }, token);
    if (!server.ok) return tokenState(server.result);
    const uploaded = await uploadTo(String((server.value as { upload_url?: unknown } | null)?.upload_url ?? ''), photo);
    if (!uploaded.ok) return uploaded.result;
    const saved = await vkCall(channel, 'photos.saveWallPhoto', { group_id: groupId, server: uploaded.server, photo: uploaded.photo, hash: uploaded.hash }, token);
    if (!saved.ok) return tokenState(saved.result);
    const first = (Array.isArray(saved.value) ? saved.value[0] : null) as { id?: unknown; owner_id?: unknown } | null;
    const id = int(first?.id);
    const owner = int(first?.owner_id);
    if (id === null || owner === null) return { outcome: 'permanent', code: 'rejected', detail: 'photos.saveWallPhoto answered no photo' };
    attachments.push(`photo${owner}_${id}`);
  }
  const params: Record<string, string | number> = { owner_id: -groupId, from_group: 1, message: publication.text, guid: publication.idempotencyKey };
  if (attachments.length > 0) params.attachments = attachments.join(',');
  const posted = await vkCall(channel, 'wall.post', params, token);
  if (!posted.ok) return tokenState(posted.result);
  const postId = int((posted.value as { post_id?: unknown } | null)?.post_id);
  if (postId === null) return { outcome: 'permanent', code: 'rejected', detail: 'wall.post answered no post_id' };
  return { outcome: 'delivered', externalId: `-${groupId}_${postId}`, externalUrl: `https://vk.com/wall-${groupId}_${postId}` };
}
