import { randomBytes } from 'node:crypto';
import { type EmulatedAnswer, PlatformEmulator, postWebhook, type RecordedCall, SAMPLE_JPEG, type UploadedFile } from '../emulator-kit';

/**
 * A loopback fake of the MAX Bot API for one bot: `POST /messages`, `POST|GET /subscriptions`,
 * the token checked from the `Authorization` header (401 `verify.token` otherwise), answers in the
 * shapes of @maxhub/max-bot-api's types; and the updates MAX posts to a subscribed webhook, with
 * the subscription's secret in `X-Max-Bot-Api-Secret`.
 */
export class MaxEmulator extends PlatformEmulator {
  readonly botUserId = 9100001;
  // A bigint: MAX's sequence numbers are past 2^53, where adding one to a number changes nothing.
  private seq = 115461813930966530n;
  private subscription: { url: string; secret?: string } | null = null;
  /** Photos uploaded through `/uploads`, by their token. */
  private readonly uploads = new Map<string, UploadedFile>();
  /** Channels the bot administers, by chat id, with their public name (for the post's link). */
  private readonly channels = new Map<number, string>();
  /** What the bot posted in its channels, with the photos' files. */
  readonly channelPosts: Array<{ chatId: number; mid: string; text: string; photos: UploadedFile[]; url: string }> = [];
  /** What the bot sent to dialogs, with its inline keyboard's callback buttons. */
  readonly sent: MaxSentMessage[] = [];
  /** Callback ids handed out by presses and not yet answered; and those answered with POST /answers. */
  private readonly pendingCallbacks = new Map<string, number>();
  readonly answeredCallbacks: Array<{ callbackId: string; body: unknown }> = [];
  /** File uploads refused (`POST /uploads?type=file` answers 403), as for a bot MAX does not let send files. */
  filesDenied = false;

  constructor(readonly accessToken = 'max-emulator-token') {
    super();
  }



  photoUrl(name = 'lamp.jpg'): string {
    return `${this.url}/i/${name}`;
  }

  /** What the bot sent to one chat: the text and the message body as posted. */
  messagesTo(chatId: number): Array<{ text: string; body: { text?: string; attachments?: unknown[] } }> {
    return this.api.calls
      .filter((c) => c.method === 'POST' && c.path === '/messages' && c.query.chat_id === String(chatId))
      .map((c) => {
        const body = (c.body ?? {}) as { text?: string; attachments?: unknown[] };
        return { text: body.text ?? '', body };
      });
  }

  /** A channel the bot administers; its posts get the link `https://max.ru/<name>/<mid>`. */
  addChannel(chatId: number, name: string): void {
    this.channels.set(chatId, name);
  }

  private nextMid(): string {
    this.seq += 1n;
    return `mid.${this.seq.toString(16).padStart(32, '0')}`;
  }

  protected answer(call: RecordedCall): EmulatedAnswer {
    if (call.method === 'GET' && call.path.startsWith('/i/')) return { status: 200, bytes: SAMPLE_JPEG, contentType: 'image/jpeg' };
    // The upload url is MAX's own signed address: it takes no Authorization header.
    if (call.method === 'POST' && call.path === '/upload/image') return this.takeUpload(call);
    if (call.method === 'POST' && call.path === '/upload/file') return this.takeFile(call);
    if (call.headers.authorization !== this.accessToken) return { status: 401, json: { code: 'verify.token', message: 'Invalid access_token' } };
    if (call.path === '/uploads' && call.method === 'POST') {
      if (call.query.type === 'file' && this.filesDenied) return { status: 403, json: { code: 'access.denied', message: 'Access denied' } };
      if (call.query.type !== 'image' && call.query.type !== 'file') return { status: 400, json: { code: 'proto.payload', message: 'Unsupported upload type' } };
      return { status: 200, json: { url: `${this.url}/upload/${call.query.type}?slot=${this.uploads.size + 1}` } };
    }
    if (call.path === '/subscriptions' && call.method === 'POST') {
      const body = call.body as { url?: string; secret?: string };
      this.subscription = { url: String(body.url), ...(body.secret ? { secret: body.secret } : {}) };
      return { status: 200, json: { success: true } };
    }
    if (call.path === '/subscriptions' && call.method === 'GET') {
      return { status: 200, json: { subscriptions: this.subscription ? [{ url: this.subscription.url, time: Date.now(), update_types: [] }] : [] } };
    }
    if (call.path === '/answers' && call.method === 'POST') return this.answerCallback(call);
    if (call.path === '/messages' && call.method === 'POST') {
      const chatId = Number(call.query.chat_id);
      const body = call.body as { text?: string; attachments?: unknown[] } | null;
      if (!Number.isSafeInteger(chatId) || typeof body?.text !== 'string') return { status: 400, json: { code: 'proto.payload', message: 'Invalid request' } };
      if (body.text.length > 4000) return { status: 400, json: { code: 'text.too.long', message: 'Text is too long' } };
      const buttons = keyboardOf(body.attachments);
      if (buttons === 'invalid') return { status: 400, json: { code: 'proto.payload', message: 'Invalid inline_keyboard' } };
      const photos: UploadedFile[] = [];
      const files: UploadedFile[] = [];
      for (const a of (body.attachments ?? []) as Array<{ type?: string; payload?: { photos?: Record<string, { token?: string }>; token?: string } }>) {
        if (a.type === 'file') {
          const file = a.payload?.token ? this.uploads.get(a.payload.token) : undefined;
          if (!file) return { status: 400, json: { code: 'attachment.not.ready', message: 'Key: errors.process.attachment.file.not.processed' } };
          files.push(file);
          continue;
        }
        if (a.type !== 'image') continue;
        for (const p of Object.values(a.payload?.photos ?? {})) {
          const file = p.token ? this.uploads.get(p.token) : undefined;
          if (!file) return { status: 400, json: { code: 'attachment.not.ready', message: 'Key: errors.process.attachment.file.not.processed' } };
          photos.push(file);
        }
      }
      const channel = this.channels.get(chatId);
      const mid = this.nextMid();
      const url = channel ? `https://max.ru/${channel}/${mid}` : null;
      if (channel !== undefined) this.channelPosts.push({ chatId, mid, text: body.text, photos, url: url! });
      else this.sent.push({ chatId, mid, text: body.text, buttons, at: new Date().toISOString(), ...(files.length > 0 ? { files } : {}) });
      return {
        status: 200,
        json: {
          message: {
            sender: { user_id: this.botUserId, first_name: 'Отклик', name: 'Отклик', username: 'otklik_bot', is_bot: true, last_activity_time: Date.now() },
            recipient: { chat_id: chatId, chat_type: channel !== undefined ? 'channel' : 'dialog', user_id: null },
            timestamp: Date.now(),
            body: { mid, seq: Number(this.seq), text: body.text, attachments: body.attachments ?? null },
            ...(url ? { url } : {}),
          },
        },
      };
    }
    return { status: 404, json: { code: 'not.found', message: `No method ${call.method} ${call.path}` } };
  }

  /** The upload server: the file in the multipart field `data`; answers the photo's token. */
  private takeUpload(call: RecordedCall): EmulatedAnswer {
    const file = (call.body as Record<string, unknown> | null)?.data;
    if (!file || typeof file !== 'object' || !('bytes' in file)) return { status: 400, json: { code: 'upload.error', message: 'No file in the data field' } };
    const token = `tok${this.uploads.size + 1}_${call.query.slot ?? ''}`;
    this.uploads.set(token, file as UploadedFile);
    return { status: 200, json: { photos: { [`p${this.uploads.size}`]: { token } } } };
  }

  /** The upload server for `type=file`: the file in `data`; answers `{token}` (MAX's UploadedInfo). */
  private takeFile(call: RecordedCall): EmulatedAnswer {
    const file = (call.body as Record<string, unknown> | null)?.data;
    if (!file || typeof file !== 'object' || !('bytes' in file)) return { status: 400, json: { code: 'upload.error', message: 'No file in the data field' } };
    const token = `file${this.uploads.size + 1}_${randomBytes(4).toString('hex')}`;
    this.uploads.set(token, file as UploadedFile);
    return { status: 200, json: { token } };
  }

  /** A person's message to the bot, as a `message_created` update. */
  messageCreated(input: { userId: number; chatId: number; text: string; firstName?: string; lastName?: string; imageUrl?: string; mid?: string }) {
    const now = Date.now();
    return {
      update_type: 'message_created',
      timestamp: now,
      message: {
        sender: {
          user_id: input.userId,
          first_name: input.firstName ?? 'Житель',
          ...(input.lastName ? { last_name: input.lastName } : {}),
          name: [input.firstName ?? 'Житель', input.lastName].filter(Boolean).join(' '),
          username: null,
          is_bot: false,
          last_activity_time: now,
        },
        recipient: { chat_id: input.chatId, chat_type: 'dialog', user_id: this.botUserId },
        timestamp: now,
        body: {
          mid: input.mid ?? this.nextMid(),
          seq: Number(this.seq),
          text: input.text,
          attachments: input.imageUrl ? [{ type: 'image', payload: { photo_id: Number(this.seq % 10_000_000_000n), token: 'emulated', url: input.imageUrl } }] : null,
        },
      },
      user_locale: 'ru',
    };
  }

  /**
   * A person presses the callback button `label` under the bot's message `mid` (or sends any
   * `payload`, as a forger could): a `message_callback` update whose callback id POST /answers takes.
   */
  messageCallback(input: { userId: number; mid: string; label?: string; payload?: string; firstName?: string }) {
    const msg = this.sent.find((m) => m.mid === input.mid);
    if (!msg) throw new Error(`MAX emulator: no message ${input.mid}`);
    const payload = input.payload ?? msg.buttons.flat().find((b) => b.text === input.label)?.payload;
    if (payload === undefined) throw new Error(`MAX emulator: no button «${input.label}»`);
    const now = Date.now();
    const callbackId = `cb${randomBytes(18).toString('base64url')}`;
    this.pendingCallbacks.set(callbackId, now);
    const user = { user_id: input.userId, first_name: input.firstName ?? 'Житель', name: input.firstName ?? 'Житель', username: null, is_bot: false, last_activity_time: now };
    return {
      update_type: 'message_callback',
      timestamp: now,
      callback: { timestamp: now, callback_id: callbackId, payload, user },
      message: {
        sender: { user_id: this.botUserId, first_name: 'Отклик', name: 'Отклик', username: 'otklik_bot', is_bot: true, last_activity_time: now },
        recipient: { chat_id: msg.chatId, chat_type: 'dialog', user_id: input.userId },
        timestamp: now,
        body: { mid: msg.mid, seq: Number(this.seq), text: msg.text, attachments: [{ type: 'inline_keyboard', payload: { buttons: msg.buttons } }] },
      },
      user_locale: 'ru',
    };
  }

  /** POST /answers?callback_id=: a callback handed out and not answered yet, with `message` or `notification`. */
  private answerCallback(call: RecordedCall): EmulatedAnswer {
    const id = call.query.callback_id ?? '';
    const body = (call.body ?? {}) as { message?: unknown; notification?: unknown };
    if (!this.pendingCallbacks.has(id)) return { status: 400, json: { code: 'not.found', message: 'Callback not found or expired' } };
    if (body.message === undefined && typeof body.notification !== 'string') return { status: 400, json: { code: 'proto.payload', message: 'message or notification is required' } };
    this.pendingCallbacks.delete(id);
    this.answeredCallbacks.push({ callbackId: id, body });
    return { status: 200, json: { success: true } };
  }

  /** Sends an update to the subscribed webhook (or `url`) with the subscription's secret (or `secret`). */
  async deliver(update: unknown, opts: { url?: string; secret?: string | null } = {}): Promise<number> {
    const url = opts.url ?? this.subscription?.url;
    if (!url) throw new Error('MAX emulator: no webhook subscribed');
    const secret = opts.secret === undefined ? this.subscription?.secret : opts.secret;
    const { status } = await postWebhook(url, update, secret ? { 'x-max-bot-api-secret': secret } : {});
    return status;
  }
}

/** One message the bot sent to a dialog, with the callback buttons of its inline keyboard. */
export interface MaxSentMessage {
  chatId: number;
  mid: string;
  text: string;
  buttons: Array<Array<{ type: 'callback'; text: string; payload: string }>>;
  /** When it was sent, ISO. */
  at: string;
  /** Files attached as `{type: "file", payload: {token}}`. */
  files?: UploadedFile[];
}

/**
 * The callback buttons of an `inline_keyboard` attachment (SDK `InlineKeyboardAttachmentRequest`:
 * `payload.buttons`, rows of `{type, text, payload}`), checked as MAX does: at most 30 rows of at
 * most 7, a text of at most 128 and a payload of at most 1024 characters; 'invalid' otherwise.
 */
function keyboardOf(attachments: unknown[] | undefined): MaxSentMessage['buttons'] | 'invalid' {
  const kb = (attachments ?? []).find((a) => (a as { type?: unknown }).type === 'inline_keyboard') as { payload?: { buttons?: unknown } } | undefined;
  if (!kb) return [];
  const rows = kb.payload?.buttons;
  if (!Array.isArray(rows) || rows.length > 30) return 'invalid';
  const out: MaxSentMessage['buttons'] = [];
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row) || row.length === 0 || row.length > 7) return 'invalid';
    const line = [];
    for (const b of row as Array<{ type?: unknown; text?: unknown; payload?: unknown }>) {
      if (b.type !== 'callback' || typeof b.text !== 'string' || b.text.length === 0 || b.text.length > 128 || typeof b.payload !== 'string' || b.payload.length > 1024) return 'invalid';
      line.push({ type: 'callback' as const, text: b.text, payload: b.payload });
    }
    out.push(line);
  }
  return out;
}
