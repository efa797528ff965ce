import { z } from 'zod';
import { downloadFile } from '../http';
import type { Connector } from '../types';
import { vkAckButton, vkSendBot } from './bot';
import { vkEnvelope, vkParse, vkVerify } from './inbound';
import { vkCheck, vkSend } from './outbound';
import { vkPublish } from './publish';

/** Photos in VK events are fetched up to this size; larger ones stay a link on the platform. */
const MAX_PHOTO_BYTES = 20 * 1024 * 1024;

/**
 * VK: a community's messages, wall comments, board posts and suggested posts through the Callback
 * API; answers through the community token (README.md). The community's id is the public `groupId`
 * setting; the tokens, the callback secret and the confirmation code are secrets.
 */
export const vkConnector: Connector = {
  platform: 'vk',
  secretsSchema: z.object({
    /** The community token («Работа с API» → «Ключи доступа»): messages, wall comments, groups.getById. */
    accessToken: z.string().min(1).max(4096),
    /** «Секретный ключ» of the Callback server: VK puts it in every call's `secret`. */
    callbackSecret: z.string().min(1).max(50),
    /** «Строка, которую должен вернуть сервер»: the answer to the `confirmation` call. */
    confirmationCode: z.string().min(1).max(64),
    /**
     * A page administrator's user token (scopes wall, photos, offline): board replies and resolution
     * posts (wall.post, photos.getWallUploadServer/saveWallPhoto). Optional: without it a post stops as `publish_token_missing`.
     */
    userToken: z.string().min(1).max(4096).optional(),
  }) as unknown as z.ZodType<Record<string, string>>,
  // dev.vk.com «Ограничения и рекомендации»: up to 20 calls a second with a community token. VK
  // publishes no per-dialog limit; one message a second to one dialog or thread keeps clear of
  // flood control (error 9) for identical actions.
  rateLimits: { perTargetMs: 1000, perChannelPerSecond: 20 },
  // messages.send drops a repeated random_id and wall.createComment / board.createComment a repeated guid.
  idempotentSend: true,
  verify: vkVerify,
  envelope: vkEnvelope,
  ack: { contentType: 'text/plain', body: 'ok' },
  parse: vkParse,
  send: vkSend,
  sendBot: vkSendBot,
  ackButton: vkAckButton,
  fetchAttachment: async (_channel, attachment) => {
    if (!attachment.url) return null;
    const file = await downloadFile(attachment.url, MAX_PHOTO_BYTES);
    return file ? { bytes: file.bytes, mime: file.mime, name: attachment.name ?? 'photo.jpg' } : null;
  },
  check: vkCheck,
  publish: vkPublish,
  // wall.post drops a repeated guid (answers the first post).
  idempotentPublish: true,
};
