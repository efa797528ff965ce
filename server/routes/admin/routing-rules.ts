import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { classifyCategory } from '../../../shared/classify';
import { idSchema } from '../../../shared/domain';
import { routingCheckRequestSchema, routingRuleInputSchema, type RoutingCheckResponse, type RoutingRuleInput } from '../../../shared/routing-rules';
import { loadBodies } from '../../body-directory';
import type { ServerContext } from '../../context';
import type { Queryable } from '../../db/types';
import { ApiError, parseOr400 } from '../../errors';
import { deleteRoutingRule, insertRoutingRule, listRoutingRules, updateRoutingRule } from '../../repo/routing-rules';
import { decideRoute } from '../../routing';

/** Registered inside the administrators-only scope under /api/v1/admin (see index.ts). */
const PATH = '/routing-rules';
const idParams = z.object({ id: idSchema });

/** A rule may only send appeals to a body that exists. */
async function checkTarget(q: Queryable, rule: RoutingRuleInput): Promise<void> {
  if (rule.target.kind !== 'body') return;
  const found = await q.query('SELECT 1 FROM bodies WHERE id = $1', [rule.target.bodyId]);
  if (found.rows.length === 0) throw new ApiError(400, 'validation_failed', `Unknown bodyId "${rule.target.bodyId}"`);
}

/** Routing rules for the administrator: list, create, change, delete, and «проверить». */
export function registerRoutingRuleRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(PATH, async () => {
    return { rules: await listRoutingRules(ctx.db) };
  });

  app.post(PATH, async (request, reply) => {
    const input = parseOr400(routingRuleInputSchema, request.body);
    await checkTarget(ctx.db, input);
    return reply.status(201).send(await insertRoutingRule(ctx.db, randomUUID(), input));
  });

  app.put(`${PATH}/:id`, async (request) => {
    const { id } = parseOr400(idParams, request.params);
    const input = parseOr400(routingRuleInputSchema, request.body);
    await checkTarget(ctx.db, input);
    const updated = await updateRoutingRule(ctx.db, id, input);
    if (!updated) throw new ApiError(404, 'not_found', 'Routing rule not found');
    return updated;
  });

  app.delete(`${PATH}/:id`, async (request, reply) => {
    const { id } = parseOr400(idParams, request.params);
    if (!(await deleteRoutingRule(ctx.db, id))) throw new ApiError(404, 'not_found', 'Routing rule not found');
    return reply.status(204).send();
  });

  app.post(`${PATH}/check`, async (request): Promise<RoutingCheckResponse> => {
    const req = parseOr400(routingCheckRequestSchema, request.body);
    const category = req.category ?? classifyCategory(req.text);
    const decision = await decideRoute(ctx.db, { ...req, category }, ctx.defaultMunicipalityId);
    const bodies = await loadBodies(ctx.db);
    return { ...decision, category, bodyName: bodies.find((b) => b.id === decision.bodyId)?.name ?? decision.bodyId };
  });
}
