import type { DeliveryResult } from './delivery';

/** A photo as a connector uploads it: bytes already re-encoded by the composer and stripped of metadata on the server. */
export interface PublishPhoto {
  bytes: Uint8Array;
  /** image/jpeg or image/png (judged by content on the server). */
  mime: string;
  name: string;
}

/**
 * One post to one official page (a VK community's wall, a Telegram channel): the public text
 * (shared/posts/post.ts publicPostText, already cleaned) and its photos, in order.
 */
export interface Publication {
  publicationId: string;
  text: string;
  photos: readonly PublishPhoto[];
  /**
   * Stable for every attempt of this publication: where the platform has an idempotency key (VK
   * wall.post's `guid`) it is this, so a retry leaves one post.
   */
  idempotencyKey: string;
}

/**
 * What a connector's publish returns: a delivery result, whose `externalUrl` on success is the
 * post's public address (kept on the problem and sent to every author).
 */
export type PublishResult = DeliveryResult;

/** The most photos one post carries (Telegram's media group takes 10; VK's wall.post 10 attachments). */
export const PUBLISH_MAX_PHOTOS = 10;
/** A photo larger than this is not uploaded (VK's wall upload takes up to 50 MB, Telegram's sendPhoto 10 MB). */
export const PUBLISH_PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/**
 * A page's error codes that say something about the channel itself, not this one post: the
 * channel keeps it as its last error, so the administrator reads it in «Каналы».
 */
export const CHANNEL_STATE_ERRORS = ['channel_unauthorized', 'publish_token_missing', 'publish_token_expired'] as const;

export function isChannelStateError(code: string): boolean {
  return (CHANNEL_STATE_ERRORS as readonly string[]).includes(code);
}
