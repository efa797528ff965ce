import type { Queryable } from '../db/types';

/**
 * Repeated failed sign-ins lock the ACCOUNT, whatever address they come from (the per-address
 * rate limit alone lets a password be guessed from many addresses): `maxFailures` within
 * `windowMs` lock it until `lockMs` after the last of them. While locked, even the right password
 * is refused and nothing is counted, so the lock ends on time. A successful sign-in clears the count.
 */
export interface AccountLockout {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_ACCOUNT_LOCKOUT: AccountLockout = { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** When the account may try again, or null when it is not locked. */
export async function lockedUntil(q: Queryable, userId: string, cfg: AccountLockout): Promise<Date | null> {
  const res = await q.query<{ n: string | number; last: string | null }>(
    `SELECT count(*) AS n, iso(max(at)) AS last FROM login_failures WHERE user_id = $1 AND at > now() - make_interval(secs => $2)`,
    [userId, cfg.windowMs / 1000],
  );
  const row = res.rows[0];
  if (!row || Number(row.n) < cfg.maxFailures || row.last === null) return null;
  const until = new Date(Date.parse(row.last) + cfg.lockMs);
  return until.getTime() > Date.now() ? until : null;
}

export async function recordLoginFailure(q: Queryable, userId: string, cfg: AccountLockout): Promise<void> {
  await q.query('INSERT INTO login_failures (user_id) VALUES ($1)', [userId]);
  // Only the window matters; older rows are dropped as new ones come.
  await q.query('DELETE FROM login_failures WHERE user_id = $1 AND at < now() - make_interval(secs => $2)', [userId, cfg.windowMs / 1000]);
}

export async function clearLoginFailures(q: Queryable, userId: string): Promise<void> {
  await q.query('DELETE FROM login_failures WHERE user_id = $1', [userId]);
}
