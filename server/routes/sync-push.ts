import type { FastifyInstance } from 'fastify';
import { API_PREFIX, pushRequestSchema, type PushResponse } from '../../shared/protocol';
import { loadApprovalPolicy } from '../approval-policy';
import { authenticate } from '../auth/guard';
import type { ServerContext } from '../context';
import { parseOr400 } from '../errors';
import { pushBatch } from '../push';

export function registerPushRoute(app: FastifyInstance, ctx: ServerContext, bodyLimit: number): void {
  app.post(`${API_PREFIX}/sync/push`, { bodyLimit }, async (request): Promise<PushResponse> => {
    const actor = await authenticate(ctx, request);
    const body = parseOr400(pushRequestSchema, request.body);
    const results = await pushBatch(
      ctx.db,
      {
        actor,
        clientId: body.clientId,
        approvalPolicy: await loadApprovalPolicy(ctx.db),
        address: request.ip,
        onError: (err) => request.log.error({ err }, 'push stopped at a failing mutation'),
      },
      body.mutations,
    );
    return { results };
  });
}
