import type { Queryable } from '../db/types';
import { ApiError } from '../errors';
import { randomToken, REFRESH_TOKEN_TTL_DAYS, sha256 } from './tokens';

/**
 * A refresh answer lost on the network leaves the workstation holding the token it just spent.
 * For this long after the spend, and only while its successor was never used, that token may be
 * spent again and gets the same successor back (see AccessTokens.refreshSuccessor), so a clerk on a
 * bad line is not locked out and a refresh delivered twice does not retire the token the
 * workstation kept. Past it (or once the successor was used) a spent token is a stolen copy, and
 * the whole session ends.
 */
export const REFRESH_GRACE_SECONDS = 60;

export interface SessionInfo {
  userAgent: string | null;
  address: string | null;
}

export interface RefreshOutcome {
  userId: string;
  sessionId: string;
  refreshToken: string;
}

async function issue(q: Queryable, userId: string, sessionId: string, token = randomToken()): Promise<string> {
  const expiresAt = new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 86_400_000).toISOString();
  await q.query('INSERT INTO refresh_tokens (token_hash, user_id, expires_at, session_id) VALUES ($1, $2, $3, $4)', [
    sha256(token),
    userId,
    expiresAt,
    sessionId,
  ]);
  return token;
}

/** A new session (a sign-in) and its first refresh token. */
export async function startSession(q: Queryable, userId: string, info: SessionInfo): Promise<{ sessionId: string; refreshToken: string }> {
  const sessionId = `s-${randomToken(12)}`;
  await q.query('INSERT INTO sessions (id, user_id, user_agent, address) VALUES ($1, $2, $3, $4)', [
    sessionId,
    userId,
    info.userAgent?.slice(0, 300) ?? null,
    info.address?.slice(0, 100) ?? null,
  ]);
  return { sessionId, refreshToken: await issue(q, userId, sessionId) };
}

export async function endSession(q: Queryable, sessionId: string, reason: string): Promise<void> {
  await q.query('UPDATE sessions SET ended_at = now(), ended_reason = $2 WHERE id = $1 AND ended_at IS NULL', [sessionId, reason]);
  await q.query('DELETE FROM refresh_tokens WHERE session_id = $1', [sessionId]);
}

/**
 * Spends a refresh token and answers with its successor (`successorOf`, the same for the same
 * token). A spent token used again ends the session (every token descended from that sign-in),
 * except within the grace window above, where it gets the same successor again.
 */
export async function rotateRefreshToken(q: Queryable, token: string, info: SessionInfo, successorOf: (token: string) => string): Promise<RefreshOutcome> {
  const res = await q.query<{ userId: string; sessionId: string | null; expired: boolean; used: boolean; inGrace: boolean; replacedBy: string | null }>(
    `SELECT user_id AS "userId", session_id AS "sessionId", expires_at < now() AS expired, used_at IS NOT NULL AS used,
            coalesce(used_at > now() - make_interval(secs => $2), false) AS "inGrace", replaced_by AS "replacedBy"
     FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
    [sha256(token), REFRESH_GRACE_SECONDS],
  );
  const row = res.rows[0];
  if (!row) throw new ApiError(401, 'unauthorized', 'Unknown refresh token');
  if (row.expired) throw new ApiError(401, 'token_expired', 'Refresh token has expired');
  // A token from before sessions existed starts one now.
  const sessionId = row.sessionId ?? (await startSession(q, row.userId, info)).sessionId;
  const session = await q.query<{ ended: boolean }>('SELECT ended_at IS NOT NULL AS ended FROM sessions WHERE id = $1 FOR UPDATE', [sessionId]);
  if (session.rows[0]?.ended !== false) throw new ApiError(401, 'unauthorized', 'Session has ended');
  if (row.used) {
    const replacement = row.replacedBy
      ? await q.query<{ used: boolean }>('SELECT used_at IS NOT NULL AS used FROM refresh_tokens WHERE token_hash = $1', [row.replacedBy])
      : null;
    const replacementUnused = replacement?.rows[0]?.used === false;
    if (!row.inGrace || !replacementUnused) {
      await endSession(q, sessionId, 'refresh_token_reused');
      throw new ApiError(401, 'unauthorized', 'Refresh token was already used; the session has ended');
    }
  }
  const next = successorOf(token);
  if (row.replacedBy !== sha256(next)) {
    // First spend; or a spend before successors were derived, whose drawn successor is retired.
    if (row.replacedBy) await q.query('DELETE FROM refresh_tokens WHERE token_hash = $1', [row.replacedBy]);
    await issue(q, row.userId, sessionId, next);
    await q.query('UPDATE refresh_tokens SET used_at = coalesce(used_at, now()), replaced_by = $2, session_id = $3 WHERE token_hash = $1', [
      sha256(token),
      sha256(next),
      sessionId,
    ]);
  }
  await q.query('UPDATE sessions SET last_used_at = now(), user_agent = coalesce($2, user_agent), address = coalesce($3, address) WHERE id = $1', [
    sessionId,
    info.userAgent?.slice(0, 300) ?? null,
    info.address?.slice(0, 100) ?? null,
  ]);
  return { userId: row.userId, sessionId, refreshToken: next };
}

/** True when the session an access token was issued in has been ended (by an administrator, a reuse, a disable). */
export async function sessionEnded(q: Queryable, sessionId: string): Promise<boolean> {
  const res = await q.query<{ ended: boolean }>('SELECT ended_at IS NOT NULL AS ended FROM sessions WHERE id = $1', [sessionId]);
  return res.rows[0]?.ended !== false;
}

export interface SessionRow {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  address: string | null;
}

/** A user's signed-in devices: sessions not ended whose refresh token has not expired. */
export async function listSessions(q: Queryable, userId: string): Promise<SessionRow[]> {
  const res = await q.query<SessionRow>(
    `SELECT s.id, iso(s.created_at) AS "createdAt", iso(s.last_used_at) AS "lastUsedAt", s.user_agent AS "userAgent", s.address
     FROM sessions s
     WHERE s.user_id = $1 AND s.ended_at IS NULL
       AND EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.session_id = s.id AND r.used_at IS NULL AND r.expires_at > now())
     ORDER BY s.last_used_at DESC, s.id`,
    [userId],
  );
  return res.rows;
}

/** Ends every session of a user (disabled, password reset, or all devices ended by an administrator). */
export async function endUserSessions(q: Queryable, userId: string, reason: string): Promise<number> {
  const res = await q.query<{ id: string }>('UPDATE sessions SET ended_at = now(), ended_reason = $2 WHERE user_id = $1 AND ended_at IS NULL RETURNING id', [
    userId,
    reason,
  ]);
  await q.query('DELETE FROM refresh_tokens WHERE user_id = $1', [userId]);
  return res.rows.length;
}
