import { randomUUID } from 'node:crypto';
import type { InboundEvent } from '../../shared/channels/inbound';
import type { AppealEvent } from '../../shared/domain';
import { appealAfterStatus } from '../../shared/effects';
import {
  parseRatingAnswer,
  parseRatingButton,
  RATING_ANSWER_DAYS,
  ratingReopens,
  ratingThanksText,
  ANSWERED_STATUSES,
  type CitizenRating,
  type RatingAnswer,
  type RatingReason,
} from '../../shared/ratings';
import { cleanText } from '../../shared/text';
import { writeTx, type ChangeSet } from '../changes';
import type { Db, Queryable } from '../db/types';
import { enqueueDelivery } from '../delivery/enqueue';
import { insertEvent, loadAppealForUpdate, saveAppeal } from '../repo/appeals';
import { applyCitizenWord } from '../repo/problems';
import { municipalityScope } from '../scopes';
import type { Connector, ConnectorChannel } from '../channels/types';

interface Request {
  id: string;
  appealId: string;
  reason: RatingReason;
  channelId: string;
  authorKey: string;
  /** What this request has been told already: a score, a verdict. */
  scored: boolean;
  judged: boolean;
}

const REQUEST_COLUMNS = `r.id, r.appeal_id AS "appealId", r.reason, r.channel_id AS "channelId", r.author_key AS "authorKey",
  EXISTS (SELECT 1 FROM citizen_ratings c WHERE c.request_id = r.id AND c.score IS NOT NULL) AS scored,
  EXISTS (SELECT 1 FROM citizen_ratings c WHERE c.request_id = r.id AND c.solved IS NOT NULL) AS judged`;

/** The newest question put to this person in this dialog within the answering window. */
async function openRequestInDialog(q: Queryable, channelId: string, threadKey: string, authorKey: string, now: string): Promise<Request | null> {
  const res = await q.query<Request>(
    `SELECT ${REQUEST_COLUMNS} FROM rating_requests r
     WHERE r.channel_id = $1 AND r.thread_key = $2 AND r.author_key = $3 AND r.asked_at > $4::timestamptz - make_interval(days => $5)
     ORDER BY r.asked_at DESC LIMIT 1`,
    [channelId, threadKey, authorKey, now, RATING_ANSWER_DAYS],
  );
  return res.rows[0] ?? null;
}

async function requestById(q: Queryable, id: string): Promise<Request | null> {
  const res = await q.query<Request>(`SELECT ${REQUEST_COLUMNS} FROM rating_requests r WHERE r.id = $1`, [id]);
  return res.rows[0] ?? null;
}

/** What of the answer is news for the request: a request takes one score and one verdict, each once. */
function newsFor(request: Request, answer: RatingAnswer): RatingAnswer | null {
  const score = request.scored ? null : answer.score;
  const solved = request.judged ? null : answer.solved;
  if (score === null && solved === null) return null;
  return { score, solved, comment: answer.comment };
}

/**
 * Records one answer: the rating row (insert-only), the appeal's history event, the appeal back in
 * work where the answer says so (shared/ratings.ts ratingReopens), and the thanks to the citizen.
 */
async function record(q: Queryable, changes: ChangeSet, request: Request, answer: RatingAnswer, messageRef: string, now: string): Promise<void> {
  const appeal = await loadAppealForUpdate(q, request.appealId);
  if (!appeal) return;
  const reopened = ratingReopens(answer) && ANSWERED_STATUSES.includes(appeal.status);
  const ratingId = randomUUID();
  await q.query(
    `INSERT INTO citizen_ratings (id, request_id, appeal_id, score, solved, comment, message_ref, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [ratingId, request.id, appeal.id, answer.score, answer.solved, answer.comment, messageRef, now],
  );
  const scope = municipalityScope(appeal.municipalityId);
  // The appeal carries the author's latest score and verdict, for the supervisors' figures.
  await q.query('UPDATE appeals SET citizen_score = COALESCE($2, citizen_score), citizen_solved = COALESCE($3, citizen_solved) WHERE id = $1', [appeal.id, answer.score, answer.solved]);
  changes.upsert('appeal', appeal.id, scope);
  let current = appeal;
  if (reopened) {
    current = appealAfterStatus(appeal, 'in_progress', now);
    await saveAppeal(q, current);
  }
  const data: CitizenRating = { requestId: request.id, reason: request.reason, score: answer.score, solved: answer.solved, comment: answer.comment, reopened };
  const events: AppealEvent[] = [{ id: randomUUID(), appealId: appeal.id, actorId: null, actorName: null, kind: 'citizen_rating', data, version: current.version, at: now }];
  if (reopened) {
    events.push({ id: randomUUID(), appealId: appeal.id, actorId: null, actorName: null, kind: 'status_changed', data: { from: appeal.status, to: current.status, byRating: true }, version: current.version, at: now });
  }
  for (const e of events) {
    await insertEvent(q, e);
    changes.upsert('event', e.id, scope);
  }
  await enqueueDelivery(q, changes, current, { kind: 'notice', replyId: null, key: `thanks:${ratingId}`, text: ratingThanksText(reopened) }, now);
  await applyCitizenWord(q, changes, appeal.problemId, request.reason, answer.solved, now);
}

/**
 * A press of one of a rating question's buttons: recorded (true) when it is one, whatever else
 * the channel runs; anything else is left to the inbox (false). A button is the citizen's to
 * forge: it counts only from the person asked, in the channel asked, once per press.
 */
export async function takeRatingPress(db: Db, connector: Connector, channel: ConnectorChannel, event: InboundEvent): Promise<boolean> {
  const pressed = event.button ? parseRatingButton(event.button.data) : null;
  if (!event.button || !pressed) return false;
  const now = new Date().toISOString();
  await writeTx(db, async (q, changes) => {
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rating\u0001${pressed.requestId}`]);
    const request = await requestById(q, pressed.requestId);
    if (!request || request.channelId !== channel.id || request.authorKey !== event.author.externalId) return;
    const fresh = await q.query('INSERT INTO channel_messages (channel_id, message_ref, appeal_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1', [channel.id, event.messageRef, request.appealId]);
    if (fresh.rows.length === 0) return;
    const news = newsFor(request, pressed.answer);
    if (news) await record(q, changes, request, news, event.messageRef, now);
  });
  if (event.button.callbackId && connector.ackButton) await connector.ackButton(channel, event.button.callbackId).catch(() => undefined);
  return true;
}

/**
 * A digit or «не решено» typed in the dialog a rating question was asked in, within its window:
 * recorded (true); anything else, or an answer the question has had already, is left to the inbox
 * to file as the citizen's message (false). In a channel a topic bot runs in, the bot reads typed
 * digits as its menu's numbers, so the inbox asks here only after the bot has passed.
 */
export async function takeRatingText(db: Db, channel: ConnectorChannel, event: InboundEvent): Promise<boolean> {
  if (event.button) return false;
  const answer = parseRatingAnswer(cleanText(event.text));
  if (!answer) return false;
  const now = new Date().toISOString();
  return writeTx(db, async (q, changes) => {
    const found = await openRequestInDialog(q, channel.id, event.threadKey, event.author.externalId, now);
    if (!found) return false;
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`rating\u0001${found.id}`]);
    // Read again under the lock: a press of a button of the same question may have just counted.
    const request = (await requestById(q, found.id))!;
    const news = newsFor(request, answer);
    // Told both already: a second «5» is a message like any other.
    if (!news) return false;
    const fresh = await q.query('INSERT INTO channel_messages (channel_id, message_ref, appeal_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1', [channel.id, event.messageRef, request.appealId]);
    if (fresh.rows.length > 0) await record(q, changes, request, news, event.messageRef, now);
    return true;
  });
}
