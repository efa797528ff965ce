import { z } from 'zod';
import { idSchema, REPLY_MAX_LENGTH } from '../domain';
import { replyTargetSchema } from './inbound';

/**
 * What goes back to a citizen: a published reply, a clarification question, the notice of a
 * resolution post, the rating question (shared/ratings.ts; with buttons where the channel has
 * them), or a short notice (the thanks for a rating).
 */
export const OUTBOUND_KINDS = ['reply', 'question', 'post', 'rating', 'notice'] as const;
export const outboundKindSchema = z.enum(OUTBOUND_KINDS);
export type OutboundKind = z.infer<typeof outboundKindSchema>;

/** One message a connector sends, to the dialog or comment thread the appeal came from. */
export const outboundMessageSchema = z.object({
  deliveryId: idSchema,
  kind: outboundKindSchema,
  text: z.string().min(1).max(REPLY_MAX_LENGTH),
  target: replyTargetSchema,
  /**
   * Stable for every attempt of this delivery (it is the reply's id, or the question event's id):
   * where the platform has an idempotency key (VK random_id, guid) it is derived from this.
   */
  idempotencyKey: z.string().min(1).max(128),
});
export type OutboundMessage = z.infer<typeof outboundMessageSchema>;
