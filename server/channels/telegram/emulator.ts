import { type EmulatedAnswer, PlatformEmulator, postWebhook, type RecordedCall, SAMPLE_JPEG, type UploadedFile } from '../emulator-kit';

/** One line of a chat as both sides see it: what the citizen wrote and what the bot answered. */
export interface ChatLine {
  from: 'citizen' | 'bot';
  messageId: number;
  text: string;
  photo: boolean;
  replyTo: number | null;
  at: number;
  /** A bot message's inline keyboard: each button's text and callback_data, row by row. */
  buttons?: Array<Array<{ text: string; data: string }>>;
  /** A document the bot sent (sendDocument): its file name, type and bytes. */
  document?: UploadedFile;
}

interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  first_name?: string;
  last_name?: string;
  username?: string;
  title?: string;
}

/** What a citizen does in the emulated app: writes (text, a photo with a caption, a reply), in a private chat or a group. */
export interface CitizenMessage {
  userId: number;
  firstName: string;
  lastName?: string;
  username?: string;
  text?: string;
  photo?: boolean;
  /** A group to write in instead of the private chat with the bot (its id is negative). */
  group?: { id: number; title: string; username?: string };
  /** The message id the citizen replies to (usually the bot's answer). */
  replyTo?: number;
}

/** The update a citizen's message makes (the fields tests read are typed; the rest is Telegram's). */
export interface CitizenUpdate {
  update_id: number;
  message: {
    message_id: number;
    date: number;
    text?: string;
    caption?: string;
    photo?: Array<{ file_id: string; file_unique_id: string; file_size: number; width: number; height: number }>;
    [field: string]: unknown;
  };
}

const TELEGRAM_CLOUD_FILE_LIMIT = 20 * 1024 * 1024;

const fail = (error_code: number, description: string, parameters?: Record<string, number>): EmulatedAnswer => ({
  status: error_code,
  json: { ok: false, error_code, description, ...(parameters ? { parameters } : {}) },
});
const ok = (result: unknown): EmulatedAnswer => ({ status: 200, json: { ok: true, result } });

/**
 * A loopback fake of the Bot API for one bot (core.telegram.org/bots/api): `/bot<token>/<method>`
 * for sendMessage, getFile, getMe, setWebhook, deleteWebhook, getWebhookInfo and getUpdates, files
 * at `/file/bot<token>/<file_path>`, Telegram's error shape `{ok: false, error_code, description,
 * parameters}` (401 for a wrong token). It builds the updates a citizen's messages make, posts them
 * to the webhook with the secret header (retrying a non-2xx, as Telegram does) or keeps them for
 * getUpdates, and keeps each chat as a list of lines for a demo page or an e2e test to show.
 */
export class TelegramEmulator extends PlatformEmulator {
  readonly bot = { id: 7700000001, is_bot: true, first_name: 'Отклик', username: 'otklik_demo_bot' };
  private updateSeq = 815_402_000;
  private fileSeq = 0;
  private readonly chats = new Map<number, { chat: TgChat; lines: ChatLine[]; nextId: number; blocked: boolean }>();
  private readonly files = new Map<string, { path: string; bytes: Uint8Array; size: number }>();
  private pending: Array<{ update_id: number }> = [];
  private webhook: { url: string; secret?: string } | null = null;
  /** What the bot posted in channels (sendMessage, sendMediaGroup), with the photos' files. */
  readonly channelPosts: Array<{ chatId: number; messageId: number; text: string; photos: UploadedFile[]; mediaGroupId: string | null }> = [];
  /** sendDocument answers 413, as for a file over the Bot API's upload limit. */
  documentsRefused = false;
  /** The callback queries answered with answerCallbackQuery, by their ids. */
  readonly answeredCallbacks: string[] = [];
  private callbackSeq = 0;
  /** Who wrote each citizen message (`<chat>:<message>`), for the edits of it. */
  private readonly authors = new Map<string, Record<string, unknown>>();

  /**
   * `fileLimitBytes`: what getFile refuses as "file is too big" (20 MB on api.telegram.org; a
   * self-hosted Bot API server in `--local` mode has none, pass Infinity).
   */
  constructor(
    readonly botToken = '7700000001:AAF-emulator_token_for_Otklik_tests01',
    private readonly fileLimitBytes = TELEGRAM_CLOUD_FILE_LIMIT,
  ) {
    super();
  }



  /** The chat with one citizen (or a group), oldest line first. */
  chat(chatId: number): ChatLine[] {
    return [...(this.chats.get(chatId)?.lines ?? [])];
  }

  /** A channel the bot administers (its id is -100…); `username` makes it public (t.me/<username>). */
  addChannel(input: { id: number; title: string; username?: string }): void {
    this.chats.set(input.id, { chat: { id: input.id, type: 'channel', title: input.title, ...(input.username ? { username: input.username } : {}) }, lines: [], nextId: 1, blocked: false });
  }

  /** The citizen blocks the bot: sendMessage to the chat answers 403 from now on. */
  block(chatId: number): void {
    const c = this.chats.get(chatId);
    if (c) c.blocked = true;
  }

  /** A file on Telegram's servers, as getFile will describe it (`size` may claim more than `bytes`). */
  addFile(bytes: Uint8Array, opts: { size?: number; dir?: string; ext?: string } = {}): string {
    this.fileSeq += 1;
    const fileId = `AgACAgIAAxkBAAI${String(this.fileSeq).padStart(6, '0')}ZmVtdWxhdG9yX2ZpbGU`;
    this.files.set(fileId, { path: `${opts.dir ?? 'photos'}/file_${this.fileSeq}.${opts.ext ?? 'jpg'}`, bytes, size: opts.size ?? bytes.length });
    return fileId;
  }

  get webhookUrl(): string | null {
    return this.webhook?.url ?? null;
  }

  private chatFor(input: CitizenMessage) {
    const id = input.group?.id ?? input.userId;
    let c = this.chats.get(id);
    if (!c) {
      const chat: TgChat = input.group
        ? { id, type: 'supergroup', title: input.group.title, ...(input.group.username ? { username: input.group.username } : {}) }
        : { id, type: 'private', first_name: input.firstName, ...(input.lastName ? { last_name: input.lastName } : {}), ...(input.username ? { username: input.username } : {}) };
      c = { chat, lines: [], nextId: 1, blocked: false };
      this.chats.set(id, c);
    }
    return c;
  }

  private queue<T extends { update_id: number }>(update: T): T {
    this.pending.push(update);
    return update;
  }

  /** A citizen writes to the bot: the update Telegram makes of it, also kept for getUpdates. */
  citizenWrites(input: CitizenMessage): CitizenUpdate {
    const c = this.chatFor(input);
    const messageId = c.nextId++;
    const date = Math.floor(Date.now() / 1000);
    const photo = input.photo
      ? [
          [90, 67],
          [320, 240],
          [1280, 960],
        ].map(([width, height]) => {
          const fileId = this.addFile(SAMPLE_JPEG);
          return { file_id: fileId, file_unique_id: `AQAD${fileId.slice(-8)}`, file_size: SAMPLE_JPEG.length, width: width!, height: height! };
        })
      : undefined;
    const replied = input.replyTo !== undefined ? c.lines.find((l) => l.messageId === input.replyTo) : undefined;
    c.lines.push({ from: 'citizen', messageId, text: input.text ?? '', photo: Boolean(photo), replyTo: input.replyTo ?? null, at: Date.now() });
    const from = {
      id: input.userId,
      is_bot: false,
      first_name: input.firstName,
      ...(input.lastName ? { last_name: input.lastName } : {}),
      ...(input.username ? { username: input.username } : {}),
      language_code: 'ru',
    };
    this.authors.set(`${c.chat.id}:${messageId}`, from);
    this.updateSeq += 1;
    return this.queue({
      update_id: this.updateSeq,
      message: {
        message_id: messageId,
        from,
        chat: c.chat,
        date,
        ...(photo ? { photo, ...(input.text ? { caption: input.text } : {}) } : { text: input.text ?? '' }),
        ...(replied
          ? { reply_to_message: { message_id: replied.messageId, from: replied.from === 'bot' ? this.bot : this.authors.get(`${c.chat.id}:${replied.messageId}`), chat: c.chat, date, text: replied.text } }
          : {}),
      },
    });
  }

  /**
   * A citizen presses an inline button of the bot's message `messageId` in their private chat: a
   * callback_query update. `data` may be anything (a forged press), as a modified client can send.
   */
  citizenPresses(input: { userId: number; firstName: string; messageId: number; data: string }) {
    const c = this.chats.get(input.userId);
    if (!c) throw new Error(`Telegram emulator: no chat with ${input.userId}`);
    this.updateSeq += 1;
    this.callbackSeq += 1;
    const from = { id: input.userId, is_bot: false, first_name: input.firstName, language_code: 'ru' };
    const line = c.lines.find((l) => l.messageId === input.messageId);
    return this.queue({
      update_id: this.updateSeq,
      callback_query: {
        id: `${input.userId}${String(this.callbackSeq).padStart(6, '0')}`,
        from,
        message: { message_id: input.messageId, from: this.bot, chat: c.chat, date: Math.floor((line?.at ?? Date.now()) / 1000), text: line?.text ?? '' },
        chat_instance: `-${input.userId}`,
        data: input.data,
      },
    });
  }

  /** A citizen corrects a message they wrote: an `edited_message` update. */
  citizenEdits(chatId: number, messageId: number, text: string) {
    const c = this.chats.get(chatId);
    const line = c?.lines.find((l) => l.messageId === messageId && l.from === 'citizen');
    if (!c || !line) throw new Error(`Telegram emulator: no citizen message ${messageId} in chat ${chatId}`);
    line.text = text;
    this.updateSeq += 1;
    const now = Math.floor(Date.now() / 1000);
    const from = this.authors.get(`${chatId}:${messageId}`);
    return this.queue({ update_id: this.updateSeq, edited_message: { message_id: messageId, from, chat: c.chat, date: Math.floor(line.at / 1000), edit_date: now, text } });
  }

  /**
   * Posts an update to the webhook set with setWebhook (or `url`), with its secret (or `secret`;
   * null: none) in X-Telegram-Bot-Api-Secret-Token. Telegram repeats a non-2xx answer and gives up
   * after some attempts; here `attempts` times, `gapMs` apart. Returns each attempt's status.
   */
  async deliver(update: unknown, opts: { url?: string; secret?: string | null; attempts?: number; gapMs?: number } = {}): Promise<number[]> {
    const url = opts.url ?? this.webhook?.url;
    if (!url) throw new Error('Telegram emulator: no webhook set');
    const secret = opts.secret === undefined ? this.webhook?.secret : opts.secret;
    const statuses: number[] = [];
    for (let i = 0; i < (opts.attempts ?? 3); i += 1) {
      const { status } = await postWebhook(url, update, secret ? { 'x-telegram-bot-api-secret-token': secret } : {});
      statuses.push(status);
      if (status >= 200 && status < 300) break;
      await new Promise((r) => setTimeout(r, opts.gapMs ?? 50));
    }
    return statuses;
  }


  protected answer(call: RecordedCall): EmulatedAnswer {
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(call.path);
    if (file) {
      if (file[1] !== this.botToken) return fail(401, 'Unauthorized');
      const found = [...this.files.values()].find((f) => f.path === decodeURIComponent(file[2]!));
      return found ? { status: 200, bytes: found.bytes, contentType: 'application/octet-stream' } : fail(404, 'Not Found');
    }
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(call.path);
    if (!m) return fail(404, 'Not Found');
    if (m[1] !== this.botToken) return fail(401, 'Unauthorized');
    const params = { ...call.query, ...((call.body ?? {}) as Record<string, unknown>) };
    switch (m[2]) {
      case 'getMe':
        return ok({ ...this.bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
      case 'sendMessage':
        return this.sendMessage(params);
      case 'answerCallbackQuery':
        if (typeof params.callback_query_id !== 'string') return fail(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        this.answeredCallbacks.push(params.callback_query_id);
        return ok(true);
      case 'sendMediaGroup':
        return this.sendMediaGroup(params);
      case 'sendPhoto':
        return this.sendPhoto(params);
      case 'sendDocument':
        return this.sendDocument(params);
      case 'getFile': {
        const f = this.files.get(String(params.file_id ?? ''));
        if (!f) return fail(400, 'Bad Request: invalid file_id');
        if (f.size > this.fileLimitBytes) return fail(400, 'Bad Request: file is too big');
        return ok({ file_id: params.file_id, file_unique_id: `AQAD${String(params.file_id).slice(-8)}`, file_size: f.size, file_path: f.path });
      }
      case 'setWebhook': {
        const secret = params.secret_token;
        if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) return fail(400, 'Bad Request: secret token contains unallowed characters');
        if (typeof params.url !== 'string') return fail(400, 'Bad Request: bad webhook: Failed to resolve host');
        this.webhook = params.url === '' ? null : { url: params.url, ...(typeof secret === 'string' ? { secret } : {}) };
        return ok(true);
      }
      case 'deleteWebhook':
        this.webhook = null;
        return ok(true);
      case 'getWebhookInfo':
        return ok({ url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.pending.length });
      case 'getUpdates':
        return this.getUpdates(params);
      default:
        return fail(404, 'Not Found');
    }
  }

  /** A chat by its id, or a channel by its @username, as the Bot API's chat_id takes either. */
  private chatById(chatId: unknown) {
    if (typeof chatId === 'string' && chatId.startsWith('@')) return [...this.chats.values()].find((c) => c.chat.type === 'channel' && `@${c.chat.username}` === chatId);
    return this.chats.get(Number(chatId));
  }

  private sendMessage(params: Record<string, unknown>): EmulatedAnswer {
    const c = this.chatById(params.chat_id);
    if (!c) return fail(400, 'Bad Request: chat not found');
    if (c.blocked) return fail(403, 'Forbidden: bot was blocked by the user');
    const text = typeof params.text === 'string' ? params.text : '';
    if (text.trim() === '') return fail(400, 'Bad Request: message text is empty');
    if (text.length > 4096) return fail(400, 'Bad Request: message is too long');
    const reply = params.reply_parameters as { message_id?: number; allow_sending_without_reply?: boolean } | undefined;
    const replied = reply?.message_id !== undefined ? c.lines.find((l) => l.messageId === reply.message_id) : undefined;
    if (reply?.message_id !== undefined && !replied && !reply.allow_sending_without_reply) return fail(400, 'Bad Request: message to be replied not found');
    const markup = params.reply_markup as { inline_keyboard?: Array<Array<{ text?: unknown; callback_data?: unknown }>> } | undefined;
    const keyboard = markup?.inline_keyboard?.map((row) => row.map((b) => ({ text: String(b.text ?? ''), data: String(b.callback_data ?? '') })));
    if (keyboard?.some((row) => row.some((b) => Buffer.byteLength(b.data) < 1 || Buffer.byteLength(b.data) > 64))) return fail(400, 'Bad Request: BUTTON_DATA_INVALID');
    const messageId = c.nextId++;
    c.lines.push({ from: 'bot', messageId, text, photo: false, replyTo: replied?.messageId ?? null, at: Date.now(), ...(keyboard ? { buttons: keyboard } : {}) });
    if (c.chat.type === 'channel') this.channelPosts.push({ chatId: c.chat.id, messageId, text, photos: [], mediaGroupId: null });
    return ok({
      message_id: messageId,
      from: this.bot,
      chat: c.chat,
      date: Math.floor(Date.now() / 1000),
      text,
      ...(replied ? { reply_to_message: { message_id: replied.messageId, chat: c.chat, date: Math.floor(replied.at / 1000), text: replied.text } } : {}),
    });
  }

  /** One photo, uploaded as the multipart field `photo`, with an optional caption (≤ 1024). */
  private sendPhoto(params: Record<string, unknown>): EmulatedAnswer {
    const c = this.chatById(params.chat_id);
    if (!c) return fail(400, 'Bad Request: chat not found');
    // The file is the `photo` part itself, or a part it names as "attach://<field>" (grammY sends that).
    const file = typeof params.photo === 'string' && params.photo.startsWith('attach://') ? params[params.photo.slice('attach://'.length)] : params.photo;
    if (!file || typeof file !== 'object' || !('bytes' in file)) return fail(400, 'Bad Request: there is no photo in the request');
    const caption = typeof params.caption === 'string' ? params.caption : '';
    if (caption.length > 1024) return fail(400, 'Bad Request: message caption is too long');
    const messageId = c.nextId++;
    c.lines.push({ from: 'bot', messageId, text: caption, photo: true, replyTo: null, at: Date.now() });
    if (c.chat.type === 'channel') this.channelPosts.push({ chatId: c.chat.id, messageId, text: caption, photos: [file as UploadedFile], mediaGroupId: null });
    return ok({ message_id: messageId, from: this.bot, chat: c.chat, date: Math.floor(Date.now() / 1000), photo: [{ file_id: `posted${messageId}`, file_unique_id: `p${messageId}`, width: 1280, height: 960 }], ...(caption ? { caption } : {}) });
  }

  /** One document, uploaded as the multipart field `document` (≤ 50 MB), with an optional caption. */
  private sendDocument(params: Record<string, unknown>): EmulatedAnswer {
    const c = this.chatById(params.chat_id);
    if (!c) return fail(400, 'Bad Request: chat not found');
    if (c.blocked) return fail(403, 'Forbidden: bot was blocked by the user');
    const file = typeof params.document === 'string' && params.document.startsWith('attach://') ? params[params.document.slice('attach://'.length)] : params.document;
    if (!file || typeof file !== 'object' || !('bytes' in file)) return fail(400, 'Bad Request: there is no document in the request');
    const doc = file as UploadedFile;
    if (this.documentsRefused || doc.bytes.length > 50 * 1024 * 1024) return fail(413, 'Request Entity Too Large');
    const caption = typeof params.caption === 'string' ? params.caption : '';
    const messageId = c.nextId++;
    c.lines.push({ from: 'bot', messageId, text: caption, photo: false, replyTo: null, at: Date.now(), document: doc });
    return ok({
      message_id: messageId,
      from: this.bot,
      chat: c.chat,
      date: Math.floor(Date.now() / 1000),
      document: { file_id: `doc${messageId}`, file_unique_id: `d${messageId}`, file_name: doc.filename, mime_type: doc.type, file_size: doc.bytes.length },
      ...(caption ? { caption } : {}),
    });
  }

  /**
   * An album: `media` is a JSON array of InputMediaPhoto (2–10), each `media: "attach://<field>"`
   * naming a file part of the multipart request; a caption (≤ 1024) on the first is the album's.
   * Answers the array of sent messages.
   */
  private sendMediaGroup(params: Record<string, unknown>): EmulatedAnswer {
    const c = this.chatById(params.chat_id);
    if (!c) return fail(400, 'Bad Request: chat not found');
    let media: Array<{ type?: unknown; media?: unknown; caption?: unknown }>;
    try {
      media = typeof params.media === 'string' ? JSON.parse(params.media) : (params.media as typeof media);
    } catch {
      return fail(400, "Bad Request: can't parse media JSON object");
    }
    if (!Array.isArray(media) || media.length < 2 || media.length > 10) return fail(400, 'Bad Request: wrong number of media in the album');
    const files: UploadedFile[] = [];
    for (const m of media) {
      if (m.type !== 'photo') return fail(400, 'Bad Request: unsupported media type');
      const ref = typeof m.media === 'string' && m.media.startsWith('attach://') ? params[m.media.slice('attach://'.length)] : undefined;
      if (!ref || typeof ref !== 'object' || !('bytes' in ref)) return fail(400, 'Bad Request: wrong file identifier/HTTP URL specified');
      if (typeof m.caption === 'string' && m.caption.length > 1024) return fail(400, 'Bad Request: message caption is too long');
      files.push(ref as UploadedFile);
    }
    const caption = typeof media[0]?.caption === 'string' ? media[0].caption : '';
    const groupId = String(13_000_000 + this.channelPosts.length);
    const sent = files.map((_, i) => {
      const messageId = c.nextId++;
      c.lines.push({ from: 'bot', messageId, text: i === 0 ? caption : '', photo: true, replyTo: null, at: Date.now() });
      return { message_id: messageId, from: this.bot, chat: c.chat, date: Math.floor(Date.now() / 1000), media_group_id: groupId, photo: [{ file_id: `posted${messageId}`, file_unique_id: `p${messageId}`, width: 1280, height: 960 }], ...(i === 0 && caption ? { caption } : {}) };
    });
    if (c.chat.type === 'channel') this.channelPosts.push({ chatId: c.chat.id, messageId: sent[0]!.message_id, text: caption, photos: files, mediaGroupId: groupId });
    return ok(sent);
  }

  /** Updates from `offset` on; asking with an offset confirms (drops) every earlier one, as Telegram does. */
  private getUpdates(params: Record<string, unknown>): EmulatedAnswer {
    if (this.webhook) return fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = Number(params.offset ?? 0);
    if (Number.isFinite(offset) && offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
    const limit = Math.min(Math.max(Number(params.limit ?? 100) || 100, 1), 100);
    return ok(this.pending.slice(0, limit));
  }
}
