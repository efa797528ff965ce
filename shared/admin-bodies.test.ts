import { describe, expect, it } from 'vitest';
import { createBodyRequestSchema, placementProblem, updateBodyRequestSchema } from './admin-bodies';
import type { Body } from './bodies';

const bodies: Body[] = [
  { id: 'cur', name: 'ЦУР', kind: 'cur', parentId: null },
  { id: 'minzdrav', name: 'Минздрав', kind: 'ministry', parentId: 'cur' },
  { id: 'vet', name: 'Управление ветеринарии', kind: 'agency', parentId: 'minzdrav' },
  { id: 'giaginsky', name: 'Гиагинский район', kind: 'municipality', parentId: 'cur' },
  { id: 'koshekhablsky', name: 'Кошехабльский район', kind: 'municipality', parentId: 'cur' },
  { id: 'giaginsky.1', name: 'Администрация ст. Дондуковская', kind: 'settlement', parentId: 'giaginsky' },
];

describe('placing a body in the tree', () => {
  it('lets a settlement move to another district and a new agency hang under a ministry', () => {
    expect(placementProblem(bodies, 'giaginsky.1', 'settlement', 'koshekhablsky')).toBeNull();
    expect(placementProblem(bodies, null, 'agency', 'minzdrav')).toBeNull();
    expect(placementProblem(bodies, 'vet', 'agency', 'cur')).toBeNull();
  });

  it('refuses a move under itself or under its own branch (a cycle)', () => {
    expect(placementProblem(bodies, 'minzdrav', 'ministry', 'minzdrav')).toBe('cycle');
    // An agency under the ministry cannot take the ministry under it: the kinds do not fit either,
    // but the cycle is what the administrator must hear first.
    expect(placementProblem(bodies, 'minzdrav', 'ministry', 'vet')).toBe('cycle');
    expect(placementProblem(bodies, 'giaginsky', 'municipality', 'giaginsky.1')).toBe('cycle');
  });

  it('refuses kinds that do not fit, an unknown parent, and moving the root', () => {
    expect(placementProblem(bodies, null, 'settlement', 'minzdrav')).toBe('kind');
    expect(placementProblem(bodies, 'minzdrav', 'ministry', 'giaginsky')).toBe('kind');
    expect(placementProblem(bodies, null, 'municipality', 'nowhere')).toBe('unknown_parent');
    expect(placementProblem(bodies, 'cur', 'cur', 'minzdrav')).toBe('root');
  });

  it('terminates on a broken tree that already has a cycle', () => {
    const broken: Body[] = [...bodies, { id: 'a', name: 'A', kind: 'agency', parentId: 'b' }, { id: 'b', name: 'B', kind: 'agency', parentId: 'a' }];
    expect(placementProblem(broken, 'vet', 'agency', 'a')).toBe('kind');
  });
});

describe('the requests', () => {
  it('refuses an empty name, a second root and a request that changes nothing', () => {
    expect(createBodyRequestSchema.safeParse({ name: '  ', kind: 'ministry', parentId: 'cur' }).success).toBe(false);
    expect(createBodyRequestSchema.safeParse({ name: 'ЦУР-2', kind: 'cur', parentId: 'cur' }).success).toBe(false);
    expect(createBodyRequestSchema.safeParse({ name: 'Минтранс', kind: 'ministry', parentId: 'cur' }).success).toBe(true);
    expect(updateBodyRequestSchema.safeParse({}).success).toBe(false);
    expect(updateBodyRequestSchema.safeParse({ name: 'Минтранс РА' }).success).toBe(true);
  });
});
