import { describe, expect, it } from 'vitest';
import type { AppealFacts } from '../../shared/facts';
import { decodeFacts, encodeFacts } from './snapshot';

const base: AppealFacts = {
  id: 'a',
  receivedAt: Date.parse('2025-03-04T07:00:00Z'),
  dueAt: Date.parse('2025-03-10T15:00:00Z'),
  firstRespondedAt: null,
  category: 'roads',
  source: 'vk',
  municipalityId: 'maykop',
  assigneeId: 'u1',
  status: 'answered',
  priority: 'normal',
  topics: 5,
  score: null,
  solved: null,
};
const fingerprint = { ownerId: 'u1', cursor: 10, appeals: 4, outboxPending: 0, outboxLastSeq: 0 };

describe('the facts snapshot', () => {
  it('keeps each author’s score and verdict between sessions', () => {
    const facts: AppealFacts[] = [
      base,
      { ...base, id: 'b', score: 5, solved: true },
      { ...base, id: 'c', score: 1, solved: false },
      { ...base, id: 'd', score: null, solved: false, assigneeId: null },
    ];
    expect(decodeFacts(encodeFacts('k', fingerprint, facts))).toEqual(facts);
  });

  it('reads a snapshot written before ratings existed as nobody having rated', () => {
    const stored = encodeFacts('k', fingerprint, [{ ...base, score: 3 }]);
    delete stored.rating;
    expect(decodeFacts(stored)).toEqual([base]);
  });
});
