import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { classifyCategory } from '../../../shared/classify';
import { idSchema } from '../../../shared/domain';
import { routingCheckRequestSchema, routingRuleInputSchema, type RoutingCheckResponse, type RoutingRule, type RoutingRuleInput } from '../../../shared/routing-rules';
import { audit } from '../../audit/log';
import { loadBodies } from '../../body-directory';
import type { ServerContext } from '../../context';
import type { Queryable } from '../../db/types';
import { ApiError, parseOr400 } from '../../errors';
import { deleteRoutingRule, insertRoutingRule, listRoutingRules, lockRoutingRule, updateRoutingRule } from '../../repo/routing-rules';
import { decideRoute } from '../../routing';
import { adminOf } from './guard';

/** Registered inside the administrators-only scope under /api/v1/admin (see index.ts). */
const PATH = '/routing-rules';
const idParams = z.object({ id: idSchema });

/** A rule may only send appeals to a body that exists. */
async function checkTarget(q: Queryable, rule: RoutingRuleInput): Promise<void> {
  if (rule.target.kind !== 'body') return;
  const found = await q.query('SELECT 1 FROM bodies WHERE id = $1', [rule.target.bodyId]);
  if (found.rows.length === 0) throw new ApiError(400, 'validation_failed', `Unknown bodyId "${rule.target.bodyId}"`);
}

/** What the audit log keeps of a rule: all of it but the bookkeeping column. */
function snapshot(rule: RoutingRule): Omit<RoutingRule, 'updatedAt'> {
  const { updatedAt: _updatedAt, ...kept } = rule;
  return kept;
}

/**
 * Routing rules for the administrator: list, create, change, delete, and «проверить». Each change
 * is one transaction with its audit entry (before and after), so the log cannot miss or invent one.
 */
export function registerRoutingRuleRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(PATH, async () => {
    return { rules: await listRoutingRules(ctx.db) };
  });

  app.post(PATH, async (request, reply) => {
    const admin = adminOf(request);
    const input = parseOr400(routingRuleInputSchema, request.body);
    const created = await ctx.db.tx(async (q) => {
      await checkTarget(q, input);
      const rule = await insertRoutingRule(q, randomUUID(), input);
      await audit(q, { kind: 'admin.change', actor: admin, subject: rule.name, address: request.ip, data: { action: 'routingRule.create', before: null, after: snapshot(rule) } });
      return rule;
    });
    return reply.status(201).send(created);
  });

  app.put(`${PATH}/:id`, async (request) => {
    const admin = adminOf(request);
    const { id } = parseOr400(idParams, request.params);
    const input = parseOr400(routingRuleInputSchema, request.body);
    return ctx.db.tx(async (q) => {
      const before = await lockRoutingRule(q, id);
      if (!before) throw new ApiError(404, 'not_found', 'Routing rule not found');
      await checkTarget(q, input);
      const after = await updateRoutingRule(q, id, input);
      if (!after) throw new ApiError(404, 'not_found', 'Routing rule not found');
      await audit(q, { kind: 'admin.change', actor: admin, subject: after.name, address: request.ip, data: { action: 'routingRule.update', before: snapshot(before), after: snapshot(after) } });
      return after;
    });
  });

  app.delete(`${PATH}/:id`, async (request, reply) => {
    const admin = adminOf(request);
    const { id } = parseOr400(idParams, request.params);
    await ctx.db.tx(async (q) => {
      const before = await lockRoutingRule(q, id);
      if (!before || !(await deleteRoutingRule(q, id))) throw new ApiError(404, 'not_found', 'Routing rule not found');
      await audit(q, { kind: 'admin.change', actor: admin, subject: before.name, address: request.ip, data: { action: 'routingRule.delete', before: snapshot(before), after: null } });
    });
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
