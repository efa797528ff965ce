import type { Appeal, AppealEvent } from '../../shared/domain';
import type { Queryable } from '../db/types';

/** The appeal as the wire protocol has it, locked for the rest of the transaction. */
export async function loadAppealForUpdate(q: Queryable, id: string): Promise<Appeal | null> {
  const res = await q.query<{ data: Appeal }>('SELECT appeal_json(a) AS data FROM appeals a WHERE a.id = $1 FOR UPDATE', [id]);
  return res.rows[0]?.data ?? null;
}

export async function loadAppeal(q: Queryable, id: string): Promise<Appeal | null> {
  const res = await q.query<{ data: Appeal }>('SELECT appeal_json(a) AS data FROM appeals a WHERE a.id = $1', [id]);
  return res.rows[0]?.data ?? null;
}

/** Writes the fields a mutation may change (see shared/effects.ts). */
export async function saveAppeal(q: Queryable, a: Appeal): Promise<void> {
  await q.query(
    `UPDATE appeals SET municipality_id = $2, assignee_id = $3, status = $4, first_responded_at = $5,
       version = $6, updated_at = $7 WHERE id = $1`,
    [a.id, a.municipalityId, a.assigneeId, a.status, a.firstRespondedAt, a.version, a.updatedAt],
  );
}

export async function insertEvent(q: Queryable, e: AppealEvent): Promise<void> {
  await q.query(
    `INSERT INTO events (id, appeal_id, actor_id, actor_name, kind, data, version, at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
    [e.id, e.appealId, e.actorId, e.actorName, e.kind, JSON.stringify(e.data), e.version, e.at],
  );
}

/** Who changed the appeal after `baseVersion`, from its history. */
export async function changesSince(q: Queryable, appealId: string, baseVersion: number) {
  const res = await q.query<{ actorId: string | null; version: number }>(
    'SELECT actor_id AS "actorId", version FROM events WHERE appeal_id = $1 AND version > $2',
    [appealId, baseVersion],
  );
  return res.rows;
}

/** Was this person ever the appeal's assignee (now, or by an 'assigned' event in its history)? */
export async function wasAssignedTo(q: Queryable, appeal: Pick<Appeal, 'id' | 'assigneeId'>, userId: string): Promise<boolean> {
  if (appeal.assigneeId === userId) return true;
  const res = await q.query(
    `SELECT 1 FROM events WHERE appeal_id = $1 AND kind = 'assigned' AND data->>'assigneeId' = $2 LIMIT 1`,
    [appeal.id, userId],
  );
  return res.rows.length > 0;
}

/** Ids of everything attached to an appeal, for moving it between scopes. */
export async function appealChildren(q: Queryable, appealId: string) {
  const res = await q.query<{ entity: 'reply' | 'note' | 'event' | 'delivery'; id: string }>(
    `SELECT 'reply' AS entity, id, created_at AS at FROM replies WHERE appeal_id = $1
     UNION ALL SELECT 'note', id, created_at FROM notes WHERE appeal_id = $1
     UNION ALL SELECT 'event', id, at FROM events WHERE appeal_id = $1
     UNION ALL SELECT 'delivery', id, created_at FROM deliveries WHERE appeal_id = $1
     ORDER BY at, id`,
    [appealId],
  );
  return res.rows;
}
