import { z } from 'zod';
import { isoDateTime } from '../domain';

export const INBOUND_TEXT_MAX_LENGTH = 20000;

/**
 * Where an answer to an event goes on its platform, in the platform's own terms (VK: peer_id, or
 * owner_id + post_id + comment_id; Telegram: chat_id + message_id). Only the platform's connector
 * reads it; everybody else passes it along.
 */
export const replyTargetSchema = z.record(z.string().max(64), z.union([z.string().max(512), z.number()]));
export type ReplyTarget = z.infer<typeof replyTargetSchema>;

/** A file an event carries, still on the platform: the inbox worker downloads it. */
export const inboundAttachmentSchema = z.object({
  /** The platform's id of the file (Telegram file_id, VK photo owner_id_id). */
  ref: z.string().min(1).max(512),
  /** A direct URL when the event carries one (VK photo sizes); otherwise the connector resolves `ref`. */
  url: z.string().max(2048).optional(),
  name: z.string().max(255).optional(),
  mime: z.string().max(127).optional(),
  size: z.number().int().nonnegative().optional(),
});
export type InboundAttachment = z.infer<typeof inboundAttachmentSchema>;

export const inboundAuthorSchema = z.object({
  /** The platform's id of the person (VK from_id, Telegram from.id): the key threads are kept by. */
  externalId: z.string().min(1).max(128),
  /** As the platform gives it; untrusted text, rendered as text everywhere. */
  name: z.string().min(1).max(200),
  profileUrl: z.string().max(2048).optional(),
});
export type InboundAuthor = z.infer<typeof inboundAuthorSchema>;

/**
 * `appeal`: always opens a new appeal (a suggested post, a new board topic). `follow_up`: a message
 * in a dialog or a comment in a thread — it joins the same person's open appeal in the same thread
 * (`threadKey`) and opens a new appeal only when there is none.
 */
export const INBOUND_KINDS = ['appeal', 'follow_up'] as const;
export const inboundKindSchema = z.enum(INBOUND_KINDS);
export type InboundKind = z.infer<typeof inboundKindSchema>;

/** One citizen's message as a connector parses it from the platform's webhook payload. */
export const inboundEventSchema = z.object({
  /** The platform's id of the delivery (VK event_id, Telegram update_id): a second one is a no-op. */
  eventId: z.string().min(1).max(256),
  kind: inboundKindSchema,
  /** The dialog or comment thread: `vk:peer:123`, `vk:wall:-1_45`, `telegram:chat:42`. */
  threadKey: z.string().min(1).max(256),
  /** The message's own id on the platform, unique per channel: the appeal's externalRef when it opens one. */
  messageRef: z.string().min(1).max(512),
  author: inboundAuthorSchema,
  text: z.string().max(INBOUND_TEXT_MAX_LENGTH),
  attachments: z.array(inboundAttachmentSchema).max(20),
  /** The post, comment or dialog on the platform, for the clerk to open. */
  link: z.string().max(2048).optional(),
  receivedAt: isoDateTime,
  replyTarget: replyTargetSchema,
  /**
   * A press of one of a bot's buttons (Telegram callback_query, VK/MAX payload): the data as the
   * platform returned it, forgeable by the citizen, so the bot checks it; `callbackId` is what the
   * platform wants acknowledged (answerCallbackQuery). Only a channel with a bot takes these.
   */
  button: z.object({ data: z.string().max(256), callbackId: z.string().max(256).optional() }).optional(),
});
export type InboundEvent = z.infer<typeof inboundEventSchema>;
