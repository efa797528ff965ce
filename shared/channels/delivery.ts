import { z } from 'zod';
import { idSchema, isoDateTime } from '../domain';
import { channelPlatformSchema } from './platforms';
import { outboundKindSchema } from './outbound';

/**
 * queued: waiting for (the next) attempt; sending: a server process is calling the platform;
 * delivered: the platform took it; failed: stopped with a reason (a clerk may retry);
 * manual: a clerk marked it as sent by hand.
 */
export const DELIVERY_STATES = ['queued', 'sending', 'delivered', 'failed', 'manual'] as const;
export const deliveryStateSchema = z.enum(DELIVERY_STATES);
export type DeliveryState = z.infer<typeof deliveryStateSchema>;

/** Reasons a delivery is retried later; shown while it waits («в очереди: ...»). */
export const TRANSIENT_DELIVERY_ERRORS = ['network', 'platform_unavailable', 'rate_limited'] as const;

/** Reasons a delivery stopped. The Russian text for each is chosen by the client from the code. */
export const PERMANENT_DELIVERY_ERRORS = [
  /** The person blocked the community or bot, or does not accept its messages (VK 901, 902; Telegram 403). */
  'recipient_blocked',
  /** Comments are closed or the post is gone (VK 212, 213, 223). */
  'comments_closed',
  /** The dialog, post or comment answered no longer exists (Telegram "chat not found"). */
  'target_missing',
  /** Longer than the platform takes in one message (VK 914; Telegram "message is too long"). */
  'too_long',
  /** The channel's token was revoked or is wrong (VK 5, 27; Telegram 401). */
  'channel_unauthorized',
  /** A post to a VK page needs a page administrator's user token, and the channel has none. */
  'publish_token_missing',
  /** The page administrator's user token expired, was revoked or lacks the rights (VK 5, 15, 27 on a post). */
  'publish_token_expired',
  /** The appeal's channel is no longer connected, or disabled. */
  'channel_missing',
  /** A send was under way when its server process stopped: it may have arrived; a person checks. */
  'unknown_outcome',
  /** Transient failures went on for longer than the retry budget. */
  'retries_exhausted',
  /** The platform refused it for another reason (its own code is in `detail`). */
  'rejected',
] as const;

export const DELIVERY_ERROR_CODES = [...TRANSIENT_DELIVERY_ERRORS, ...PERMANENT_DELIVERY_ERRORS] as const;
export const deliveryErrorCodeSchema = z.enum(DELIVERY_ERROR_CODES);
export type DeliveryErrorCode = z.infer<typeof deliveryErrorCodeSchema>;
export type TransientDeliveryError = (typeof TRANSIENT_DELIVERY_ERRORS)[number];
export type PermanentDeliveryError = (typeof PERMANENT_DELIVERY_ERRORS)[number];

export const deliveryErrorSchema = z.object({
  code: deliveryErrorCodeSchema,
  /** The platform's own words (English or the platform's code), for support; not for citizens. */
  detail: z.string().max(500).nullable(),
});
export type DeliveryError = z.infer<typeof deliveryErrorSchema>;

/** One outgoing message and its fate, synced to every workstation of the appeal's scope. */
export const deliverySchema = z.object({
  id: idSchema,
  appealId: idSchema,
  /** The published reply it carries; null for a clarification question. */
  replyId: idSchema.nullable(),
  kind: outboundKindSchema,
  channelId: idSchema,
  platform: channelPlatformSchema,
  state: deliveryStateSchema,
  attempts: z.number().int().nonnegative(),
  lastError: deliveryErrorSchema.nullable(),
  /** The answer on the platform (a link to the comment; for a private dialog, the dialog). */
  externalUrl: z.string().max(2048).nullable(),
  nextAttemptAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  deliveredAt: isoDateTime.nullable(),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** What a connector's send returns. It never throws for a platform's answer; only for a bug. */
export type DeliveryResult =
  | { outcome: 'delivered'; externalId: string; externalUrl: string | null }
  | { outcome: 'transient'; code: TransientDeliveryError; detail: string; retryAfterMs?: number }
  | { outcome: 'permanent'; code: PermanentDeliveryError; detail: string };

export const deliveryResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('delivered'), externalId: z.string().max(256), externalUrl: z.string().max(2048).nullable() }),
  z.object({
    outcome: z.literal('transient'),
    code: z.enum(TRANSIENT_DELIVERY_ERRORS),
    detail: z.string().max(500),
    retryAfterMs: z.number().int().nonnegative().optional(),
  }),
  z.object({ outcome: z.literal('permanent'), code: z.enum(PERMANENT_DELIVERY_ERRORS), detail: z.string().max(500) }),
]);

/** States in which a clerk may press «Повторить» / «Отметить как отправленный вручную». */
export function canRetryDelivery(state: DeliveryState): boolean {
  return state === 'failed';
}
export function canMarkDeliveryManual(state: DeliveryState): boolean {
  return state === 'failed' || state === 'queued';
}
