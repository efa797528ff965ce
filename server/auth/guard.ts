import type { FastifyRequest } from 'fastify';
import type { User } from '../../shared/domain';
import type { Db } from '../db/types';
import { ApiError } from '../errors';
import { findUserWithState } from '../repo/users';
import { bearer } from './integration';
import type { AccessTokens } from './tokens';

export interface AuthDeps {
  db: Db;
  tokens: AccessTokens;
}

/**
 * The person behind a request, read fresh from the database so a changed role or municipality,
 * or a disabled account, takes effect at once. `allowQueryToken` is for EventSource, which cannot send headers.
 */
export async function authenticate(deps: AuthDeps, request: FastifyRequest, allowQueryToken = false): Promise<User> {
  let token = bearer(request.headers.authorization);
  if (!token && allowQueryToken) {
    const q = request.query as Record<string, unknown> | undefined;
    if (typeof q?.token === 'string' && q.token !== '') token = q.token;
  }
  if (!token) throw new ApiError(401, 'unauthorized', 'Authentication required');
  const userId = await deps.tokens.verify(token);
  const found = await findUserWithState(deps.db, userId);
  if (!found) throw new ApiError(401, 'unauthorized', 'User no longer exists');
  // Read on every request, so a disabled account is refused at its very next one.
  if (found.disabled) throw new ApiError(401, 'account_disabled', 'Account is disabled');
  return found.user;
}
