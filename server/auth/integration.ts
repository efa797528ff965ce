import type { Queryable } from '../db/types';
import { ApiError } from '../errors';
import { randomToken, sha256 } from './tokens';

/** A new token as it is shown once: a prefix that says what it is, and 192 random bits. */
export const newIntegrationToken = () => `otk_${randomToken(24)}`;

/** Integration tokens let source connectors post appeals; only their sha256 is stored. */
export async function addIntegrationToken(q: Queryable, name: string, token = newIntegrationToken(), createdBy: string | null = null): Promise<string> {
  await q.query('INSERT INTO integration_tokens (token_hash, name, created_by) VALUES ($1, $2, $3) ON CONFLICT (token_hash) DO NOTHING', [
    sha256(token),
    name,
    createdBy,
  ]);
  return token;
}

/** The name of the integration the presented token belongs to; 401 for an unknown or revoked one. */
export async function checkIntegrationToken(q: Queryable, authorization: string | undefined): Promise<string> {
  const token = bearer(authorization);
  if (!token) throw new ApiError(401, 'unauthorized', 'Integration token required');
  // One write a minute at most per token, however busy the integration: enough for «last used».
  const res = await q.query<{ name: string; revoked: boolean }>(
    `WITH used AS (
       UPDATE integration_tokens SET last_used_at = now()
       WHERE token_hash = $1 AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
     )
     SELECT name, revoked_at IS NOT NULL AS revoked FROM integration_tokens WHERE token_hash = $1`,
    [sha256(token)],
  );
  const row = res.rows[0];
  if (!row) throw new ApiError(401, 'unauthorized', 'Unknown integration token');
  if (row.revoked) throw new ApiError(401, 'unauthorized', 'Integration token was revoked');
  return row.name;
}

export function bearer(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return m?.[1] ?? null;
}
