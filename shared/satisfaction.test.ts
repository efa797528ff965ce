import { describe, expect, it } from 'vitest';
import type { AppealFacts } from './facts';
import { computeSatisfaction, confirmedShare } from './satisfaction';

const at = (iso: string) => Date.parse(iso);
function f(id: string, extra: Partial<AppealFacts> = {}): AppealFacts {
  return {
    id,
    receivedAt: at('2025-03-04T07:00:00Z'),
    dueAt: at('2025-03-10T15:00:00Z'),
    firstRespondedAt: at('2025-03-05T07:00:00Z'),
    category: 'roads',
    source: 'vk',
    municipalityId: 'maykop',
    assigneeId: 'u1',
    status: 'answered',
    priority: 'normal',
    topics: 0,
    score: null,
    solved: null,
    ...extra,
  };
}
const MARCH = { from: '2025-03-01', to: '2025-03-31' };

describe('satisfaction of the answers', () => {
  const facts = [
    f('a', { score: 5, solved: true }),
    f('b', { score: 4 }),
    f('c', { score: 1, solved: false, status: 'in_progress' }),
    f('d'),
    f('e', { municipalityId: 'giaginsky', score: 2, solved: false, assigneeId: 'u2', source: 'telegram' }),
    f('f', { municipalityId: 'giaginsky', solved: true, assigneeId: 'u2', source: 'telegram', category: 'housing' }),
    f('still-open', { status: 'in_progress' }),
    f('february', { receivedAt: at('2025-02-20T07:00:00Z'), score: 1 }),
  ];

  it('counts the answered appeals of the period, the ratings with their mean and low ones, and the verdicts', () => {
    const { total } = computeSatisfaction(facts, MARCH, 'municipality');
    expect(total).toEqual({ key: 'total', answered: 6, rated: 4, meanScore: 3, low: 2, solved: 2, notSolved: 2 });
    expect(confirmedShare(total)).toBeCloseTo(2 / 6);
  });

  it('groups by body, least content first; by channel and by clerk alike', () => {
    const byBody = computeSatisfaction(facts, MARCH, 'municipality').rows;
    expect(byBody.map((r) => [r.key, r.answered, r.meanScore])).toEqual([
      ['giaginsky', 2, 2],
      ['maykop', 4, 10 / 3],
    ]);
    expect(computeSatisfaction(facts, MARCH, 'source').rows.map((r) => r.key)).toEqual(['telegram', 'vk']);
    expect(computeSatisfaction(facts, MARCH, 'assignee').rows.map((r) => [r.key, r.notSolved])).toEqual([
      ['u2', 1],
      ['u1', 1],
    ]);
    expect(computeSatisfaction(facts, MARCH, 'category').rows.map((r) => r.key)).toEqual(['roads', 'housing']);
  });

  it('says nothing where nothing was answered', () => {
    const { total, rows } = computeSatisfaction([f('x', { status: 'new' })], MARCH, 'source');
    expect(rows).toEqual([]);
    expect(total.meanScore).toBeNull();
    expect(confirmedShare(total)).toBeNull();
  });
});
