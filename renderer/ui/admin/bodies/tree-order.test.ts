import { describe, expect, it } from 'vitest';
import type { Body } from '../../../../shared/bodies';
import { treeOrder } from './tree-order';

describe('the bodies in tree order', () => {
  it('puts each body right after its parent, one level deeper, in the region’s order', () => {
    const bodies: Body[] = [
      { id: 'cur', name: 'ЦУР', kind: 'cur', parentId: null },
      { id: 'giaginsky', name: 'Гиагинский район', kind: 'municipality', parentId: 'cur' },
      { id: 'minzdrav', name: 'Минздрав', kind: 'ministry', parentId: 'cur' },
      { id: 'giaginsky.1', name: 'Администрация ст. Дондуковская', kind: 'settlement', parentId: 'giaginsky' },
    ];
    expect(treeOrder(bodies).map((r) => [r.body.id, r.depth])).toEqual([
      ['cur', 0],
      ['giaginsky', 1],
      ['giaginsky.1', 2],
      ['minzdrav', 1],
    ]);
  });

  it('keeps a body whose parent is unknown, or that sits in a cycle, instead of dropping it', () => {
    const bodies: Body[] = [
      { id: 'cur', name: 'ЦУР', kind: 'cur', parentId: null },
      { id: 'a', name: 'A', kind: 'agency', parentId: 'b' },
      { id: 'b', name: 'B', kind: 'agency', parentId: 'a' },
    ];
    expect(treeOrder(bodies).map((r) => r.body.id)).toEqual(['cur', 'a', 'b']);
  });
});
