import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../shared/protocol';
import { snapshotQuerySchema, threadParamsSchema } from '../../shared/snapshot';
import { authenticate } from '../auth/guard';
import type { ServerContext } from '../context';
import { ApiError, parseOr400 } from '../errors';
import { callerScope } from '../scopes';
import { snapshotPage, threadFramesPage, threadOf } from '../snapshot';
import { THREAD_FRAMES_TYPE } from '../../shared/thread-frames';

/** The phased first download (server/snapshot.ts) and one thread on demand, scoped as pull is. */
export function registerSnapshotRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(`${API_PREFIX}/sync/snapshot`, async (request, reply) => {
    const user = await authenticate(ctx, request);
    const query = parseOr400(snapshotQuerySchema, request.query);
    // The closed threads as frames where the workstation reads them so (shared/thread-frames.ts);
    // JSON to one that does not (a workstation of before frames converts it itself).
    if (query.phase === 'threads' && (request.headers.accept ?? '').includes(THREAD_FRAMES_TYPE)) {
      const frames = await threadFramesPage(ctx.db, callerScope(user), query.after, query.limit);
      return reply.type(THREAD_FRAMES_TYPE).header('cache-control', 'no-store').header('vary', 'accept').send(frames.body);
    }
    const page = await snapshotPage(ctx.db, callerScope(user), user.id, query.phase, query.after, query.limit);
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').send(page.body);
  });

  app.get(`${API_PREFIX}/sync/thread/:appealId`, async (request, reply) => {
    const user = await authenticate(ctx, request);
    const { appealId } = parseOr400(threadParamsSchema, request.params);
    const body = await threadOf(ctx.db, callerScope(user), appealId);
    // Outside the caller's scope it is as absent as one that does not exist.
    if (!body) throw new ApiError(404, 'not_found', 'Appeal not found');
    return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').send(body);
  });
}
