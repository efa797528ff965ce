import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canSeeMunicipality } from '../../shared/permissions';
import { API_PREFIX } from '../../shared/protocol';
import type { PostPage } from '../../shared/posts/post';
import { authenticate } from '../auth/guard';
import { connectorFor } from '../channels/registry';
import type { ServerContext } from '../context';
import { ApiError, parseOr400 } from '../errors';
import { idSchema } from '../../shared/domain';

/**
 * The official pages a body's resolution post may go to: its enabled channels whose platform can
 * post (a VK wall, a Telegram channel), for the composer of anyone who sees the body. Names and
 * platforms only: a page's secrets never leave the server.
 */
export async function registerPostPageRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get(`${API_PREFIX}/posts/pages`, async (request) => {
    const actor = await authenticate(ctx, request);
    const { bodyId } = parseOr400(z.object({ bodyId: idSchema }), request.query);
    if (!canSeeMunicipality(actor, bodyId)) throw new ApiError(403, 'forbidden', 'Body is outside your scope');
    const res = await ctx.db.query<{ id: string; name: string; platform: string }>('SELECT id, name, platform FROM channels WHERE body_id = $1 AND enabled ORDER BY name, id', [bodyId]);
    const pages: PostPage[] = res.rows.filter((c) => connectorFor(c.platform)?.publish).map((c) => ({ id: c.id, name: c.name, platform: c.platform as PostPage['platform'] }));
    return { pages };
  });
}
