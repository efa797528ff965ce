import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../shared/protocol';
import { authenticate } from '../auth/guard';
import { currentSeq } from '../changes';
import type { ServerContext } from '../context';
import { callerScope } from '../scopes';

/**
 * Server-sent events: `hello` with the current seq on connect, then `poke` whenever the caller's
 * scope changed. EventSource cannot send headers: a browser comes with a `?ticket=` (shared/tickets.ts).
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
    const remove = ctx.hub.add(res, callerScope(user));
    res.on('close', remove);
    res.on('error', remove);
    const seq = await currentSeq(ctx.db);
    if (!res.destroyed && !res.writableEnded) res.write(`retry: 3000\n\nevent: hello\ndata: {"seq":${seq}}\n\n`);
  });
}
