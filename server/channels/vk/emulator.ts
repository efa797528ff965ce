import { randomBytes } from 'node:crypto';
import { type EmulatedAnswer, PlatformEmulator, type RecordedCall, SAMPLE_JPEG, type UploadedFile } from '../emulator-kit';
import { checkKeyboard, VkEmulatorButtons, type VkKeyboard } from './emulator-buttons';
import { VkEmulatorDocs } from './emulator-docs';

/** One message in a dialog between a person and the community. */
export interface VkDialogMessage {
  id: number;
  conversationMessageId: number;
  fromId: number;
  text: string;
  date: number;
  randomId: number;
  /** The inline keyboard the community sent with the message (messages.send `keyboard`). */
  keyboard?: VkKeyboard;
  /** Documents the community attached (messages.send `attachment` of doc…). */
  docs?: UploadedFile[];
}
/** One comment under a post; `parentsStack` is [] for a thread's first comment, [its id] inside a thread. */
export interface VkComment {
  id: number;
  fromId: number;
  text: string;
  date: number;
  parentsStack: number[];
  replyToComment?: number;
  guid?: string;
}
export interface VkPost {
  id: number;
  fromId: number;
  text: string;
  date: number;
  postType: 'post' | 'suggest';
  commentsClosed: boolean;
  comments: VkComment[];
  /** `photo<owner>_<id>` of the post's photos (wall.post's attachments). */
  attachments?: string[];
  guid?: string;
}
/** A photo uploaded to the wall upload server, then saved by photos.saveWallPhoto (id set). */
export interface VkWallPhoto {
  server: number;
  photo: string;
  hash: string;
  file: UploadedFile;
  id: number | null;
}
export interface VkTopicPost {
  id: number;
  fromId: number;
  text: string;
  date: number;
  guid?: string;
}

const error = (code: number, msg: string, params: Record<string, string>): EmulatedAnswer => ({
  status: 200,
  json: { error: { error_code: code, error_msg: msg, request_params: Object.entries(params).filter(([k]) => k !== 'access_token').map(([key, value]) => ({ key, value })) } },
});

/**
 * A loopback fake of VK's API and Callback API for one community. `/method/<name>` takes its
 * parameters form-encoded or in the query with `access_token` and `v`, answers `{response}` or
 * VK's `{error: {error_code, error_msg, request_params}}` with HTTP 200, and keeps the community's
 * wall (posts, comment threads), board topics and dialogs, so a demo page and e2e can show them.
 * The `*New` builders are what a citizen does; each returns the Callback call VK would send.
 */
export class VkEmulator extends PlatformEmulator {
  readonly wall = new Map<number, VkPost>();
  readonly dialogs = new Map<number, VkDialogMessage[]>();
  readonly topics = new Map<number, VkTopicPost[]>();
  private nextPostId = 100;
  private nextCommentId = 5000;
  private nextMessageId = 70000;
  private nextTopicPostId = 900;
  private nextPhotoId = 457300000;
  /** Photos uploaded for the wall, by the upload's `photo` string; a saved one has its id. */
  readonly wallPhotos: VkWallPhoto[] = [];
  /** Presses of the community's buttons (emulator-buttons.ts): `buttons.press`, `buttons.answered`. */
  readonly buttons = new VkEmulatorButtons(this);
  /** Dialog documents (emulator-docs.ts); `docs.denied` plays a token without the «Документы» right. */
  readonly docs = new VkEmulatorDocs(this);

  constructor(
    readonly groupId = 218830127,
    readonly accessToken = 'vk1.a.emulator-community-token',
    readonly callbackSecret = 'vk-callback-secret-1',
    readonly confirmationCode = '5f3c8a1e',
    readonly userToken = 'vk1.a.emulator-user-token',
    readonly groupName = 'Администрация муниципального образования',
  ) {
    super();
  }

  /** A photo as VK's image servers (sun9-*.userapi.com) give it. */
  photoUrl(name = 'yard.jpg', size = '1280x960'): string {
    return `${this.url}/impg/${name}?size=${size}&quality=95&type=album`;
  }

  /** What the community sent by one method, with its parameters as VK received them. */
  methodCalls(method: string): Array<Record<string, string>> {
    return this.api.callsTo(`/method/${method}`).map((c) => ({ ...c.query, ...((c.body as Record<string, string> | null) ?? {}) }));
  }

  /** A post of the community on its wall, for citizens to comment under. */
  post(text: string, opts: { commentsClosed?: boolean } = {}): VkPost {
    const post: VkPost = { id: ++this.nextPostId, fromId: -this.groupId, text, date: now(), postType: 'post', commentsClosed: opts.commentsClosed ?? false, comments: [] };
    this.wall.set(post.id, post);
    return post;
  }

  envelope<T>(type: string, object: T, secret = this.callbackSecret) {
    return { group_id: this.groupId, type, event_id: randomBytes(20).toString('hex'), v: '5.199', object, secret };
  }

  /** The `confirmation` call VK makes when the server's address is saved. */
  confirmation(secret = this.callbackSecret) {
    return { type: 'confirmation', group_id: this.groupId, event_id: randomBytes(20).toString('hex'), v: '5.199', secret };
  }

  /**
   * A person writes to the community (`message_new`, object.message as in API 5.103 and later);
   * `payload` as a text button sends it; `buttonActions` what their client shows (every kind by default).
   */
  messageNew(input: { fromId: number; text: string; photo?: string; payload?: string; buttonActions?: string[]; inlineKeyboard?: boolean }) {
    const dialog = this.dialogs.get(input.fromId) ?? [];
    this.dialogs.set(input.fromId, dialog);
    const msg: VkDialogMessage = { id: ++this.nextMessageId, conversationMessageId: dialog.length + 1, fromId: input.fromId, text: input.text, date: now(), randomId: 0 };
    dialog.push(msg);
    return this.envelope('message_new', {
      message: {
        date: msg.date,
        from_id: input.fromId,
        id: msg.id,
        out: 0,
        version: 10000000 + msg.id,
        attachments: input.photo ? [this.photoAttachment(input.fromId, input.photo)] : [],
        conversation_message_id: msg.conversationMessageId,
        fwd_messages: [],
        important: false,
        is_hidden: false,
        peer_id: input.fromId,
        random_id: 0,
        text: input.text,
        ...(input.payload !== undefined ? { payload: input.payload } : {}),
      },
      client_info: {
        button_actions: input.buttonActions ?? ['text', 'vkpay', 'open_app', 'location', 'open_link', 'callback', 'intent_subscribe', 'intent_unsubscribe'],
        keyboard: true,
        inline_keyboard: input.inlineKeyboard ?? true,
        carousel: true,
        lang_id: 0,
      },
    });
  }

  /** A person comments under a post, or replies inside a comment's thread (`wall_reply_new`). */
  wallReplyNew(input: { postId: number; fromId: number; text: string; replyToComment?: number; photo?: string }) {
    const post = this.wall.get(input.postId);
    if (!post) throw new Error(`VK emulator: no post ${input.postId}`);
    const comment = this.addComment(post, input.fromId, input.text, input.replyToComment);
    const replied = input.replyToComment !== undefined ? post.comments.find((c) => c.id === input.replyToComment) : undefined;
    return this.envelope('wall_reply_new', {
      id: comment.id,
      from_id: input.fromId,
      post_id: post.id,
      owner_id: -this.groupId,
      parents_stack: comment.parentsStack,
      date: comment.date,
      text: input.text,
      ...(input.photo ? { attachments: [this.photoAttachment(input.fromId, input.photo)] } : {}),
      ...(replied ? { reply_to_user: replied.fromId, reply_to_comment: replied.id } : {}),
      thread: { count: 0 },
      post_owner_id: -this.groupId,
    });
  }

  /** A person writes in a board topic (`board_post_new`). */
  boardPostNew(input: { topicId: number; fromId: number; text: string }) {
    const topic = this.topics.get(input.topicId) ?? [];
    this.topics.set(input.topicId, topic);
    const post: VkTopicPost = { id: ++this.nextTopicPostId, fromId: input.fromId, text: input.text, date: now() };
    topic.push(post);
    return this.envelope('board_post_new', { id: post.id, from_id: input.fromId, date: post.date, text: input.text, topic_owner_id: -this.groupId, topic_id: input.topicId });
  }

  /** A person suggests a post to the community (`wall_post_new` with `post_type: "suggest"`). */
  suggestedPostNew(input: { fromId: number; text: string }) {
    const post: VkPost = { id: ++this.nextPostId, fromId: input.fromId, text: input.text, date: now(), postType: 'suggest', commentsClosed: true, comments: [] };
    this.wall.set(post.id, post);
    return this.envelope('wall_post_new', {
      id: post.id,
      from_id: input.fromId,
      owner_id: -this.groupId,
      date: post.date,
      marked_as_ads: 0,
      post_type: 'suggest',
      text: input.text,
      can_edit: 0,
      can_delete: 1,
      comments: { count: 0 },
      is_favorite: false,
    });
  }

  /** The same call with another secret, as a forger without the key would send it. */
  withSecret<T extends { secret?: string }>(payload: T, secret: string | undefined): T {
    const copy = { ...payload };
    if (secret === undefined) delete copy.secret;
    else copy.secret = secret;
    return copy;
  }

  /**
   * Posts a Callback call as VK does: JSON; anything but 200 with the body `ok` is sent again
   * (here `attempts` times, `gapMs` apart), a re-send carrying `X-Retry-Counter`. Returns every attempt.
   */
  async deliver(webhookUrl: string, payload: unknown, opts: { attempts?: number; gapMs?: number } = {}): Promise<Array<{ status: number; text: string }>> {
    const attempts = opts.attempts ?? 1;
    const out: Array<{ status: number; text: string }> = [];
    for (let i = 0; i < attempts; i += 1) {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'VKontakte Callback API' };
      if (i > 0) headers['x-retry-counter'] = String(i);
      let result: { status: number; text: string };
      try {
        const res = await fetch(webhookUrl, { method: 'POST', headers, body: JSON.stringify(payload) });
        result = { status: res.status, text: await res.text() };
      } catch (e) {
        result = { status: 0, text: (e as Error).message };
      }
      out.push(result);
      if (result.status === 200 && result.text === 'ok') break;
      await new Promise((r) => setTimeout(r, opts.gapMs ?? 50));
    }
    return out;
  }

  /** The handshake VK runs when the address is saved: does the server answer the community's code? */
  async confirm(webhookUrl: string): Promise<boolean> {
    const res = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(this.confirmation()) });
    return res.status === 200 && (await res.text()) === this.confirmationCode;
  }

  private photoAttachment(ownerId: number, name: string) {
    const id = 457239000 + Math.floor(Math.random() * 1000);
    return {
      type: 'photo',
      photo: {
        album_id: -3,
        date: now(),
        id,
        owner_id: ownerId,
        access_key: randomBytes(9).toString('hex'),
        sizes: [
          { height: 75, url: this.photoUrl(name, '75x56'), type: 's', width: 75 },
          { height: 604, url: this.photoUrl(name, '604x453'), type: 'x', width: 604 },
          { height: 960, url: this.photoUrl(name, '1280x960'), type: 'z', width: 1280 },
          { height: 130, url: this.photoUrl(name, '130x98'), type: 'm', width: 130 },
        ],
        text: '',
        has_tags: false,
      },
    };
  }

  private addComment(post: VkPost, fromId: number, text: string, replyTo?: number, guid?: string): VkComment {
    const replied = replyTo !== undefined ? post.comments.find((c) => c.id === replyTo) : undefined;
    const top = replied ? (replied.parentsStack[0] ?? replied.id) : undefined;
    const comment: VkComment = { id: ++this.nextCommentId, fromId, text, date: now(), parentsStack: top !== undefined ? [top] : [], ...(replied ? { replyToComment: replied.id } : {}), ...(guid ? { guid } : {}) };
    post.comments.push(comment);
    return comment;
  }

  /** The community's own posts (wall.post), newest last, with their photos' files. */
  publishedPosts(): Array<VkPost & { photos: UploadedFile[] }> {
    return [...this.wall.values()]
      .filter((post) => post.postType === 'post' && post.guid !== undefined)
      .map((post) => ({ ...post, photos: (post.attachments ?? []).map((a) => this.wallPhotos.find((w) => `photo${-this.groupId}_${w.id}` === a)?.file).filter((f): f is UploadedFile => f !== undefined) }));
  }

  protected answer(call: RecordedCall): EmulatedAnswer {
    if (call.method === 'GET' && call.path.startsWith('/impg/')) return { status: 200, bytes: SAMPLE_JPEG, contentType: 'image/jpeg' };
    if (call.method === 'POST' && call.path === '/upload/wall') return this.uploadWallPhoto(call);
    if (call.method === 'POST' && call.path === '/upload/doc') return this.docs.upload(call);
    const method = /^\/method\/([\w.]+)$/.exec(call.path)?.[1];
    if (!method) return { status: 404, text: 'Not Found' };
    const p: Record<string, string> = { method, ...call.query, ...((call.body && typeof call.body === 'object' ? call.body : {}) as Record<string, string>) };
    if (!p.v) return error(8, 'Invalid request: v (version) is required', p);
    const userMethod = USER_TOKEN_METHODS.has(method);
    // VK answers 27 to a community token on a method that takes only a user token.
    if (userMethod && p.access_token === this.accessToken) return error(27, 'Group authorization failed: method is unavailable with group auth.', p);
    if (p.access_token !== (userMethod ? this.userToken : this.accessToken)) return error(5, 'User authorization failed: invalid access_token (4).', p);
    switch (method) {
      case 'photos.getWallUploadServer':
        if (Number(p.group_id) !== this.groupId) return error(15, 'Access denied', p);
        return { status: 200, json: { response: { album_id: -14, upload_url: `${this.url}/upload/wall?gid=${this.groupId}`, user_id: 0 } } };
      case 'photos.saveWallPhoto':
        return this.saveWallPhoto(p);
      case 'wall.post':
        return this.wallPost(p);
      case 'messages.send':
        return this.messagesSend(p);
      case 'docs.getMessagesUploadServer':
        return this.docs.uploadServer(p, (code, msg) => error(code, msg, p));
      case 'docs.save':
        return this.docs.save(p, (code, msg) => error(code, msg, p));
      case 'messages.sendMessageEventAnswer':
        return this.buttons.answer(p, (code, msg) => error(code, msg, p));
      case 'wall.createComment':
        return this.wallCreateComment(p);
      case 'board.createComment':
        return this.boardCreateComment(p);
      case 'groups.getById':
        if (p.group_id !== undefined && Number(p.group_id) !== this.groupId) return error(100, 'One of the parameters specified was missing or invalid: group_id is undefined', p);
        return { status: 200, json: { response: { groups: [{ id: this.groupId, name: this.groupName, screen_name: `club${this.groupId}`, is_closed: 0, type: 'group', photo_50: this.photoUrl('logo.jpg', '50x50') }], profiles: [] } } };
      default:
        return error(3, 'Unknown method passed', p);
    }
  }

  /** The upload server: a multipart POST with the file in `photo`; answers {server, photo, hash} (no `response` wrapper). */
  private uploadWallPhoto(call: RecordedCall): EmulatedAnswer {
    const file = (call.body as Record<string, unknown> | null)?.photo;
    if (!file || typeof file !== 'object' || !('bytes' in file)) return { status: 200, json: { server: 0, photo: '[]', hash: '' } };
    const server = 852000 + this.wallPhotos.length;
    const photo = JSON.stringify([{ photo: randomBytes(8).toString('hex'), sizes: [], kid: randomBytes(4).toString('hex') }]);
    const hash = randomBytes(16).toString('hex');
    this.wallPhotos.push({ server, photo, hash, file: file as UploadedFile, id: null });
    return { status: 200, json: { server, photo, hash } };
  }

  private saveWallPhoto(p: Record<string, string>): EmulatedAnswer {
    if (Number(p.group_id) !== this.groupId) return error(15, 'Access denied', p);
    const uploaded = this.wallPhotos.find((w) => w.photo === p.photo && w.hash === p.hash && String(w.server) === p.server);
    if (!uploaded) return error(100, 'One of the parameters specified was missing or invalid: photo is undefined', p);
    uploaded.id ??= ++this.nextPhotoId;
    return { status: 200, json: { response: [{ id: uploaded.id, owner_id: -this.groupId, album_id: -14, date: now(), sizes: [], text: '', has_tags: false }] } };
  }

  /** A post on the community's wall as the community; a repeated guid answers the first post. */
  private wallPost(p: Record<string, string>): EmulatedAnswer {
    if (Number(p.owner_id) !== -this.groupId) return error(15, 'Access denied', p);
    if (p.from_group !== '1') return error(15, 'Access denied: only the community may post here', p);
    const attachments = (p.attachments ?? '').split(',').filter((a) => a !== '');
    if (!p.message && attachments.length === 0) return error(100, 'One of the parameters specified was missing or invalid: message is empty', p);
    for (const a of attachments) {
      if (!this.wallPhotos.some((w) => w.id !== null && a === `photo${-this.groupId}_${w.id}`)) return error(100, `One of the parameters specified was missing or invalid: attachments ${a} not found`, p);
    }
    const same = p.guid ? [...this.wall.values()].find((post) => post.guid === p.guid) : undefined;
    if (same) return { status: 200, json: { response: { post_id: same.id } } };
    const post: VkPost = { id: ++this.nextPostId, fromId: -this.groupId, text: p.message ?? '', date: now(), postType: 'post', commentsClosed: false, comments: [], attachments, ...(p.guid ? { guid: p.guid } : {}) };
    this.wall.set(post.id, post);
    return { status: 200, json: { response: { post_id: post.id } } };
  }

  /** VK sends a message with a given random_id to a dialog once; a repeat answers the first message's id. */
  private messagesSend(p: Record<string, string>): EmulatedAnswer {
    const peerId = Number(p.peer_id);
    if (!Number.isSafeInteger(peerId) || peerId === 0) return error(100, 'One of the parameters specified was missing or invalid: peer_id is undefined', p);
    if (p.random_id === undefined) return error(100, 'One of the parameters specified was missing or invalid: random_id is a required parameter', p);
    const text = p.message ?? '';
    const docs = this.docs.attached(p.attachment, peerId);
    if (!docs.ok) return error(100, `One of the parameters specified was missing or invalid: attachment ${docs.name} not found`, p);
    if (text === '' && docs.files.length === 0) return error(100, 'One of the parameters specified was missing or invalid: message is empty or invalid', p);
    if (text.length > 9000) return error(914, 'Message is too long', p);
    const keyboard = p.keyboard === undefined ? undefined : checkKeyboard(p.keyboard);
    if (keyboard && !keyboard.ok) return error(911, keyboard.msg, p);
    const dialog = this.dialogs.get(peerId) ?? [];
    const randomId = Number(p.random_id);
    const same = randomId !== 0 ? dialog.find((m) => m.fromId === -this.groupId && m.randomId === randomId) : undefined;
    if (same) return { status: 200, json: { response: same.id } };
    this.dialogs.set(peerId, dialog);
    const msg: VkDialogMessage = { id: ++this.nextMessageId, conversationMessageId: dialog.length + 1, fromId: -this.groupId, text, date: now(), randomId, ...(keyboard ? { keyboard: keyboard.keyboard } : {}), ...(docs.files.length > 0 ? { docs: docs.files } : {}) };
    dialog.push(msg);
    return { status: 200, json: { response: msg.id } };
  }

  /** A comment as the community; a repeated guid answers the first comment. */
  private wallCreateComment(p: Record<string, string>): EmulatedAnswer {
    if (Number(p.owner_id) !== -this.groupId) return error(15, 'Access denied', p);
    const post = this.wall.get(Number(p.post_id));
    if (!post || post.postType !== 'post') return error(100, 'One of the parameters specified was missing or invalid: post_id is undefined', p);
    if (post.commentsClosed) return error(213, 'Access to status replies denied', p);
    if (!p.message) return error(100, 'One of the parameters specified was missing or invalid: message is empty', p);
    const fromId = p.from_group && Number(p.from_group) === this.groupId ? -this.groupId : 0;
    if (fromId === 0) return error(15, 'Access denied: community token can comment only as the community', p);
    const same = p.guid ? post.comments.find((c) => c.guid === p.guid) : undefined;
    const comment = same ?? this.addComment(post, fromId, p.message, p.reply_to_comment ? Number(p.reply_to_comment) : undefined, p.guid);
    return { status: 200, json: { response: { comment_id: comment.id, parents_stack: comment.parentsStack } } };
  }

  private boardCreateComment(p: Record<string, string>): EmulatedAnswer {
    if (Number(p.group_id) !== this.groupId) return error(15, 'Access denied', p);
    const topic = this.topics.get(Number(p.topic_id));
    if (!topic) return error(100, 'One of the parameters specified was missing or invalid: topic_id is undefined', p);
    const same = p.guid ? topic.find((t) => t.guid === p.guid) : undefined;
    if (same) return { status: 200, json: { response: same.id } };
    const post: VkTopicPost = { id: ++this.nextTopicPostId, fromId: p.from_group === '1' ? -this.groupId : 1, text: p.message ?? '', date: now(), ...(p.guid ? { guid: p.guid } : {}) };
    topic.push(post);
    return { status: 200, json: { response: post.id } };
  }
}

/** Methods VK takes only with a user token (access_token_type ["user"] in VKCOM/vk-api-schema's methods.json). */
const USER_TOKEN_METHODS = new Set(['board.createComment', 'photos.getWallUploadServer', 'photos.saveWallPhoto', 'wall.post']);

function now(): number {
  return Math.floor(Date.now() / 1000);
}
