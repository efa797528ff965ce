import { type EmulatedAnswer, PlatformEmulator, postWebhook, type RecordedCall, SAMPLE_JPEG } from '../emulator-kit';

/**
 * A loopback fake of OK's Graph API for one group: it answers `graph/me/messages/chat:<id>` and
 * `graph/me/subscribe` as api.ok.ru does (errors as `{error_code, error_msg, error_data}` with
 * HTTP 200), records what it was sent, and sends the webhook notifications OK sends.
 */
export class OkEmulator extends PlatformEmulator {
  private sent = 0;
  private seq = 104530112233445560n;

  constructor(readonly accessToken = 'tkn-ok-emulator') {
    super();
  }



  /** The replies Otklik sent to one dialog, oldest first. */
  messagesTo(chatId: string): Array<{ text: string; call: RecordedCall }> {
    return this.api.calls
      .filter((c) => c.method === 'POST' && c.path === `/graph/me/messages/${chatId}`)
      .map((call) => ({ text: String((call.body as { message?: { text?: string } } | null)?.message?.text ?? ''), call }));
  }

  /** A photo as OK's image server (i.mycdn.me) gives it, for messages with an IMAGE attachment. */
  photoUrl(name = 'yard.jpg'): string {
    return `${this.url}/i/${name}`;
  }

  protected answer(call: RecordedCall): EmulatedAnswer {
    if (call.method === 'GET' && call.path.startsWith('/i/')) return { status: 200, bytes: SAMPLE_JPEG, contentType: 'image/jpeg' };
    if (call.query.access_token !== this.accessToken) {
      return { status: 200, json: { error_code: 102, error_msg: 'PARAM_SESSION_EXPIRED : Session expired', error_data: null } };
    }
    if (call.method === 'POST' && call.path === '/graph/me/subscribe') return { status: 200, json: { success: true } };
    const chat = /^\/graph\/me\/messages\/(chat:[\w-]+)$/.exec(call.path)?.[1];
    if (call.method === 'POST' && chat) {
      const body = call.body as { recipient?: { chat_id?: string }; message?: { text?: string } } | null;
      if (body?.recipient?.chat_id !== chat || typeof body.message?.text !== 'string') {
        return { status: 200, json: { error_code: 100, error_msg: 'PARAM : Missing required parameter', error_data: null } };
      }
      this.sent += 1;
      return { status: 200, json: { success: true, message_id: `mid:${chat.slice(5)}.${(0x18c2f1e0a7b0000 + this.sent).toString(16)}` } };
    }
    return { status: 200, json: { error_code: 3, error_msg: 'METHOD : Method does not exist', error_data: null } };
  }

  /** A new message from a person to the group, as OK's webhook carries it. */
  message(input: { userId: string; chatId: string; text: string; name?: string; mid?: string; imageUrl?: string }): Record<string, unknown> {
    this.seq += 1n;
    const mid = input.mid ?? `mid:${input.chatId.replace(/^chat:/, '')}.${this.seq.toString(16)}`;
    return {
      webhookType: 'MESSAGE_CREATED',
      sender: { user_id: `user:${input.userId}`, ...(input.name ? { name: input.name } : {}) },
      recipient: { chat_id: input.chatId },
      message: {
        text: input.text,
        seq: Number(this.seq),
        ...(input.imageUrl ? { attachments: [{ type: 'IMAGE', payload: { url: input.imageUrl } }] } : {}),
        mid,
      },
      timestamp: Date.now(),
    };
  }

  /**
   * Sends a notification to the webhook as OK does: anything but 200 is tried again (OK keeps
   * trying for up to 8 hours; here `attempts` times, `gapMs` apart). Returns each attempt's status.
   */
  async deliver(webhookUrl: string, payload: unknown, attempts = 1, gapMs = 50): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < attempts; i += 1) {
      const { status } = await postWebhook(webhookUrl, payload);
      statuses.push(status);
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, gapMs));
    }
    return statuses;
  }

}
