import { randomBytes } from 'node:crypto';
import type { EmulatedAnswer } from '../emulator-kit';

/** One button of a community's inline keyboard as the emulator keeps it. */
export interface VkKeyboardButton {
  type: 'callback' | 'text';
  label: string;
  /** The payload as sent: a JSON string. */
  payload: string;
}
export type VkKeyboard = VkKeyboardButton[][];

/** What the VK emulator needs of its host for buttons: its group, callback envelope and dialogs. */
export interface VkButtonsHost {
  readonly groupId: number;
  envelope<T>(type: string, object: T): Record<string, unknown>;
  messageNew(input: { fromId: number; text: string; payload?: string }): Record<string, unknown>;
}

/**
 * The `keyboard` parameter of messages.send as VK checks it (dev.vk.com «Клавиатура для ботов»;
 * vk-io 4.10.1's KeyboardBuilder enforces the same): JSON with `buttons` (rows of `{action: {type,
 * label, payload}}`), `inline: true` at most 6 rows, at most 5 buttons a row and 10 in all, a label
 * of at most 40 characters, a payload of at most 255 characters of JSON. VK answers 911 «Keyboard
 * format is invalid» to anything else. Only callback and text buttons are taken here.
 */
export function checkKeyboard(raw: string): { ok: true; keyboard: VkKeyboard } | { ok: false; msg: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, msg: 'Keyboard format is invalid: not JSON' };
  }
  const k = parsed as { buttons?: unknown; inline?: unknown };
  if (!k || typeof k !== 'object' || !Array.isArray(k.buttons)) return { ok: false, msg: 'Keyboard format is invalid: buttons' };
  const inline = k.inline === true;
  if (k.buttons.length > (inline ? 6 : 10)) return { ok: false, msg: 'Keyboard format is invalid: too many rows' };
  const keyboard: VkKeyboard = [];
  let count = 0;
  for (const row of k.buttons as unknown[]) {
    if (!Array.isArray(row) || row.length === 0 || row.length > 5) return { ok: false, msg: 'Keyboard format is invalid: row' };
    const line: VkKeyboardButton[] = [];
    for (const b of row as Array<{ action?: { type?: unknown; label?: unknown; payload?: unknown } }>) {
      const a = b?.action;
      if (!a || (a.type !== 'callback' && a.type !== 'text')) return { ok: false, msg: 'Keyboard format is invalid: action type' };
      if (typeof a.label !== 'string' || a.label === '' || a.label.length > 40) return { ok: false, msg: 'Keyboard format is invalid: label' };
      if (typeof a.payload !== 'string' || a.payload.length > 255) return { ok: false, msg: 'Keyboard format is invalid: payload' };
      try {
        JSON.parse(a.payload);
      } catch {
        return { ok: false, msg: 'Keyboard format is invalid: payload is not JSON' };
      }
      line.push({ type: a.type, label: a.label, payload: a.payload });
      count += 1;
    }
    keyboard.push(line);
  }
  if (inline && count > 10) return { ok: false, msg: 'Keyboard format is invalid: too many buttons' };
  return { ok: true, keyboard };
}

/**
 * A person's presses of a community's buttons: a callback button becomes a `message_event` call
 * (its own event id, which messages.sendMessageEventAnswer must name within a minute), a text
 * button a `message_new` with the label as text and the payload.
 */
export class VkEmulatorButtons {
  /** Press event ids handed out and not yet answered, with who pressed where. */
  private readonly pending = new Map<string, { userId: number; peerId: number; at: number }>();
  /** The press event ids the community answered with messages.sendMessageEventAnswer. */
  readonly answered: string[] = [];

  constructor(private readonly host: VkButtonsHost) {}

  /**
   * A `message_event` call: `payload` as VK gives it there, an object (a forger may send anything).
   * `conversationMessageId` names the message the button was under.
   */
  messageEvent(input: { fromId: number; payload: unknown; conversationMessageId?: number; peerId?: number }) {
    const eventId = randomBytes(6).toString('hex');
    const peerId = input.peerId ?? input.fromId;
    this.pending.set(eventId, { userId: input.fromId, peerId, at: Date.now() });
    return this.host.envelope('message_event', {
      user_id: input.fromId,
      peer_id: peerId,
      event_id: eventId,
      payload: input.payload,
      ...(input.conversationMessageId !== undefined ? { conversation_message_id: input.conversationMessageId } : {}),
    });
  }

  /** The person presses the button `label` of the keyboard on one of the community's messages. */
  press(input: { fromId: number; keyboard: VkKeyboard | undefined; label: string; conversationMessageId?: number }) {
    const button = input.keyboard?.flat().find((b) => b.label === input.label);
    if (!button) throw new Error(`VK emulator: no button «${input.label}»`);
    if (button.type === 'text') return this.host.messageNew({ fromId: input.fromId, text: button.label, payload: button.payload });
    return this.messageEvent({ fromId: input.fromId, payload: JSON.parse(button.payload), ...(input.conversationMessageId !== undefined ? { conversationMessageId: input.conversationMessageId } : {}) });
  }

  /** messages.sendMessageEventAnswer: the press's event id, with its user and dialog, within a minute. */
  answer(p: Record<string, string>, error: (code: number, msg: string) => EmulatedAnswer): EmulatedAnswer {
    const press = p.event_id ? this.pending.get(p.event_id) : undefined;
    if (!press || Date.now() - press.at > 60_000) return error(100, 'One of the parameters specified was missing or invalid: event_id is invalid');
    if (Number(p.user_id) !== press.userId || Number(p.peer_id) !== press.peerId) return error(100, 'One of the parameters specified was missing or invalid: user_id or peer_id');
    if (p.event_data !== undefined) {
      try {
        JSON.parse(p.event_data);
      } catch {
        return error(100, 'One of the parameters specified was missing or invalid: event_data');
      }
    }
    this.pending.delete(p.event_id!);
    this.answered.push(p.event_id!);
    return { status: 200, json: { response: 1 } };
  }
}
