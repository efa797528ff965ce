import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_BY_SOURCE } from '../../../../shared/deadline-rules';
import { draftOf, rulesOf } from './draft';

describe('«Сроки ответа» as the console edits them', () => {
  it('the law’s rules survive a round trip through the form unchanged', () => {
    expect(rulesOf(draftOf(DEFAULT_RULES_BY_SOURCE), DEFAULT_RULES_BY_SOURCE)).toEqual({ ok: true, rules: DEFAULT_RULES_BY_SOURCE });
  });

  it('a changed term is stored; an empty urgent term means «as for any appeal»', () => {
    const draft = draftOf(DEFAULT_RULES_BY_SOURCE);
    draft.vk.final = { amount: '3', unit: 'workingDays' };
    draft.vk.urgentFirstResponse = { amount: '', unit: 'none' };
    const result = rulesOf(draft, DEFAULT_RULES_BY_SOURCE);
    expect(result.ok && result.rules.vk).toEqual({ firstResponse: { unit: 'workingHours', amount: 8 }, final: { unit: 'workingDays', amount: 3 } });
  });

  it('names each wrong field: letters, zero, too long, no final term', () => {
    const draft = draftOf(DEFAULT_RULES_BY_SOURCE);
    draft.vk.final = { amount: 'три', unit: 'workingDays' };
    draft.ok.firstResponse = { amount: '0', unit: 'workingHours' };
    draft.pos.final = { amount: '400', unit: 'calendarDays' };
    draft.email.final = { amount: '', unit: 'none' };
    const result = rulesOf(draft, DEFAULT_RULES_BY_SOURCE);
    expect(!result.ok && [...result.wrong].sort()).toEqual(['email.final', 'ok.firstResponse', 'pos.final', 'vk.final']);
  });
});
