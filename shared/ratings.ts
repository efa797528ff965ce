import { z } from 'zod';
import type { AppealStatus } from './domain';

/**
 * The citizen's word (оценка жителя): after an answer, and again when a problem is marked solved,
 * the author is asked in their own channel whether it was solved and how they rate the answer.
 * Buttons where the channel has them; where it has not, the question says to answer with a digit,
 * and the same words typed are understood. Server and workstation read answers with these rules.
 */

/**
 * Why the question was asked: the first published answer, the problem marked solved, or (as
 * FixMyStreet asks after four weeks) a promise made that long ago for a problem still in work.
 */
export const RATING_REASONS = ['answer', 'solved', 'followup'] as const;
/** How long after «принято в работу» the authors of a problem still in work are asked whether it is solved. */
export const FOLLOWUP_DAYS = 28;
export const ratingReasonSchema = z.enum(RATING_REASONS);
export type RatingReason = z.infer<typeof ratingReasonSchema>;

export const RATING_COMMENT_MAX_LENGTH = 1000;
/** A question is answered within this many days; a digit typed later is an ordinary message. */
export const RATING_ANSWER_DAYS = 30;

/** What one answer says: a score, a verdict on whether it was solved, or both; and any words beside. */
export interface RatingAnswer {
  score: 1 | 2 | 3 | 4 | 5 | null;
  solved: boolean | null;
  comment: string | null;
}

/** The rating as an appeal's history keeps it (event `citizen_rating`'s data). */
export const citizenRatingSchema = z.object({
  requestId: z.string().min(1).max(64),
  reason: ratingReasonSchema,
  score: z.number().int().min(1).max(5).nullable(),
  solved: z.boolean().nullable(),
  comment: z.string().max(RATING_COMMENT_MAX_LENGTH).nullable(),
  /** The answer took the appeal back into work (see ratingReopens). */
  reopened: z.boolean(),
});
export type CitizenRating = z.infer<typeof citizenRatingSchema>;

const NOT_SOLVED = /^(?:проблема\s+|вопрос\s+)?не\s*(?:решен[оаы]?|решён[оаы]?|решили|устранен[оаы]?|устранён[оаы]?)(?=$|[\s.,!:;)(-])/iu;
const SOLVED = /^(?:проблема\s+|вопрос\s+)?(?:решен[оаы]?|решён[оаы]?|решили|устранен[оаы]?|устранён[оаы]?|да,?\s+решен[оаы]?)(?=$|[\s.,!:;)(-])/iu;
const SCORE = /^(?:оценка\s*[:-]?\s*)?([1-5])(?:\s*(?:из|\/)\s*5)?(?=$|[\s.,!:;)(-])/iu;
const SEPARATORS = /^[\s.,!:;)(-]+/u;

function clean(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * Reads a typed answer to the question: «5», «4 из 5, спасибо», «не решено, яма на месте»,
 * «решено 5». Anything else is not an answer (null) and is filed as the citizen's message.
 */
export function parseRatingAnswer(raw: string): RatingAnswer | null {
  let rest = clean(raw);
  let solved: boolean | null = null;
  let score: RatingAnswer['score'] = null;
  const verdict = NOT_SOLVED.exec(rest) ?? SOLVED.exec(rest);
  if (verdict) {
    solved = !NOT_SOLVED.test(rest);
    rest = rest.slice(verdict[0].length).replace(SEPARATORS, '');
  }
  const digit = SCORE.exec(rest);
  if (digit) {
    score = Number(digit[1]) as RatingAnswer['score'];
    rest = rest.slice(digit[0].length).replace(SEPARATORS, '');
  }
  if (solved === null && score === null) return null;
  const comment = rest.slice(0, RATING_COMMENT_MAX_LENGTH).trim();
  return { score, solved, comment: comment || null };
}

/** «Не решено», or a rating of 1 or 2, takes the appeal back into work. */
export function ratingReopens(answer: Pick<RatingAnswer, 'score' | 'solved'>): boolean {
  return answer.solved === false || (answer.score !== null && answer.score <= 2);
}

/**
 * An appeal that stands answered: only then is the question asked, and only from here does a
 * reopening answer take it back into work (an appeal already back in work stays as it is).
 */
export const ANSWERED_STATUSES: readonly AppealStatus[] = ['answered', 'resolved', 'closed'];

/** The question, whose last sentence is the fallback for a channel with no buttons. */
export function ratingQuestionText(reason: RatingReason): string {
  const lead =
    reason === 'solved'
      ? 'Проблема, о которой вы писали, отмечена как решённая. Это так?'
      : reason === 'followup'
        ? 'Четыре недели назад орган взялся решить проблему, о которой вы писали. Решена ли она?'
        : 'Ваше обращение рассмотрено. Проблема решена?';
  return `${lead} Оцените, пожалуйста, ответ: ответьте цифрой от 1 до 5 (5 — отлично). Если проблема не решена, напишите «не решено».`;
}

/** What the citizen is told once their answer is recorded. */
export function ratingThanksText(reopened: boolean): string {
  return reopened
    ? 'Спасибо. Обращение возвращено в работу, исполнитель получил уведомление.'
    : 'Спасибо за оценку!';
}

/** Button data: `rt:<request id>:<1-5|y|n>`, at most 64 bytes (Telegram's callback_data limit). */
const BUTTON = /^rt:([0-9a-f-]{36}):([1-5yn])$/;

export interface RatingButton {
  label: string;
  data: string;
}

/** The question's buttons: the scores in a row, then «Решено» / «Не решено». */
export function ratingButtons(requestId: string): RatingButton[][] {
  return [
    ['1', '2', '3', '4', '5'].map((v) => ({ label: v, data: `rt:${requestId}:${v}` })),
    [
      { label: 'Решено', data: `rt:${requestId}:y` },
      { label: 'Не решено', data: `rt:${requestId}:n` },
    ],
  ];
}

/** A press of one of those buttons (forgeable: the server checks the request and the person), or null. */
export function parseRatingButton(data: string): { requestId: string; answer: RatingAnswer } | null {
  const m = BUTTON.exec(data);
  if (!m) return null;
  const v = m[2]!;
  const answer: RatingAnswer =
    v === 'y' || v === 'n' ? { score: null, solved: v === 'y', comment: null } : { score: Number(v) as RatingAnswer['score'], solved: null, comment: null };
  return { requestId: m[1]!, answer };
}

/** One line for the appeal's history: «Оценка жителя: 2 из 5, не решено — «яма на месте»». */
export function describeRating(r: Pick<CitizenRating, 'score' | 'solved' | 'comment'>): string {
  const parts: string[] = [];
  if (r.score !== null) parts.push(`${r.score} из 5`);
  if (r.solved !== null) parts.push(r.solved ? 'решено' : 'не решено');
  const head = `Оценка жителя: ${parts.join(', ')}`;
  return r.comment ? `${head} — «${r.comment}»` : head;
}
