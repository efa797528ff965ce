import { stemmer } from '@orama/stemmers/russian';
import type { Appeal, Reply } from '../../shared/domain';

/**
 * Russian full-text search by word stems (Snowball's Russian stemmer, through @orama/stemmers):
 * «дорога», «дороги», «дорогу» all become «дорог». The stems of every appeal and reply are kept in
 * memory (stem-index.ts), not in IndexedDB; a query is stemmed the same way.
 */

/** Words of one or two letters (prepositions, «д.», «ул.») would match half the region. */
const MIN_WORD = 3;
/** Common words that say nothing about what an appeal is about. */
const STOP = new Set([
  'как', 'так', 'что', 'это', 'для', 'при', 'или', 'все', 'всё', 'уже', 'еще', 'ещё', 'нет', 'нас', 'вас', 'наш', 'ваш',
  'мне', 'они', 'она', 'оно', 'его', 'её', 'был', 'была', 'было', 'быть', 'есть', 'который', 'которая', 'которые',
  'когда', 'где', 'там', 'тут', 'здесь', 'очень', 'только', 'можно', 'нужно', 'просим', 'прошу', 'пожалуйста',
  'здравствуйте', 'добрый', 'день', 'спасибо', 'уважаемый', 'уважаемая',
]);
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower case, «ё» as «е»: people type either. */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е');
}

/**
 * Snowball costs tens of microseconds a word, and a region's appeals repeat the same few tens of
 * thousands of words: each is stemmed once. Bounded, in case a region's vocabulary is not.
 */
const STEMS = new Map<string, string>();
const MAX_CACHED_STEMS = 200_000;

function stemOf(word: string): string {
  let stem = STEMS.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    if (STEMS.size >= MAX_CACHED_STEMS) STEMS.clear();
    STEMS.set(word, stem);
  }
  return stem;
}

const DIGITS = /^\d+$/;

function stemsOf(text: string | null | undefined, into: Set<string>): void {
  if (!text) return;
  // Normalised once for the whole text rather than word by word.
  for (const match of normalizeWord(text).matchAll(WORD)) {
    const word = match[0];
    // Numbers (house numbers, years) are kept as they are, however short; words are stemmed.
    if (DIGITS.test(word)) into.add(word);
    else if (word.length >= MIN_WORD && !STOP.has(word)) into.add(stemOf(word));
  }
}

/** The stems an appeal is found by: its text, its author, its settlement and address. */
export function searchTokens(appeal: Pick<Appeal, 'text' | 'author' | 'settlement' | 'address'>): string[] {
  const stems = new Set<string>();
  stemsOf(appeal.text, stems);
  stemsOf(appeal.author?.name, stems);
  stemsOf(appeal.settlement, stems);
  stemsOf(appeal.address, stems);
  return [...stems];
}

/** The stems a reply is found by: its text. */
export function replySearchTokens(reply: Pick<Reply, 'body'>): string[] {
  const stems = new Set<string>();
  stemsOf(reply.body, stems);
  return [...stems];
}

/**
 * A query's stems. Short words are kept here (a clerk may type «ул» while typing): they are
 * matched as prefixes of stored stems, so a half-typed word already finds something.
 */
export function queryStems(query: string): string[] {
  const stems = new Set<string>();
  for (const match of query.matchAll(WORD)) {
    const word = normalizeWord(match[0]);
    if (word.length < 2 || STOP.has(word)) continue;
    stems.add(DIGITS.test(word) || word.length < MIN_WORD ? word : stemOf(word));
  }
  return [...stems];
}

/** Whether stored stems answer a query: every query stem begins some stored stem (as the index query does). */
export function matchesQuery(stored: readonly string[], query: readonly string[]): boolean {
  return query.every((q) => stored.some((s) => s.startsWith(q)));
}
