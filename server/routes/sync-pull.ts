import type { FastifyInstance } from 'fastify';
import { API_PREFIX, pullQuerySchema } from '../../shared/protocol';
import { authenticate } from '../auth/guard';
import type { ServerContext } from '../context';
import { parseOr400 } from '../errors';
import { pullPage } from '../pull';
import { callerScope } from '../scopes';

export function registerPullRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get(`${API_PREFIX}/sync/pull`, async (request, reply) => {
    const user = await authenticate(ctx, request);
    const query = parseOr400(pullQuerySchema, request.query);
    const page = await pullPage(ctx.db, callerScope(user), query.cursor, query.limit);
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').send(page.body);
  });
}
