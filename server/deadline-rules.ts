import { DEFAULT_RULES_BY_SOURCE, deadlineRulesBySourceSchema, type DeadlineRulesBySource } from '../shared/deadline-rules';
import { NO_REGIONAL_DAYS, regionalDaysSchema, type RegionalDays } from '../shared/regional-calendar';
import type { Queryable } from './db/types';
import { loadJsonSetting, saveJsonSetting } from './settings';

/** The region's deadline rules per source (shared/deadline-rules.ts); the law's defaults until an administrator saves others. */
export function loadDeadlineRules(q: Queryable): Promise<DeadlineRulesBySource> {
  return loadJsonSetting(q, 'deadline_rules', deadlineRulesBySourceSchema, DEFAULT_RULES_BY_SOURCE) as Promise<DeadlineRulesBySource>;
}

export function saveDeadlineRules(q: Queryable, rules: DeadlineRulesBySource): Promise<void> {
  return saveJsonSetting(q, 'deadline_rules', rules);
}

/** The region's own days off and working weekends (shared/regional-calendar.ts); none until saved. */
export function loadRegionalDays(q: Queryable): Promise<RegionalDays> {
  return loadJsonSetting(q, 'regional_calendar', regionalDaysSchema, NO_REGIONAL_DAYS);
}

export function saveRegionalDays(q: Queryable, days: RegionalDays): Promise<void> {
  return saveJsonSetting(q, 'regional_calendar', days);
}
