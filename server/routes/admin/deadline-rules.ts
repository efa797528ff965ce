import type { FastifyInstance } from 'fastify';
import { deadlineRulesBySourceSchema, type DeadlineRulesBySource } from '../../../shared/deadline-rules';
import { audit } from '../../audit/log';
import type { ServerContext } from '../../context';
import { loadDeadlineRules, saveDeadlineRules } from '../../deadline-rules';
import { parseOr400 } from '../../errors';
import { adminOf } from './guard';

/**
 * The deadline rules per source («Сроки ответа»): read and replaced whole, each change audited
 * with before and after. The intake reads them for every new appeal; appeals already taken keep
 * the deadlines they were given.
 */
export function registerDeadlineRuleRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/deadline-rules', async (): Promise<DeadlineRulesBySource> => loadDeadlineRules(ctx.db));

  app.put('/deadline-rules', async (request): Promise<DeadlineRulesBySource> => {
    const admin = adminOf(request);
    const rules = parseOr400(deadlineRulesBySourceSchema, request.body) as DeadlineRulesBySource;
    await ctx.db.tx(async (q) => {
      const before = await loadDeadlineRules(q);
      await saveDeadlineRules(q, rules);
      await audit(q, { kind: 'admin.change', actor: admin, subject: 'deadline-rules', address: request.ip, data: { action: 'deadlineRules.update', before, after: rules } });
    });
    return rules;
  });
}
