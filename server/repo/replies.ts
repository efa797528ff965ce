import type { Reply } from '../../shared/domain';
import type { Queryable } from '../db/types';

/** The reply as the wire protocol has it, locked for the rest of the transaction. */
export async function loadReplyForUpdate(q: Queryable, id: string): Promise<Reply | null> {
  const res = await q.query<{ data: Reply }>('SELECT reply_json(r) AS data FROM replies r WHERE r.id = $1 FOR UPDATE', [id]);
  return res.rows[0]?.data ?? null;
}

/** A supervisor's decision on a reply: its new state and, when they edited it, its new text. */
export async function reviewReply(q: Queryable, id: string, state: Reply['state'], body: string | null, now: string): Promise<void> {
  await q.query('UPDATE replies SET state = $2, body = COALESCE($3, body), updated_at = $4 WHERE id = $1', [id, state, body, now]);
}
