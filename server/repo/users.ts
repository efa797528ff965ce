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

/**
 * What every authenticated request reads, in one round trip: the user, whether they are disabled,
 * whether the session has ended (null sessionId: no session to check), and the body tree's version.
 * Under load each round trip waits its turn for the database and the event loop; four in a row were
 * most of a pull's time.
 */
export async function findRequestState(
  q: Queryable,
  id: string,
  sessionId: string | null,
): Promise<{ user: User; disabled: boolean; sessionEnded: boolean; bodiesVersion: string } | null> {
  const res = await q.query<User & { disabled: boolean; sessionEnded: boolean; bodiesVersion: string | null }>(
    `SELECT ${USER_COLUMNS}, disabled_at IS NOT NULL AS disabled,
       CASE WHEN $2::text IS NULL THEN false ELSE coalesce((SELECT ended_at IS NOT NULL FROM sessions WHERE id = $2::text), true) END AS "sessionEnded",
       (SELECT value FROM settings WHERE key = 'bodies_version') AS "bodiesVersion"
     FROM users WHERE id = $1`,
    [id, sessionId],
  );
  const row = res.rows[0];
  if (!row) return null;
  const { disabled, sessionEnded, bodiesVersion, ...user } = row;
  return { user, disabled, sessionEnded, bodiesVersion: bodiesVersion ?? '0' };
}

export async function findUserForLogin(q: Queryable, username: string): Promise<(User & { passwordHash: string; disabled: boolean }) | null> {
  const res = await q.query<User & { passwordHash: string; disabled: boolean }>(
    `SELECT ${USER_COLUMNS}, password_hash AS "passwordHash", disabled_at IS NOT NULL AS disabled FROM users WHERE lower(username) = lower($1)`,
    [username],
  );
  return res.rows[0] ?? null;
}
