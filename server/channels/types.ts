import type { z } from 'zod';
import type { ChannelSettings } from '../../shared/channels/channel';
import type { ChannelPlatform } from '../../shared/channels/platforms';
import type { DeliveryResult } from '../../shared/channels/delivery';
import type { InboundAttachment, InboundEvent } from '../../shared/channels/inbound';
import type { OutboundMessage } from '../../shared/channels/outbound';
import type { Publication, PublishResult } from '../../shared/channels/publish';
import type { BotButton } from '../../shared/chatbot/dialog';

/** A file a bot's message carries (a topic's ready answer), its bytes read from bot_files. */
export interface OutgoingFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

/** What a connector's sendBot sends: text (may be empty when files follow), buttons, files after the text. */
export interface BotOutgoing {
  text: string;
  buttons: BotButton[][];
  files?: readonly OutgoingFile[];
}

/** A connected channel as its connector sees it: with its secrets, decrypted, never leaving the server. */
export interface ConnectorChannel {
  id: string;
  platform: ChannelPlatform;
  bodyId: string;
  settings: ChannelSettings;
  secrets: Record<string, string>;
}

/** A webhook call as it reached us: the headers (lower-case names) and the parsed JSON body. */
export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /**
   * The caller's address as the server saw it (Fastify's request.ip, so behind a trusted proxy
   * the client's). A platform that signs nothing (OK) is limited to its published ranges by it.
   */
  remoteAddress?: string;
}

/**
 * What a verified webhook call is: a handshake answered with a code and nothing stored (VK
 * `confirmation`), an event to store in the inbox under the platform's own id, or something we do
 * not handle (answered as the platform expects, stored nowhere).
 */
export type Envelope = { kind: 'handshake'; answer: string } | { kind: 'event'; eventId: string } | { kind: 'ignore' };

/** The answer a platform expects at once for an accepted call (VK: `ok` as plain text). */
export interface WebhookAck {
  contentType: string;
  body: string;
}

/** A file fetched from the platform, before our own checks (size, type, EXIF) are applied. */
export interface FetchedFile {
  bytes: Uint8Array;
  mime: string | null;
  name: string;
}

/** How often one connector may call its platform (Telegram: about 1/s per chat, 30/s overall). */
export interface RateLimits {
  /** Minimum gap between two messages to one dialog or thread, ms. */
  perTargetMs: number;
  /** Messages per second through one channel (one bot or community token). */
  perChannelPerSecond: number;
}

/**
 * One platform's connector: its folder (server/channels/<platform>/) implements this and nothing
 * else in the server knows the platform's formats. `verify`, `envelope` and `parse` are pure;
 * `send` and `fetchAttachment` talk to the platform's API at `apiBase(channel)` (the emulator's
 * address in tests and the demo), and never throw for what the platform answers.
 */
export interface Connector {
  platform: ChannelPlatform;
  /** The secrets a channel of this platform needs (tokens, webhook secret), checked on connect. */
  secretsSchema: z.ZodType<Record<string, string>>;
  rateLimits: RateLimits;
  /**
   * Does a second `send` of one message with the same `idempotencyKey` leave one message on the
   * platform (VK's random_id)? Where not (Telegram, OK, MAX), the delivery worker never re-sends a
   * message whose first attempt may have reached the platform: it stops as `unknown_outcome`
   * for a person to check («Повторить» or «Отметить как отправленный вручную»).
   */
  idempotentSend: boolean;
  /** Is the call from the platform? Constant-time secret checks; a `forbidden` call stores nothing. */
  verify(channel: ConnectorChannel, request: WebhookRequest): 'ok' | 'forbidden';
  envelope(channel: ConnectorChannel, body: unknown): Envelope;
  ack: WebhookAck;
  /** The stored raw event as citizens' messages; [] for events that carry none (a service event). */
  parse(channel: ConnectorChannel, raw: unknown): InboundEvent[];
  send(channel: ConnectorChannel, message: OutboundMessage): Promise<DeliveryResult>;
  fetchAttachment(channel: ConnectorChannel, attachment: InboundAttachment): Promise<FetchedFile | null>;
  /**
   * A resolution post on the page the channel is (a VK community's wall, a Telegram channel), as
   * the page: text and photos. Absent where the platform gives a connector no way to post (README).
   * Never throws for what the platform answers.
   */
  publish?(channel: ConnectorChannel, publication: Publication): Promise<PublishResult>;
  /**
   * A message with the platform's buttons (Telegram inline keyboard, VK inline keyboard, MAX
   * inline_keyboard): a topic bot's message or a rating question, to the dialog `target` of the
   * citizen's last event; absent where the connector has none (the text, whose numbered menu or
   * «ответьте цифрой» is the fallback, then goes through `send`). `idempotencyKey` is used where
   * the platform takes one (VK's random_id), so a retried send leaves one message. Files go as the
   * platform's documents (Telegram sendDocument, VK docs in messages.send, MAX file attachments).
   */
  sendBot?(channel: ConnectorChannel, target: Record<string, string | number>, message: BotOutgoing, idempotencyKey?: string): Promise<DeliveryResult>;
  /**
   * Acknowledges a button press so the platform stops showing it as pending (Telegram
   * answerCallbackQuery, VK messages.sendMessageEventAnswer, MAX POST /answers); `callbackId` is
   * the event's `button.callbackId` as the connector's own parse wrote it.
   */
  ackButton?(channel: ConnectorChannel, callbackId: string): Promise<void>;
  /** Does a second `publish` with the same idempotency key leave one post (VK wall.post's guid)? */
  idempotentPublish?: boolean;
  /**
   * «Проверить подключение»: one harmless call with the channel's token (VK groups.getById,
   * Telegram getMe). Optional: `checkChannel` answers for a connector that has none.
   */
  check?(channel: ConnectorChannel): Promise<ChannelCheck>;
}

/** What «Проверить подключение» found; `code` is one of DELIVERY_ERROR_CODES when it failed. */
export type ChannelCheck =
  | {
      ok: true;
      detail: string;
      /** It works, but something it may be asked for will not (VK: no user token for posts: `publish_token_missing`). */
      warning?: string;
    }
  | { ok: false; code: string; detail: string };

/**
 * The check of a channel: the connector's own, or, for one without it, only that its secrets are
 * what the platform's connector needs (no call is made, and the answer says so).
 */
export async function checkChannel(connector: Connector, channel: ConnectorChannel): Promise<ChannelCheck> {
  if (connector.check) return connector.check(channel);
  const parsed = connector.secretsSchema.safeParse(channel.secrets);
  return parsed.success ? { ok: true, detail: 'secrets present; this connector makes no test call' } : { ok: false, code: 'channel_unauthorized', detail: 'secrets missing or malformed' };
}
