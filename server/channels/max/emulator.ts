import { type EmulatedAnswer, PlatformEmulator, postWebhook, type RecordedCall, SAMPLE_JPEG } from '../emulator-kit';

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

  private nextMid(): string {
    this.seq += 1n;
    return `mid.${this.seq.toString(16).padStart(32, '0')}`;
  }

  protected answer(call: RecordedCall): EmulatedAnswer {
    if (call.method === 'GET' && call.path.startsWith('/i/')) return { status: 200, bytes: SAMPLE_JPEG, contentType: 'image/jpeg' };
    if (call.headers.authorization !== this.accessToken) return { status: 401, json: { code: 'verify.token', message: 'Invalid access_token' } };
    if (call.path === '/subscriptions' && call.method === 'POST') {
      const body = call.body as { url?: string; secret?: string };
      this.subscription = { url: String(body.url), ...(body.secret ? { secret: body.secret } : {}) };
      return { status: 200, json: { success: true } };
    }
    if (call.path === '/subscriptions' && call.method === 'GET') {
      return { status: 200, json: { subscriptions: this.subscription ? [{ url: this.subscription.url, time: Date.now(), update_types: [] }] : [] } };
    }
    if (call.path === '/messages' && call.method === 'POST') {
      const chatId = Number(call.query.chat_id);
      const body = call.body as { text?: string; attachments?: unknown[] } | null;
      if (!Number.isSafeInteger(chatId) || typeof body?.text !== 'string') return { status: 400, json: { code: 'proto.payload', message: 'Invalid request' } };
      if (body.text.length > 4000) return { status: 400, json: { code: 'text.too.long', message: 'Text is too long' } };
      return {
        status: 200,
        json: {
          message: {
            sender: { user_id: this.botUserId, first_name: 'Отклик', name: 'Отклик', username: 'otklik_bot', is_bot: true, last_activity_time: Date.now() },
            recipient: { chat_id: chatId, chat_type: 'dialog', user_id: null },
            timestamp: Date.now(),
            body: { mid: this.nextMid(), seq: Number(this.seq), text: body.text, attachments: body.attachments ?? null },
          },
        },
      };
    }
    return { status: 404, json: { code: 'not.found', message: `No method ${call.method} ${call.path}` } };
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

  /** Sends an update to the subscribed webhook (or `url`) with the subscription's secret (or `secret`). */
  async deliver(update: unknown, opts: { url?: string; secret?: string | null } = {}): Promise<number> {
    const url = opts.url ?? this.subscription?.url;
    if (!url) throw new Error('MAX emulator: no webhook subscribed');
    const secret = opts.secret === undefined ? this.subscription?.secret : opts.secret;
    const { status } = await postWebhook(url, update, secret ? { 'x-max-bot-api-secret': secret } : {});
    return status;
  }

}
