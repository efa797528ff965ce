import type { Queryable } from '../db/types';
import { ApiError } from '../errors';
import { randomToken, sha256 } from './tokens';

/** Integration tokens let source connectors post appeals; only their sha256 is stored. */
export async function addIntegrationToken(q: Queryable, name: string, token = `otk_${randomToken(24)}`): Promise<string> {
  await q.query('INSERT INTO integration_tokens (token_hash, name) VALUES ($1, $2) ON CONFLICT (token_hash) DO NOTHING', [
    sha256(token),
    name,
  ]);
  return token;
}

export async function checkIntegrationToken(q: Queryable, authorization: string | undefined): Promise<string> {
  const token = bearer(authorization);
  if (!token) throw new ApiError(401, 'unauthorized', 'Integration token required');
  const res = await q.query<{ name: string }>('SELECT name FROM integration_tokens WHERE token_hash = $1', [sha256(token)]);
  const row = res.rows[0];
  if (!row) throw new ApiError(401, 'unauthorized', 'Unknown integration token');
  return row.name;
}

export function bearer(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return m?.[1] ?? null;
}
