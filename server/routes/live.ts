import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../shared/protocol';
import { authenticate } from '../auth/guard';
import { currentSeq } from '../changes';
import type { ServerContext } from '../context';
import { callerScope } from '../scopes';

/**
 * Server-sent events: `hello` with the current seq on connect, then `poke` whenever the caller's
 * scope changed, carrying the changes when it can (server/live-hub.ts). EventSource cannot send
 * headers: a browser comes with a `?ticket=` (shared/tickets.ts).
 */
export function registerLiveRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get(`${API_PREFIX}/sync/live`, async (request, reply) => {
    const user = await authenticate(ctx, request, { purpose: 'live', resource: '' });
    reply.hijack();
    const res = reply.raw;
    request.raw.socket.setNoDelay(true);
    request.raw.socket.setKeepAlive(true);
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // Registered before reading the seq: a commit in between still pokes this connection.
    const client = ctx.hub.add(res, callerScope(user), user.id);
    // The changes it carries were allowed when it opened: it lives no longer than an access
    // token, so an ended session or a disabled account stops receiving them within that time
    // (the workstation reconnects with a fresh ticket after a pull, which checks both).
    const lifetime = setTimeout(() => res.end(), ctx.tokens.ttlSeconds * 1000 * (0.75 + Math.random() * 0.25));
    lifetime.unref();
    const remove = () => {
      clearTimeout(lifetime);
      client.remove();
    };
    res.on('close', remove);
    res.on('error', remove);
    const seq = await currentSeq(ctx.db);
    client.hello(seq);
  });
}
