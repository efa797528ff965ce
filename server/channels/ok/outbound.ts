import type { DeliveryResult } from '../../../shared/channels/delivery';
import type { OutboundMessage } from '../../../shared/channels/outbound';
import { postPlatform } from '../http';
import { channelApiBase } from '../settings';
import type { ConnectorChannel } from '../types';

export const OK_API_BASE = 'https://api.ok.ru';

/**
 * OK's error codes (`error_code` in `{error_code, error_msg, error_data}`, the list in apiok.ru's
 * "Коды ошибок") and what each means for a reply. Anything not listed is `rejected` with its code.
 */
const TRANSIENT: Record<number, 'platform_unavailable' | 'rate_limited'> = {
  1: 'platform_unavailable', // UNKNOWN
  2: 'platform_unavailable', // SERVICE: temporarily unavailable
  8: 'rate_limited', // FLOOD_BLOCKED
  11: 'rate_limited', // LIMIT_REACHED
  9999: 'platform_unavailable', // SYSTEM
};
const PERMANENT: Record<number, 'channel_unauthorized' | 'recipient_blocked' | 'target_missing' | 'too_long'> = {
  102: 'channel_unauthorized', // PARAM_SESSION_EXPIRED
  103: 'channel_unauthorized', // PARAM_SESSION_KEY: the group's token is wrong or replaced
  200: 'channel_unauthorized', // PARAM_PERMISSION
  210: 'channel_unauthorized', // PARAM_APPLICATION_DISABLED
  453: 'channel_unauthorized', // SESSION_REQUIRED
  457: 'channel_unauthorized', // UNAUTHORIZED_RESTRICTION
  10: 'recipient_blocked', // PERMISSION_DENIED: the person did not allow the group to write
  455: 'recipient_blocked',
  456: 'recipient_blocked', // GROUP_RESTRICTION
  458: 'recipient_blocked', // PRIVACY_RESTRICTION
  300: 'target_missing', // NOT_FOUND: the chat is gone
  601: 'too_long', // MEDIA_TOPIC_TEXT_LIMIT
};

export function okResult(status: number, json: unknown): DeliveryResult {
  const body = (json ?? {}) as { success?: unknown; message_id?: unknown; error_code?: unknown; error_msg?: unknown };
  if (typeof body.error_code === 'number') {
    const detail = `OK ${body.error_code}: ${String(body.error_msg ?? '')}`.slice(0, 500);
    const transient = TRANSIENT[body.error_code];
    if (transient) return { outcome: 'transient', code: transient, detail };
    return { outcome: 'permanent', code: PERMANENT[body.error_code] ?? 'rejected', detail };
  }
  if (status === 429) return { outcome: 'transient', code: 'rate_limited', detail: 'HTTP 429' };
  if (status >= 500) return { outcome: 'transient', code: 'platform_unavailable', detail: `HTTP ${status}` };
  if (status === 200 && body.success !== false) {
    return { outcome: 'delivered', externalId: typeof body.message_id === 'string' ? body.message_id : '', externalUrl: null };
  }
  return { outcome: 'permanent', code: 'rejected', detail: `HTTP ${status}` };
}

/**
 * `POST graph/me/messages/chat:<id>?access_token=…` with `{recipient: {chat_id}, message: {text}}`
 * (apiok.ru, graph.user.messages). OK takes no idempotency key: the delivery worker records the
 * attempt before the call and does not resend one whose outcome is unknown.
 */
export async function okSend(channel: ConnectorChannel, message: OutboundMessage): Promise<DeliveryResult> {
  const chatId = message.target.chat_id;
  if (typeof chatId !== 'string' || !/^chat:[\w-]+$/.test(chatId)) {
    return { outcome: 'permanent', code: 'target_missing', detail: 'No OK chat_id in the reply target' };
  }
  const url = `${channelApiBase(channel, OK_API_BASE)}/graph/me/messages/${chatId}?access_token=${encodeURIComponent(channel.secrets.accessToken ?? '')}`;
  const res = await postPlatform(url, JSON.stringify({ recipient: { chat_id: chatId }, message: { text: message.text } }), 'application/json;charset=utf-8');
  // A call that got no answer in time may have reached OK, which takes no idempotency key: a person
  // checks the dialog rather than the worker sending it twice. A refused connection sent nothing.
  if (!res.ok && res.reason === 'timeout') return { outcome: 'permanent', code: 'unknown_outcome', detail: `no answer from OK in time: ${res.detail}`.slice(0, 500) };
  if (!res.ok) return { outcome: 'transient', code: 'network', detail: res.detail };
  return okResult(res.status, res.json);
}
