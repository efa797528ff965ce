import type { Db } from '../db/types';

/** A publication this process took: `sending`, under its lease, with its attempt counted. */
export interface ClaimedPublication {
  id: string;
  postId: string;
  channelId: string;
  platform: string;
  municipalityId: string;
  body: string;
  photoIds: string[];
  idempotencyKey: string;
  attempts: number;
  budgetFrom: number;
}

export const PUBLICATION_RETURNING = `p.id, p.post_id AS "postId", p.channel_id AS "channelId", p.platform, p.municipality_id AS "municipalityId",
  p.body, p.photo_ids AS "photoIds", p.idempotency_key AS "idempotencyKey", p.attempts, p.budget_from AS "budgetFrom"`;

/**
 * Takes up to `limit` due publications: `queued` → `sending` with a lease and the attempt counted,
 * in the one statement that locks them (`FOR UPDATE SKIP LOCKED`), committed before any platform is
 * called, as the delivery worker's claim does: no two processes publish one post to one page.
 */
export async function claimDuePublications(db: Db, limit: number, leaseMs: number): Promise<ClaimedPublication[]> {
  if (limit <= 0) return [];
  const res = await db.query<ClaimedPublication>(
    `WITH due AS (
       SELECT id FROM publications
       WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= now())
       ORDER BY next_attempt_at NULLS FIRST, created_at
       LIMIT $1
       FOR UPDATE SKIP LOCKED
     )
     UPDATE publications p SET state = 'sending', attempts = p.attempts + 1, locked_until = now() + $2 * interval '1 millisecond',
       next_attempt_at = NULL, updated_at = now()
     FROM due WHERE p.id = due.id AND p.state = 'queued'
     RETURNING ${PUBLICATION_RETURNING}`,
    [limit, leaseMs],
  );
  return res.rows;
}

/** What a clerk's support reads for a post whose process stopped before the platform's answer came. */
const STOPPED_MID_SEND = 'the server process stopped during the publication; whether the post is on the page is unknown';

/**
 * Publications left `sending` past their lease: queued again where the platform keeps one post per
 * key (VK's guid), else stopped as `unknown_outcome`: the post may be on the page already, and a
 * person looks before anything is posted a second time.
 */
export async function recoverExpiredPublications(db: Db, idempotentPlatforms: readonly string[]): Promise<number> {
  const res = await db.query(
    `UPDATE publications p SET
       state = CASE WHEN p.platform = ANY($1::text[]) THEN 'queued' ELSE 'failed' END,
       last_error_code = CASE WHEN p.platform = ANY($1::text[]) THEN p.last_error_code ELSE 'unknown_outcome' END,
       last_error_detail = CASE WHEN p.platform = ANY($1::text[]) THEN p.last_error_detail ELSE $2 END,
       next_attempt_at = CASE WHEN p.platform = ANY($1::text[]) THEN now() ELSE NULL END,
       locked_until = NULL, updated_at = now()
     WHERE p.state = 'sending' AND p.locked_until < now()
     RETURNING p.id`,
    [[...idempotentPlatforms], STOPPED_MID_SEND],
  );
  return res.rows.length;
}
