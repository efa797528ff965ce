import type { User } from '../../shared/domain';
import type { Queryable } from '../db/types';

const USER_COLUMNS = `id, username, display_name AS "displayName", role, municipality_id AS "municipalityId"`;

export async function findUserById(q: Queryable, id: string): Promise<User | null> {
  const res = await q.query<User>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return res.rows[0] ?? null;
}

/** The user and whether an administrator has disabled them: what every authenticated request reads. */
export async function findUserWithState(q: Queryable, id: string): Promise<{ user: User; disabled: boolean } | null> {
  const res = await q.query<User & { disabled: boolean }>(`SELECT ${USER_COLUMNS}, disabled_at IS NOT NULL AS disabled FROM users WHERE id = $1`, [id]);
  const row = res.rows[0];
  if (!row) return null;
  const { disabled, ...user } = row;
  return { user, disabled };
}

export async function findUserForLogin(q: Queryable, username: string): Promise<(User & { passwordHash: string; disabled: boolean }) | null> {
  const res = await q.query<User & { passwordHash: string; disabled: boolean }>(
    `SELECT ${USER_COLUMNS}, password_hash AS "passwordHash", disabled_at IS NOT NULL AS disabled FROM users WHERE lower(username) = lower($1)`,
    [username],
  );
  return res.rows[0] ?? null;
}
