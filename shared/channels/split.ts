import type { Source } from '../domain';
import { replyLengthLimit } from './limits';

/**
 * Channels where a long answer may go as several numbered messages: a dialog or comment thread,
 * where the citizen reads them one under another. The Gosuslugi platform (ПОС) and the incident
 * system take one answer per appeal, and an e-mail has no channel limit of its own below ours.
 */
export const SPLITTABLE_SOURCES: ReadonlySet<Source> = new Set<Source>(['vk', 'ok', 'telegram', 'chatbot']);

export function canSplitReply(source: Source): boolean {
  return SPLITTABLE_SOURCES.has(source);
}

/** «(2/3) »: what each part starts with. */
export function partMarker(index: number, total: number): string {
  return `(${index}/${total}) `;
}

/** A cut is taken at a paragraph or sentence end only if the part is not left shorter than this share of the room. */
const MIN_SHARE = 0.5;

/**
 * Where to end a part of at most `room` characters of `text`: after the last paragraph break in
 * it, else after the last sentence end, else at the last space, else exactly at `room` (one word
 * longer than a whole message).
 */
function cutAt(text: string, room: number): number {
  const window = text.slice(0, room + 1);
  const floor = Math.floor(room * MIN_SHARE);
  const paragraph = window.lastIndexOf('\n\n', room);
  if (paragraph >= floor) return paragraph;
  let sentence = -1;
  for (const m of window.matchAll(/[.!?…]+["»)]*(?=\s)/g)) {
    const end = m.index + m[0].length;
    if (end <= room) sentence = end;
  }
  if (sentence >= floor) return sentence;
  const line = window.lastIndexOf('\n', room);
  if (line >= floor) return line;
  const space = window.lastIndexOf(' ', room);
  if (space > 0) return space;
  return room;
}

function splitWithRoom(text: string, room: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > room) {
    const at = cutAt(rest, room);
    const part = rest.slice(0, at).trim();
    if (part) parts.push(part);
    rest = rest.slice(at).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

/**
 * A reply too long for one message, as numbered parts of at most `limit` characters each, marker
 * included, cut at paragraph and sentence ends where it can be. A text that fits is one part,
 * without a marker. The marker's length depends on how many parts there are, so the cut is
 * redone until the count holds.
 */
export function splitReply(text: string, limit: number): string[] {
  const body = text.trim();
  if (body.length <= limit) return body ? [body] : [];
  let total = Math.ceil(body.length / limit);
  for (let i = 0; i < 10; i++) {
    const room = limit - partMarker(total, total).length;
    if (room < 1) throw new RangeError(`A limit of ${limit} characters leaves no room for a part`);
    const parts = splitWithRoom(body, room);
    if (parts.length === total || partMarker(parts.length, parts.length).length === partMarker(total, total).length) {
      return parts.map((p, n) => partMarker(n + 1, parts.length) + p);
    }
    total = parts.length;
  }
  throw new RangeError('Splitting did not settle');
}

/** The parts a reply on this channel would go as; null when the channel takes no parts or it fits. */
export function replyParts(source: Source, text: string): string[] | null {
  const limit = replyLengthLimit(source);
  if (text.trim().length <= limit || !canSplitReply(source)) return null;
  return splitReply(text, limit);
}
