import type { FastifyRequest } from 'fastify';
import { principal, type BodyDirectory, type Principal } from '../body-directory';
import type { Db } from '../db/types';
import { ApiError } from '../errors';
import { findRequestState } from '../repo/users';
import { bearer } from './integration';
import type { AccessTokens } from './tokens';
import type { TicketPurpose } from '../../shared/tickets';

export interface AuthDeps {
  db: Db;
  tokens: AccessTokens;
  bodies: BodyDirectory;
}

/**
 * The person behind a request, read fresh from the database so a changed role or body, or a
 * disabled account, takes effect at once, with the bodies under theirs that their scope covers.
 * `ticket` is for the requests a browser sends without headers (<img>, EventSource): without an
 * Authorization header, a `?ticket=` for exactly this purpose and resource is taken instead.
 */
export async function authenticate(deps: AuthDeps, request: FastifyRequest, ticket?: { purpose: TicketPurpose; resource: string }): Promise<Principal> {
  const token = bearer(request.headers.authorization);
  const q = request.query as Record<string, unknown> | undefined;
  const fromTicket = !token && ticket && typeof q?.ticket === 'string' && q.ticket !== '' ? q.ticket : null;
  if (!token && !fromTicket) throw new ApiError(401, 'unauthorized', 'Authentication required');
  const { userId, sessionId } = fromTicket ? await deps.tokens.verifyTicket(fromTicket, ticket!.purpose, ticket!.resource) : await deps.tokens.verify(token!);
  const found = await findRequestState(deps.db, userId, sessionId || null);
  if (!found) throw new ApiError(401, 'unauthorized', 'User no longer exists');
  // Read on every request, so a disabled account is refused at its very next one.
  if (found.disabled) throw new ApiError(401, 'account_disabled', 'Account is disabled');
  // An ended session (an administrator ended it, a reused refresh token) stops
  // its access tokens at their next request, not only when they expire.
  if (found.sessionEnded) throw new ApiError(401, 'unauthorized', 'Session has ended');
  return principal(found.user, await deps.bodies.treeAt(deps.db, found.bodiesVersion));
}
