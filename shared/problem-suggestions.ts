import type { Appeal } from './domain';
import { normalizeSettlement } from './routing';

/**
 * Which appeals are probably about the same problem, offered to the clerk to link with one click.
 * Two reasons count: the same place and sphere within a time window (a pothole reported by twelve
 * people in a fortnight), or near-identical text (a copied complaint, a petition sent by many).
 * Nothing is linked by itself: a suggestion is a question to a person.
 */

export const SUGGESTION_WINDOW_DAYS = 14;
/** Share of shared words (Jaccard over word sets) above which two texts are «near-identical». */
export const NEAR_IDENTICAL_TEXT = 0.8;
/** Texts shorter than this (in words) say too little to be matched on text alone. */
const MIN_TEXT_WORDS = 5;
const DAY = 86_400_000;

export type SuggestionReason = 'text' | 'address' | 'settlement';

export type SuggestionAppeal = Pick<Appeal, 'id' | 'text' | 'category' | 'settlement' | 'address' | 'receivedAt'> & {
  problemId?: string | null;
};

export interface Suggestion {
  appealId: string;
  /** The problem that appeal is already in, if any: accepting links into it. */
  problemId: string | null;
  reason: SuggestionReason;
  /** Text similarity, 0..1. */
  similarity: number;
}

/** The comparable words of a text: lower case, ё as е, no punctuation, no words under 3 letters. */
export function textWords(text: string): Set<string> {
  const words = text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 3);
  return new Set(words);
}

export function textSimilarity(a: string, b: string): number {
  const wa = textWords(a);
  const wb = textWords(b);
  if (wa.size === 0 || wb.size === 0) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared);
}

/** Words that name the kind of street or building, written or left out at will. */
const ADDRESS_TYPE_WORDS = new Set(['ул', 'улица', 'пр', 'пр-т', 'проспект', 'пер', 'переулок', 'д', 'дом', 'пл', 'площадь', 'ш', 'шоссе']);

const normAddress = (s: string | null) =>
  (s ?? '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[.,;:«»"']/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && !ADDRESS_TYPE_WORDS.has(w))
    .join(' ');

/** Why `b` is suggested for `a`, or null. Text beats address beats settlement. */
export function suggestionReason(a: SuggestionAppeal, b: SuggestionAppeal, windowDays = SUGGESTION_WINDOW_DAYS): { reason: SuggestionReason; similarity: number } | null {
  if (a.id === b.id) return null;
  const similarity = textSimilarity(a.text, b.text);
  const longEnough = textWords(a.text).size >= MIN_TEXT_WORDS && textWords(b.text).size >= MIN_TEXT_WORDS;
  if (longEnough && similarity >= NEAR_IDENTICAL_TEXT) return { reason: 'text', similarity };
  if (a.category !== b.category || a.category === 'other') return null;
  if (Math.abs(Date.parse(a.receivedAt) - Date.parse(b.receivedAt)) > windowDays * DAY) return null;
  if (!a.settlement || !b.settlement || normalizeSettlement(a.settlement) !== normalizeSettlement(b.settlement)) return null;
  const addrA = normAddress(a.address);
  const addrB = normAddress(b.address);
  if (addrA !== '' && addrA === addrB) return { reason: 'address', similarity };
  // Two different addresses in one settlement are two places, not one problem.
  if (addrA !== '' && addrB !== '') return null;
  return { reason: 'settlement', similarity };
}

const RANK: Record<SuggestionReason, number> = { text: 0, address: 1, settlement: 2 };

/**
 * The suggestions for an appeal, best first: by reason, then by text similarity, then the
 * nearest in time; the id decides between equals so the list is stable.
 */
export function suggestLinks(
  appeal: SuggestionAppeal,
  candidates: Iterable<SuggestionAppeal>,
  opts: { windowDays?: number; limit?: number } = {},
): Suggestion[] {
  const received = Date.parse(appeal.receivedAt);
  const out: (Suggestion & { distance: number })[] = [];
  for (const c of candidates) {
    // Already in the same problem: nothing to suggest.
    if (appeal.problemId && c.problemId === appeal.problemId) continue;
    const why = suggestionReason(appeal, c, opts.windowDays);
    if (!why) continue;
    out.push({ appealId: c.id, problemId: c.problemId ?? null, ...why, distance: Math.abs(Date.parse(c.receivedAt) - received) });
  }
  out.sort(
    (x, y) => RANK[x.reason] - RANK[y.reason] || y.similarity - x.similarity || x.distance - y.distance || (x.appealId < y.appealId ? -1 : 1),
  );
  return out.slice(0, opts.limit ?? 10).map(({ distance: _d, ...s }) => s);
}
