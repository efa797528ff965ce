import { DEFAULT_RULES_BY_SOURCE, deadlineRulesBySourceSchema, type DeadlineRulesBySource } from '../shared/deadline-rules';
import { NO_REGIONAL_DAYS, regionalDaysSchema, type RegionalDays } from '../shared/regional-calendar';
import type { Queryable } from './db/types';

const KEY = 'deadline_rules';

/** The region's deadline rules per source (shared/deadline-rules.ts); the law's defaults until an administrator saves others. */
export async function loadDeadlineRules(q: Queryable): Promise<DeadlineRulesBySource> {
  const res = await q.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [KEY]);
  const row = res.rows[0];
  if (!row) return DEFAULT_RULES_BY_SOURCE;
  const parsed = deadlineRulesBySourceSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? (parsed.data as DeadlineRulesBySource) : DEFAULT_RULES_BY_SOURCE;
}

export async function saveDeadlineRules(q: Queryable, rules: DeadlineRulesBySource): Promise<void> {
  await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [KEY, JSON.stringify(rules)]);
}

const CALENDAR_KEY = 'regional_calendar';

/** The region's own days off and working weekends (shared/regional-calendar.ts); none until saved. */
export async function loadRegionalDays(q: Queryable): Promise<RegionalDays> {
  const res = await q.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [CALENDAR_KEY]);
  const row = res.rows[0];
  if (!row) return NO_REGIONAL_DAYS;
  const parsed = regionalDaysSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : NO_REGIONAL_DAYS;
}

export async function saveRegionalDays(q: Queryable, days: RegionalDays): Promise<void> {
  await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [CALENDAR_KEY, JSON.stringify(days)]);
}
