import type { FastifyInstance } from 'fastify';
import { deadlineRulesBySourceSchema, type DeadlineRulesBySource } from '../../../shared/deadline-rules';
import { audit } from '../../audit/log';
import type { ServerContext } from '../../context';
import { loadDeadlineRules, loadRegionalDays, saveDeadlineRules, saveRegionalDays } from '../../deadline-rules';
import { regionalDaysSchema, type RegionalDays } from '../../../shared/regional-calendar';
import { parseOr400 } from '../../errors';
import { adminOf } from './guard';

/**
 * The deadline rules per source («Сроки ответа») and the region's own calendar days («Календарь»):
 * each read and replaced whole, each change audited with before and after. The intake reads them for every new appeal; appeals already taken keep
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

  // «Календарь»: the region's own days off and working weekends, counted in every new deadline.
  app.get('/calendar', async (): Promise<RegionalDays> => loadRegionalDays(ctx.db));

  app.put('/calendar', async (request): Promise<RegionalDays> => {
    const admin = adminOf(request);
    const parsed = parseOr400(regionalDaysSchema, request.body);
    const days = { holidays: [...new Set(parsed.holidays)].sort(), workdays: [...new Set(parsed.workdays)].sort() };
    await ctx.db.tx(async (q) => {
      const before = await loadRegionalDays(q);
      await saveRegionalDays(q, days);
      await audit(q, { kind: 'admin.change', actor: admin, subject: 'calendar', address: request.ip, data: { action: 'calendar.update', before, after: days } });
    });
    return days;
  });
}
