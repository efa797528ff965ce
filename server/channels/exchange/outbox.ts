import type { ExchangeOutboxItem } from '../../../shared/channels/exchange';
import type { Queryable } from '../../db/types';

/**
 * What a platform polls: each of the channel's appeals whose status or answer changed after
 * `cursor` (a position in the change log), once, as it is now — its status and its latest published
 * answer. The next poll passes the largest `seq` it got.
 */
export async function outboxSince(q: Queryable, channelId: string, cursor: number, limit: number): Promise<ExchangeOutboxItem[]> {
  const res = await q.query<Omit<ExchangeOutboxItem, 'seq'> & { seq: string; answerId: string | null; answerText: string | null; answerAt: string | null }>(
    `WITH touched AS (
       SELECT x.appeal_id, max(c.seq) AS seq
       FROM exchange_messages x
       JOIN changes c ON (c.entity = 'appeal' AND c.entity_id = x.appeal_id)
         OR (c.entity = 'reply' AND c.entity_id IN (SELECT r.id FROM replies r WHERE r.appeal_id = x.appeal_id))
       WHERE x.channel_id = $1 AND c.seq > $2
       GROUP BY x.appeal_id
     )
     SELECT t.seq::text AS seq, x.platform_id AS id, a.id AS "appealId", a.status, iso(a.updated_at) AS "updatedAt",
       r.id AS "answerId", r.body AS "answerText", iso(r.updated_at) AS "answerAt"
     FROM touched t JOIN exchange_messages x ON x.appeal_id = t.appeal_id JOIN appeals a ON a.id = t.appeal_id
     LEFT JOIN LATERAL (SELECT id, body, updated_at FROM replies WHERE appeal_id = a.id AND state = 'published'
                        ORDER BY updated_at DESC, id DESC LIMIT 1) r ON true
     ORDER BY t.seq LIMIT $3`,
    [channelId, cursor, limit],
  );
  return res.rows.map((r) => ({
    seq: Number(r.seq),
    id: r.id,
    appealId: r.appealId,
    status: r.status,
    answer: r.answerId ? { id: r.answerId, text: r.answerText ?? '', publishedAt: r.answerAt ?? r.updatedAt } : null,
    updatedAt: r.updatedAt,
  }));
}

/** Every answer published for the channel's appeals since `since`, for the clerk's answers file. */
export async function answersSince(q: Queryable, channelId: string, since: Date): Promise<Array<{ id: string; appealId: string; status: string; answer: string; publishedAt: string }>> {
  const res = await q.query<{ id: string; appealId: string; status: string; answer: string; publishedAt: string }>(
    `SELECT x.platform_id AS id, a.id AS "appealId", a.status, r.body AS answer, iso(r.updated_at) AS "publishedAt"
     FROM exchange_messages x JOIN appeals a ON a.id = x.appeal_id
     JOIN LATERAL (SELECT body, updated_at FROM replies WHERE appeal_id = a.id AND state = 'published'
                   ORDER BY updated_at DESC, id DESC LIMIT 1) r ON true
     WHERE x.channel_id = $1 AND r.updated_at >= $2
     ORDER BY r.updated_at, x.platform_id`,
    [channelId, since.toISOString()],
  );
  return res.rows;
}
