import { describe, expect, it } from 'vitest';
import { policyOf, rowsOf } from './draft';

describe('the approval policy as the console edits it', () => {
  it('shows the stored rules as rows, «все органы» first, then in the tree’s order', () => {
    const rows = rowsOf({ rules: { maykop: ['vk', 'ok'], '*': ['pos'], giaginsky: ['*'], gone: [] } }, ['giaginsky', 'maykop']);
    expect(rows).toEqual([
      { body: '*', all: false, sources: ['pos'] },
      { body: 'giaginsky', all: true, sources: [] },
      { body: 'maykop', all: false, sources: ['vk', 'ok'] },
    ]);
  });

  it('stores the rows back as the same policy', () => {
    const policy = { rules: { '*': ['pos'], giaginsky: ['*'], maykop: ['vk', 'ok'] } } as const;
    const back = policyOf(rowsOf(policy, ['giaginsky', 'maykop']));
    expect(back).toEqual({ ok: true, policy });
  });

  it('says what is wrong with a row: no body chosen, the same body twice, no source', () => {
    const result = policyOf([
      { body: 'maykop', all: false, sources: ['vk'] },
      { body: '', all: true, sources: [] },
      { body: 'maykop', all: true, sources: [] },
      { body: 'giaginsky', all: false, sources: [] },
    ]);
    expect(result.ok).toBe(false);
    expect(!result.ok && [...result.problems]).toEqual([
      [1, 'noBody'],
      [2, 'duplicate'],
      [3, 'noSources'],
    ]);
  });

  it('an empty list is the default: every reply is published at once', () => {
    expect(policyOf([])).toEqual({ ok: true, policy: { rules: {} } });
  });
});
