import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AdminSession } from '../../../shared/admin-sessions';
import { idSchema } from '../../../shared/domain';
import { audit } from '../../audit/log';
import { endSession, endUserSessions, listSessions } from '../../auth/sessions';
import type { ServerContext } from '../../context';
import { ApiError, parseOr400 } from '../../errors';
import { lockAdminUser } from '../../repo/admin-users';
import { adminOf } from './guard';

const userParams = z.object({ id: idSchema });
const sessionParams = z.object({ id: idSchema, sessionId: idSchema });

/**
 * A user's signed-in devices (shared/admin-sessions.ts): list them, end one, end all. Each ending
 * is audited; the ended session's access tokens are refused at their next request.
 */
export function registerAdminSessionRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/users/:id/sessions', async (request): Promise<{ sessions: AdminSession[] }> => {
    const { id } = parseOr400(userParams, request.params);
    if (!(await lockAdminUser(ctx.db, id))) throw new ApiError(404, 'not_found', 'User not found');
    return { sessions: await listSessions(ctx.db, id) };
  });

  app.post('/users/:id/sessions/:sessionId/end', async (request) => {
    const admin = adminOf(request);
    const { id, sessionId } = parseOr400(sessionParams, request.params);
    return ctx.db.tx(async (q) => {
      const user = await lockAdminUser(q, id);
      const owned = await q.query('SELECT 1 FROM sessions WHERE id = $1 AND user_id = $2 AND ended_at IS NULL', [sessionId, id]);
      if (!user || owned.rows.length === 0) throw new ApiError(404, 'not_found', 'Session not found');
      await endSession(q, sessionId, 'ended_by_admin');
      await audit(q, { kind: 'admin.change', actor: admin, subject: user.username, address: request.ip, data: { action: 'session.end', before: { sessionId }, after: null } });
      return { ended: 1 };
    });
  });

  app.post('/users/:id/sessions/end', async (request) => {
    const admin = adminOf(request);
    const { id } = parseOr400(userParams, request.params);
    return ctx.db.tx(async (q) => {
      const user = await lockAdminUser(q, id);
      if (!user) throw new ApiError(404, 'not_found', 'User not found');
      const ended = await endUserSessions(q, id, 'ended_by_admin');
      await audit(q, { kind: 'admin.change', actor: admin, subject: user.username, address: request.ip, data: { action: 'session.endAll', before: { sessions: ended }, after: null } });
      return { ended };
    });
  });
}
