import { FOLLOWUP_DAYS } from '../../shared/ratings';
import type { Appeal } from '../../shared/domain';
import { writeTx } from '../changes';
import type { Db } from '../db/types';
import { askForRating } from './ask';
import { startPeriodic } from '../periodic';

export const FOLLOWUP_INTERVAL_MS = 60 * 60 * 1000;
const BATCH = 200;

/**
 * The questionnaire after a promise: the authors of a problem still in work whose promise was made
 * FOLLOWUP_DAYS ago are asked, in their own channel, whether it is solved (once per appeal: the
 * request's (appeal, reason) is unique). «Не решено» reopens the appeal as any rating does.
 * Returns how many were asked.
 */
export async function askFollowUps(db: Db, now: Date = new Date()): Promise<number> {
  return writeTx(db, async (q, changes) => {
    const due = await q.query<{ data: Appeal }>(
      `SELECT appeal_json(a) AS data FROM appeals a JOIN problems p ON p.id = a.problem_id
       WHERE p.state IN ('identified', 'in_work') AND p.promise_made_at <= $1::timestamptz - make_interval(days => $2)
         AND NOT EXISTS (SELECT 1 FROM rating_requests r WHERE r.appeal_id = a.id AND r.reason = 'followup')
         AND EXISTS (SELECT 1 FROM channel_threads t WHERE t.appeal_id = a.id)
       ORDER BY a.id LIMIT $3`,
      [now.toISOString(), FOLLOWUP_DAYS, BATCH],
    );
    let asked = 0;
    for (const { data } of due.rows) if (await askForRating(q, changes, data, 'followup', now.toISOString())) asked++;
    return asked;
  });
}

/** Every `intervalMs` (and soon after start); idempotent, so several server processes may run it. */
export function startFollowUps(db: Db, intervalMs: number, onError: (err: unknown) => void): () => void {
  return startPeriodic(() => askFollowUps(db), 5_000, intervalMs, onError);
}
