import type { User } from '../../shared/domain';
import type { Queryable } from '../db/types';

const USER_COLUMNS = `id, username, display_name AS "displayName", role, municipality_id AS "municipalityId"`;

export async function findUserById(q: Queryable, id: string): Promise<User | null> {
  const res = await q.query<User>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return res.rows[0] ?? null;
}

export async function findUserForLogin(q: Queryable, username: string): Promise<(User & { passwordHash: string }) | null> {
  const res = await q.query<User & { passwordHash: string }>(
    `SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM users WHERE lower(username) = lower($1)`,
    [username],
  );
  return res.rows[0] ?? null;
}
