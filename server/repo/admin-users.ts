import { endUserSessions } from '../auth/sessions';
import type { AdminUser } from '../../shared/admin';
import type { Queryable } from '../db/types';

const ADMIN_USER_COLUMNS = `id, username, display_name AS "displayName", role, municipality_id AS "municipalityId",
  disabled_at IS NOT NULL AS disabled, iso(created_at) AS "createdAt"`;

export async function listAdminUsers(q: Queryable): Promise<AdminUser[]> {
  const res = await q.query<AdminUser>(`SELECT ${ADMIN_USER_COLUMNS} FROM users ORDER BY lower(display_name), id`);
  return res.rows;
}

/** The user locked for the rest of the transaction, so two administrators' changes queue up. */
export async function lockAdminUser(q: Queryable, id: string): Promise<AdminUser | null> {
  const res = await q.query<AdminUser>(`SELECT ${ADMIN_USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
  return res.rows[0] ?? null;
}

/** A user's `municipalityId` names a body (a municipality, a ministry, a settlement, …). */
export async function municipalityExists(q: Queryable, id: string): Promise<boolean> {
  const res = await q.query('SELECT 1 FROM bodies WHERE id = $1', [id]);
  return res.rows.length > 0;
}

/** Ends every signed-in session of the user: their refresh tokens are gone. */
export async function endSessions(q: Queryable, userId: string): Promise<void> {
  await endUserSessions(q, userId, 'ended_by_admin');
}
