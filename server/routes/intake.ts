import type { FastifyInstance } from 'fastify';
import { API_PREFIX, intakeRequestSchema } from '../../shared/protocol';
import { checkIntegrationToken } from '../auth/integration';
import type { ServerContext } from '../context';
import { parseOr400 } from '../errors';
import { intakeAppeal } from '../intake';

export function registerIntakeRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.post(`${API_PREFIX}/intake/appeals`, async (request, reply) => {
    await checkIntegrationToken(ctx.db, request.headers.authorization);
    const body = parseOr400(intakeRequestSchema, request.body);
    const result = await intakeAppeal(ctx.db, body, ctx.defaultMunicipalityId);
    return reply.status(result.duplicate ? 200 : 201).send(result);
  });
}
