import { randomUUID } from 'node:crypto';
import type { DeliveryResult } from '../../../shared/channels/delivery';
import type { BotButton } from '../../../shared/chatbot/dialog';
import type { BotOutgoing, ConnectorChannel } from '../types';
import { textBesideFiles } from '../../../shared/chatbot/texts';
import { vkUploadMessageDoc } from './docs';
import { channelGroupId } from './inbound';
import { randomIdFor, vkCall, vkSend } from './outbound';
import { BUTTON_DATA_MAX, parseCallbackId, payloadOf } from './press';

/**
 * VK's limits on an inline keyboard (dev.vk.com «Клавиатура для ботов»; vk-io 4.10.1's
 * KeyboardBuilder checks the same): at most 6 rows of at most 5 buttons, 10 buttons in all, a
 * label of at most 40 characters, a payload of at most 255 characters of JSON.
 */
export const VK_INLINE_MAX_ROWS = 6;
export const VK_ROW_MAX_BUTTONS = 5;
export const VK_INLINE_MAX_BUTTONS = 10;
export const VK_LABEL_MAX = 40;

const label = (text: string) => (text.length > VK_LABEL_MAX ? `${text.slice(0, VK_LABEL_MAX - 1)}…` : text);

/**
 * The `keyboard` parameter of messages.send: `{inline: true, buttons: [[{action: {type, label,
 * payload}, color?}]]}` as JSON. `callback` buttons come back as `message_event`, `text` buttons
 * (for a client without callback buttons) as a `message_new` with the label as text and the
 * payload. Buttons past VK's limits are left off: the message's text carries the numbered menu.
 */
export function vkKeyboard(rows: readonly (readonly BotButton[])[], type: 'callback' | 'text' = 'callback'): string | null {
  const out: Array<Array<{ action: { type: string; label: string; payload: string }; color?: string }>> = [];
  let count = 0;
  for (const row of rows) {
    const line = [];
    for (const b of row.slice(0, VK_ROW_MAX_BUTTONS)) {
      if (b.data.length > BUTTON_DATA_MAX || count >= VK_INLINE_MAX_BUTTONS) continue;
      line.push({ action: { type, label: label(b.label), payload: payloadOf(b.data) }, ...(type === 'text' ? { color: 'secondary' } : {}) });
      count += 1;
    }
    if (line.length > 0 && out.length < VK_INLINE_MAX_ROWS) out.push(line);
  }
  return out.length > 0 ? JSON.stringify({ inline: true, buttons: out }) : null;
}

const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : typeof v === 'string' && /^-?\d{1,15}$/.test(v) ? Number(v) : null);

/**
 * A message with buttons to a dialog: messages.send with `keyboard` and a `random_id` from the
 * idempotency key (so a retried send leaves one message); a topic's files are uploaded as the
 * dialog's documents first and go in the same message's `attachment`. A target that is no dialog
 * (a comment, a board post) or a client that shows no inline keyboard gets the text alone through
 * `send` (files need a dialog).
 */
export async function vkSendBot(channel: ConnectorChannel, target: Record<string, string | number>, message: BotOutgoing, idempotencyKey?: string): Promise<DeliveryResult> {
  const key = idempotencyKey ?? `bot:${randomUUID()}`;
  const dialog = target.mode === 'message';
  const keyboard = dialog && target.buttons !== 'none' ? vkKeyboard(message.buttons, target.buttons === 'text' ? 'text' : 'callback') : null;
  const files = dialog ? (message.files ?? []) : [];
  if (!keyboard && files.length === 0) {
    if (message.text.trim() === '') return { outcome: 'permanent', code: 'rejected', detail: 'Nothing to send: no text, and files need a dialog' };
    return vkSend(channel, { deliveryId: key, kind: 'reply', text: message.text, target, idempotencyKey: key });
  }
  const groupId = channelGroupId(channel);
  if (groupId === null) return { outcome: 'permanent', code: 'channel_unauthorized', detail: 'The VK channel has no groupId setting' };
  const peerId = int(target.peer_id);
  if (peerId === null) return { outcome: 'permanent', code: 'target_missing', detail: 'No peer_id in the VK reply target' };
  // A file VK will not take (the token lacks the «Документы» right, the upload failed) is left off:
  // the answer's text and buttons still reach the citizen.
  const attachments: string[] = [];
  for (const file of files) {
    const up = await vkUploadMessageDoc(channel, peerId, file);
    if (up.ok) attachments.push(up.attachment);
  }
  const out = await vkCall(
    channel,
    'messages.send',
    {
      peer_id: peerId,
      message: textBesideFiles(message.text, files.length, attachments.length).slice(0, 9000),
      random_id: randomIdFor(key),
      ...(keyboard ? { keyboard } : {}),
      ...(attachments.length > 0 ? { attachment: attachments.join(',') } : {}),
    },
    channel.secrets.accessToken,
  );
  if (!out.ok) return out.result;
  return { outcome: 'delivered', externalId: String(out.value), externalUrl: `https://vk.com/gim${groupId}?sel=${peerId}` };
}

/**
 * messages.sendMessageEventAnswer `{event_id, user_id, peer_id}` without `event_data`: the client
 * stops waiting on the callback button (VK shows an error when a press is not answered within a
 * minute). A failure changes nothing for the dialog.
 */
export async function vkAckButton(channel: ConnectorChannel, callbackId: string): Promise<void> {
  const id = parseCallbackId(callbackId);
  if (!id) return;
  await vkCall(channel, 'messages.sendMessageEventAnswer', { event_id: id.eventId, user_id: id.userId, peer_id: id.peerId }, channel.secrets.accessToken).catch(() => undefined);
}
