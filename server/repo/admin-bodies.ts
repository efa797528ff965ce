import type { AdminBody } from '../../shared/admin-bodies';
import type { Body } from '../../shared/bodies';
import { BODY_COLUMNS } from '../body-directory';
import type { Queryable } from '../db/types';

/** Every body with its own staff count (the root's are the users of no body), in the region's order. */
export async function listAdminBodies(q: Queryable): Promise<AdminBody[]> {
  const res = await q.query<AdminBody & { staffCount: string | number }>(
    `SELECT ${BODY_COLUMNS}, (SELECT count(*) FROM users u WHERE u.municipality_id = b.id OR (b.parent_id IS NULL AND u.municipality_id IS NULL)) AS "staffCount"
     FROM bodies b ORDER BY sort, id`,
  );
  return res.rows.map((b) => ({ ...b, staffCount: Number(b.staffCount) }));
}

/** One body, its row locked for the rest of the transaction. */
export async function lockBody(q: Queryable, id: string): Promise<(Body & { disabled: boolean }) | null> {
  const res = await q.query<Body & { disabled: boolean }>(`SELECT ${BODY_COLUMNS} FROM bodies WHERE id = $1 FOR UPDATE`, [id]);
  return res.rows[0] ?? null;
}

/** The appeals of these bodies (a moved branch): their ids, to send them where the tree now says. */
export async function appealsOfBodies(q: Queryable, bodyIds: readonly string[]): Promise<Array<{ id: string; municipalityId: string }>> {
  if (bodyIds.length === 0) return [];
  const res = await q.query<{ id: string; municipalityId: string }>(`SELECT id, municipality_id AS "municipalityId" FROM appeals WHERE municipality_id = ANY($1::text[])`, [bodyIds]);
  return res.rows;
}
