import { writeTx } from '../changes';
import type { Db } from '../db/types';
import { DELIVERY_RETURNING, recordChanged } from './claim';

/** The detail a clerk's support reads for a send whose process stopped before its answer came. */
const STOPPED_MID_SEND = 'the server process stopped during the send; whether it arrived is unknown';

/**
 * Deliveries left `sending` past their lease: the process that took them stopped mid-send (or
 * lost the database before it could record the answer). Where the platform keeps one message per
 * idempotency key (`idempotentPlatforms`: VK's random_id) the job is simply queued again; anywhere
 * else the message may be on the platform already, so it is never sent blindly a second time: it
 * stops as `unknown_outcome` for a person to check the dialog and press «Повторить» or «Отметить
 * как отправленный вручную».
 */
export async function recoverExpiredLeases(db: Db, idempotentPlatforms: readonly string[]): Promise<number> {
  return writeTx(db, async (q, changes) => {
    const res = await q.query<{ id: string; municipalityId: string | null }>(
      `UPDATE deliveries d SET
         state = CASE WHEN d.platform = ANY($1::text[]) THEN 'queued' ELSE 'failed' END,
         last_error_code = CASE WHEN d.platform = ANY($1::text[]) THEN d.last_error_code ELSE 'unknown_outcome' END,
         last_error_detail = CASE WHEN d.platform = ANY($1::text[]) THEN d.last_error_detail ELSE $2 END,
         next_attempt_at = CASE WHEN d.platform = ANY($1::text[]) THEN now() ELSE NULL END,
         locked_until = NULL, updated_at = now()
       WHERE d.state = 'sending' AND d.locked_until < now()
       RETURNING ${DELIVERY_RETURNING}`,
      [[...idempotentPlatforms], STOPPED_MID_SEND],
    );
    recordChanged(changes, res.rows);
    return res.rows.length;
  });
}
