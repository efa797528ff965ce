import { z } from 'zod';
import { DEFAULT_DEADLINE_RULES, type DeadlineRules, type DurationRule, type SourceDeadlineRule } from './deadlines';
import { SOURCES, type Source } from './domain';

/**
 * The deadline rules per source as the region's administrator sets them (the console's «Сроки
 * ответа»; PUT /api/v1/admin/deadline-rules): for each source, the first response (or
 * registration), the one for urgent appeals, and the final answer. The working schedule and the
 * forwarding term stay the law's (shared/deadlines.ts). Applied by the intake to new appeals.
 */

const DURATION_LIMITS = { workingHours: 200, workingDays: 90, calendarDays: 90 } as const;

export const durationRuleSchema = z
  .object({ unit: z.enum(['workingHours', 'workingDays', 'calendarDays']), amount: z.number().int().min(1) })
  .refine((r) => r.amount <= DURATION_LIMITS[r.unit], { message: 'amount is too large for its unit', path: ['amount'] });

export const sourceDeadlineRuleSchema = z.object({
  firstResponse: durationRuleSchema.nullable(),
  urgentFirstResponse: durationRuleSchema.optional(),
  final: durationRuleSchema,
  urgentFinal: durationRuleSchema.optional(),
});

export const deadlineRulesBySourceSchema = z.object(Object.fromEntries(SOURCES.map((s) => [s, sourceDeadlineRuleSchema])) as Record<Source, typeof sourceDeadlineRuleSchema>);
export type DeadlineRulesBySource = Record<Source, SourceDeadlineRule>;

export const DEFAULT_RULES_BY_SOURCE: DeadlineRulesBySource = DEFAULT_DEADLINE_RULES.bySource;

/** The full rules the deadline computation takes, with the region's rules per source. */
export function withSourceRules(bySource: DeadlineRulesBySource): DeadlineRules {
  return { ...DEFAULT_DEADLINE_RULES, bySource };
}

const plural = (n: number, one: string, few: string, many: string) => {
  const m10 = n % 10;
  const m100 = n % 100;
  return m10 === 1 && m100 !== 11 ? one : m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? few : many;
};

/** «8 рабочих часов», «1 рабочий день», «30 календарных дней». */
export function describeDuration(r: DurationRule): string {
  const n = r.amount;
  if (r.unit === 'workingHours') return `${n} ${plural(n, 'рабочий час', 'рабочих часа', 'рабочих часов')}`;
  if (r.unit === 'workingDays') return `${n} ${plural(n, 'рабочий день', 'рабочих дня', 'рабочих дней')}`;
  return `${n} ${plural(n, 'календарный день', 'календарных дня', 'календарных дней')}`;
}
