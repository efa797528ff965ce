import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { User } from '../../../shared/domain';
import { authenticate } from '../../auth/guard';
import type { ServerContext } from '../../context';
import { ApiError } from '../../errors';

const admins = new WeakMap<FastifyRequest, User>();

/**
 * Every route registered on `scoped` answers 401 without a valid token and 403 to anyone but an
 * administrator, before its handler runs: a route added later cannot forget the check.
 */
export function requireAdmin(scoped: FastifyInstance, ctx: ServerContext): void {
  scoped.addHook('preHandler', async (request) => {
    const user = await authenticate(ctx, request);
    if (user.role !== 'admin') throw new ApiError(403, 'forbidden', 'Administrators only');
    admins.set(request, user);
  });
}

/** The administrator making this request (set by requireAdmin). */
export function adminOf(request: FastifyRequest): User {
  const user = admins.get(request);
  if (!user) throw new ApiError(403, 'forbidden', 'Administrators only');
  return user;
}
