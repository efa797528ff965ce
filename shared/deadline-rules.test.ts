import { describe, expect, it } from 'vitest';
import { computeDeadlines } from './deadlines';
import { DEFAULT_RULES_BY_SOURCE, deadlineRulesBySourceSchema, describeDuration, withSourceRules } from './deadline-rules';

describe('deadline rules per source as the administrator sets them', () => {
  it('the defaults pass their own schema', () => {
    expect(deadlineRulesBySourceSchema.safeParse(DEFAULT_RULES_BY_SOURCE).success).toBe(true);
  });

  it('refuses a zero, a fraction, a term too long for its unit, a missing source', () => {
    const vk = (final: unknown) => ({ ...DEFAULT_RULES_BY_SOURCE, vk: { ...DEFAULT_RULES_BY_SOURCE.vk, final } });
    expect(deadlineRulesBySourceSchema.safeParse(vk({ unit: 'workingDays', amount: 0 })).success).toBe(false);
    expect(deadlineRulesBySourceSchema.safeParse(vk({ unit: 'workingDays', amount: 1.5 })).success).toBe(false);
    expect(deadlineRulesBySourceSchema.safeParse(vk({ unit: 'calendarDays', amount: 400 })).success).toBe(false);
    const { phone: _phone, ...noPhone } = DEFAULT_RULES_BY_SOURCE;
    expect(deadlineRulesBySourceSchema.safeParse(noPhone).success).toBe(false);
  });

  it('a region’s shorter final term for VK moves a VK appeal’s deadline and no other', () => {
    const rules = withSourceRules({ ...DEFAULT_RULES_BY_SOURCE, vk: { ...DEFAULT_RULES_BY_SOURCE.vk, final: { unit: 'workingDays', amount: 3 } } });
    const receivedAt = new Date('2026-12-01T07:00:00Z'); // Tuesday, 10:00 in Moscow
    expect(computeDeadlines({ source: 'vk', priority: 'normal', receivedAt }, rules).dueAt.toISOString()).toBe('2026-12-04T15:00:00.000Z');
    expect(computeDeadlines({ source: 'ok', priority: 'normal', receivedAt }, rules)).toEqual(computeDeadlines({ source: 'ok', priority: 'normal', receivedAt }));
  });

  it('says a term in Russian words', () => {
    expect(describeDuration({ unit: 'workingHours', amount: 8 })).toBe('8 рабочих часов');
    expect(describeDuration({ unit: 'workingDays', amount: 1 })).toBe('1 рабочий день');
    expect(describeDuration({ unit: 'workingDays', amount: 3 })).toBe('3 рабочих дня');
    expect(describeDuration({ unit: 'calendarDays', amount: 30 })).toBe('30 календарных дней');
  });
});
