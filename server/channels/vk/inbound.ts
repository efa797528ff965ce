import { z } from 'zod';
import type { InboundAttachment, InboundAuthor, InboundEvent } from '../../../shared/channels/inbound';
import { sameSecret } from '../secret-compare';
import type { ConnectorChannel, Envelope, WebhookRequest } from '../types';
import { callbackIdOf, clientButtons, dataOfPayload, pressOf } from './press';

/**
 * VK Callback API calls of a community (dev.vk.com «Callback API»; the envelope is `callback_base`
 * of VKCOM/vk-api-schema 5.199, callback/objects.json; README.md). Only the fields we read are
 * checked; the rest of a call passes into the inbox as it came.
 */
const envelopeSchema = z.object({
  type: z.string().min(1).max(64),
  group_id: z.number().int().positive(),
  event_id: z.string().min(1).max(256).optional(),
  v: z.string().max(16).optional(),
  secret: z.string().max(256).optional(),
  object: z.unknown().optional(),
});

const photoSchema = z.object({
  id: z.number().int(),
  owner_id: z.number().int(),
  access_key: z.string().max(128).optional(),
  sizes: z.array(z.object({ type: z.string().max(8).optional(), url: z.string().max(2048), width: z.number().optional(), height: z.number().optional() })).optional(),
  orig_photo: z.object({ url: z.string().max(2048), width: z.number().optional(), height: z.number().optional() }).optional(),
});
const attachmentsSchema = z.array(z.object({ type: z.string(), photo: z.unknown().optional() }).passthrough()).optional();

/** `message_new` from API 5.103 on: `object: {message, client_info}` (messages_message). */
const messageNewSchema = z.object({
  message: z.object({
    id: z.number().int().nonnegative(),
    date: z.number().int(),
    peer_id: z.number().int(),
    from_id: z.number().int(),
    text: z.string().default(''),
    conversation_message_id: z.number().int().optional(),
    out: z.number().optional(),
    attachments: attachmentsSchema,
    /** A text button's payload, as a JSON string (press.ts). */
    payload: z.string().optional(),
  }),
  client_info: z.unknown().optional(),
});
/** `wall_reply_new`: a wall_wall_comment with `post_id` and `post_owner_id`. */
const wallReplySchema = z.object({
  id: z.number().int().positive(),
  from_id: z.number().int(),
  date: z.number().int(),
  text: z.string().default(''),
  post_id: z.number().int().positive(),
  owner_id: z.number().int().optional(),
  post_owner_id: z.number().int().optional(),
  parents_stack: z.array(z.number().int()).optional(),
  reply_to_comment: z.number().int().optional(),
  reply_to_user: z.number().int().optional(),
  attachments: attachmentsSchema,
});
/** `board_post_new`: a board_topic_comment with `topic_id` and `topic_owner_id`. */
const boardPostSchema = z.object({
  id: z.number().int().positive(),
  from_id: z.number().int(),
  date: z.number().int(),
  text: z.string().default(''),
  topic_id: z.number().int().positive(),
  topic_owner_id: z.number().int(),
  attachments: attachmentsSchema,
});
/** `wall_post_new`: a wall post; `post_type: "suggest"` is a post a person suggested to the community. */
const wallPostSchema = z.object({
  id: z.number().int().positive(),
  owner_id: z.number().int(),
  from_id: z.number().int(),
  date: z.number().int(),
  text: z.string().default(''),
  post_type: z.string().max(32).optional(),
  signer_id: z.number().int().optional(),
  attachments: attachmentsSchema,
});

/** The community's id from the channel's settings (`groupId`, public: it is on the community's page). */
export function channelGroupId(channel: ConnectorChannel): number | null {
  const raw = channel.settings.groupId;
  const id = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,12}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * A call is VK's when it carries the channel's secret key (compared in constant time) and names
 * the channel's community. VK sends the secret in every call, the confirmation included (vk-io's
 * webhook transport refuses a confirmation without it too).
 */
export function vkVerify(channel: ConnectorChannel, request: WebhookRequest): 'ok' | 'forbidden' {
  const body = (request.body ?? {}) as { secret?: unknown; group_id?: unknown };
  if (typeof body !== 'object') return 'forbidden';
  const groupId = channelGroupId(channel);
  if (groupId === null || body.group_id !== groupId) return 'forbidden';
  return sameSecret(body.secret, channel.secrets.callbackSecret) ? 'ok' : 'forbidden';
}

/** The comment's owner and the posts's wall: `post_owner_id`, else `owner_id` (both are the wall's owner). */
function wallOwner(c: z.infer<typeof wallReplySchema>): number | null {
  return c.post_owner_id ?? c.owner_id ?? null;
}

/** Is a call one we turn into citizens' messages? Our own answers and published posts are not. */
function handled(groupId: number, type: string, object: unknown): boolean {
  switch (type) {
    case 'message_new': {
      const m = messageNewSchema.safeParse(object);
      return m.success && m.data.message.out !== 1;
    }
    case 'message_event':
      return pressOf(object) !== null;
    case 'wall_reply_new': {
      const c = wallReplySchema.safeParse(object);
      return c.success && c.data.from_id !== -groupId && wallOwner(c.data) !== null;
    }
    case 'board_post_new': {
      const b = boardPostSchema.safeParse(object);
      return b.success && b.data.from_id !== -groupId;
    }
    case 'wall_post_new': {
      const p = wallPostSchema.safeParse(object);
      return p.success && p.data.post_type === 'suggest' && p.data.from_id !== -groupId;
    }
    default:
      return false;
  }
}

/**
 * `confirmation` is answered with the community's code as plain text and stored nowhere; a call we
 * handle is an event under VK's `event_id` (a re-sent call carries the same one); anything else
 * (likes, joins, our own comments, published posts) is acknowledged with `ok` and stored nowhere.
 */
export function vkEnvelope(channel: ConnectorChannel, body: unknown): Envelope {
  const parsed = envelopeSchema.safeParse(body);
  if (!parsed.success) return { kind: 'ignore' };
  const { type, event_id: eventId, object } = parsed.data;
  if (type === 'confirmation') {
    const code = channel.secrets.confirmationCode;
    return code ? { kind: 'handshake', answer: code } : { kind: 'ignore' };
  }
  const groupId = channelGroupId(channel) ?? parsed.data.group_id;
  if (!eventId || !handled(groupId, type, object)) return { kind: 'ignore' };
  return { kind: 'event', eventId };
}

/**
 * The author as the call gives them: only `from_id`. A callback carries no names (users.get would
 * be one more API call per event), so the clerk sees «Пользователь VK id…» and the profile link.
 */
function author(fromId: number): InboundAuthor {
  if (fromId < 0) return { externalId: String(fromId), name: `Сообщество VK club${-fromId}`, profileUrl: `https://vk.com/club${-fromId}` };
  return { externalId: String(fromId), name: `Пользователь VK id${fromId}`, profileUrl: `https://vk.com/id${fromId}` };
}

/** vk-io's order of photo sizes, largest first (PhotoAttachment LARGE_SIZES), for sizes that come without pixels. */
const SIZE_ORDER = ['w', 'z', 'y', 'x', 'r', 'q', 'p', 'o', 'm', 's'];

/** The largest picture of a photo: the most pixels, then the size letter's rank; `orig_photo` when given. */
export function largestPhotoUrl(photo: z.infer<typeof photoSchema>): string | null {
  const candidates = [...(photo.sizes ?? []), ...(photo.orig_photo ? [{ ...photo.orig_photo, type: 'base' }] : [])];
  let best: (typeof candidates)[number] | null = null;
  const area = (s: (typeof candidates)[number]) => (s.width ?? 0) * (s.height ?? 0);
  const rank = (s: (typeof candidates)[number]) => (s.type === 'base' ? -1 : SIZE_ORDER.indexOf(s.type ?? '') === -1 ? 99 : SIZE_ORDER.indexOf(s.type ?? ''));
  for (const s of candidates) {
    if (!/^https?:\/\//i.test(s.url)) continue;
    if (!best || area(s) > area(best) || (area(s) === area(best) && rank(s) < rank(best))) best = s;
  }
  return best?.url ?? null;
}

function photos(attachments: z.infer<typeof attachmentsSchema>): InboundAttachment[] {
  const out: InboundAttachment[] = [];
  for (const a of attachments ?? []) {
    if (a.type !== 'photo') continue;
    const photo = photoSchema.safeParse(a.photo);
    if (!photo.success) continue;
    const url = largestPhotoUrl(photo.data);
    if (!url) continue;
    const ref = `photo${photo.data.owner_id}_${photo.data.id}`;
    out.push({ ref, url, name: `${ref}.jpg` });
  }
  return out.slice(0, 20);
}

const at = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

/**
 * A message to the community: the dialog (peer) is the thread; the answer goes back by
 * messages.send. A message with our payload is a press of a text button (its text is the label):
 * a button event, as a callback press is. The client's button support rides on the reply target.
 */
function fromMessage(eventId: string, groupId: number, object: unknown): InboundEvent[] {
  const { message: m, client_info: clientInfo } = messageNewSchema.parse(object);
  const text = m.text.trim();
  const attachments = photos(m.attachments);
  const data = m.payload === undefined ? null : dataOfPayload(m.payload);
  if (text === '' && attachments.length === 0 && data === null) return [];
  const ref = m.conversation_message_id !== undefined ? `${m.peer_id}_${m.conversation_message_id}` : String(m.id);
  const buttons = clientButtons(clientInfo);
  const replyTarget = { mode: 'message', peer_id: m.peer_id, ...(buttons ? { buttons } : {}) };
  if (data !== null) {
    return [
      { eventId, kind: 'follow_up', threadKey: `vk:peer:${m.peer_id}`, messageRef: `vk:message:${ref}`, author: author(m.from_id), text: '', attachments: [], receivedAt: at(m.date), replyTarget, button: { data } },
    ];
  }
  return [
    {
      eventId,
      kind: 'follow_up',
      threadKey: `vk:peer:${m.peer_id}`,
      messageRef: `vk:message:${ref}`,
      author: author(m.from_id),
      text: text.slice(0, 20000),
      attachments,
      link: `https://vk.com/gim${groupId}?sel=${m.peer_id}`,
      receivedAt: at(m.date),
      replyTarget,
    },
  ];
}

/**
 * A press of a callback button (`message_event`): the dialog's button event, acknowledged with
 * messages.sendMessageEventAnswer (callbackId). The event carries no date: it is now.
 */
function fromPress(eventId: string, object: unknown): InboundEvent[] {
  const press = pressOf(object);
  if (!press) return [];
  const { event: e, data } = press;
  return [
    {
      eventId,
      kind: 'follow_up',
      threadKey: `vk:peer:${e.peer_id}`,
      messageRef: `vk:press:${eventId}`,
      author: author(e.user_id),
      text: '',
      attachments: [],
      receivedAt: new Date().toISOString(),
      replyTarget: { mode: 'message', peer_id: e.peer_id },
      button: { data, callbackId: callbackIdOf(e) },
    },
  ];
}

/**
 * A comment under a post of the community. VK threads comments one level deep: a reply inside a
 * thread has the thread's first comment in `parents_stack` (and the comment it answers in
 * `reply_to_comment`), so the thread is the post and that first comment.
 */
function fromComment(eventId: string, object: unknown): InboundEvent[] {
  const c = wallReplySchema.parse(object);
  const owner = wallOwner(c)!;
  const top = c.parents_stack?.[0] ?? c.id;
  const text = c.text.trim();
  const attachments = photos(c.attachments);
  if (text === '' && attachments.length === 0) return [];
  return [
    {
      eventId,
      kind: 'follow_up',
      threadKey: `vk:wall:${owner}_${c.post_id}:${top}`,
      messageRef: `vk:comment:${owner}_${c.id}`,
      author: author(c.from_id),
      text: text.slice(0, 20000),
      attachments,
      link: `https://vk.com/wall${owner}_${c.post_id}?reply=${c.id}`,
      receivedAt: at(c.date),
      replyTarget: { mode: 'comment', owner_id: owner, post_id: c.post_id, comment_id: c.id },
    },
  ];
}

/**
 * A post in a discussion board topic. Topics are long-lived («Вопросы к администрации») and many
 * people write in each: a follow-up keyed by the topic gives each person their own appeal and joins
 * their later posts in the topic (an answer to our question) to it, where `appeal` would open a new
 * one for every post.
 */
function fromBoard(eventId: string, object: unknown): InboundEvent[] {
  const b = boardPostSchema.parse(object);
  const owner = -Math.abs(b.topic_owner_id);
  const text = b.text.trim();
  const attachments = photos(b.attachments);
  if (text === '' && attachments.length === 0) return [];
  return [
    {
      eventId,
      kind: 'follow_up',
      threadKey: `vk:board:${owner}_${b.topic_id}`,
      messageRef: `vk:board:${owner}_${b.topic_id}_${b.id}`,
      author: author(b.from_id),
      text: text.slice(0, 20000),
      attachments,
      link: `https://vk.com/topic${owner}_${b.topic_id}?post=${b.id}`,
      receivedAt: at(b.date),
      replyTarget: { mode: 'board', group_id: -owner, topic_id: b.topic_id, comment_id: b.id },
    },
  ];
}

/**
 * A post suggested to the community («Предложить новость»): always a new appeal. It is not public,
 * so no comment can answer it; the answer goes to its author in the community's messages.
 */
function fromSuggested(eventId: string, object: unknown): InboundEvent[] {
  const p = wallPostSchema.parse(object);
  const text = p.text.trim();
  const attachments = photos(p.attachments);
  if (text === '' && attachments.length === 0) return [];
  return [
    {
      eventId,
      kind: 'appeal',
      threadKey: `vk:suggest:${p.owner_id}_${p.id}`,
      messageRef: `vk:post:${p.owner_id}_${p.id}`,
      author: author(p.from_id),
      text: text.slice(0, 20000),
      attachments,
      link: `https://vk.com/wall${p.owner_id}_${p.id}`,
      receivedAt: at(p.date),
      replyTarget: { mode: 'message', peer_id: p.from_id },
    },
  ];
}

export function vkParse(channel: ConnectorChannel, raw: unknown): InboundEvent[] {
  const parsed = envelopeSchema.safeParse(raw);
  if (!parsed.success || !parsed.data.event_id) return [];
  const { type, event_id: eventId, object } = parsed.data;
  const groupId = channelGroupId(channel) ?? parsed.data.group_id;
  if (!handled(groupId, type, object)) return [];
  if (type === 'message_new') return fromMessage(eventId, groupId, object);
  if (type === 'message_event') return fromPress(eventId, object);
  if (type === 'wall_reply_new') return fromComment(eventId, object);
  if (type === 'board_post_new') return fromBoard(eventId, object);
  return fromSuggested(eventId, object);
}
