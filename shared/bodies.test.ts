import { describe, expect, it } from 'vitest';
import { BodyTree, mayHangUnder, ROOT_BODY_ID, userBodyId, type Body } from './bodies';

const bodies: Body[] = [
  { id: 'cur', name: 'ЦУР Республики Адыгея', kind: 'cur', parentId: null },
  { id: 'minzdrav', name: 'Министерство здравоохранения Республики Адыгея', kind: 'ministry', parentId: 'cur' },
  { id: 'vet', name: 'Управление ветеринарии Республики Адыгея', kind: 'agency', parentId: 'cur' },
  { id: 'maykop', name: 'Майкоп', kind: 'municipality', parentId: 'cur' },
  { id: 'giaginsky', name: 'Гиагинский район', kind: 'municipality', parentId: 'cur' },
  { id: 'giaginsky.dondukovskaya', name: 'Администрация ст. Дондуковская', kind: 'settlement', parentId: 'giaginsky' },
  { id: 'giaginsky.kelermesskaya', name: 'Администрация ст. Келермесская', kind: 'settlement', parentId: 'giaginsky' },
];
const tree = new BodyTree(bodies);

describe('the body tree', () => {
  it('lists ancestors parent first, up to the ЦУР', () => {
    expect(tree.ancestors('giaginsky.dondukovskaya').map((b) => b.id)).toEqual(['giaginsky', 'cur']);
    expect(tree.ancestors('cur')).toEqual([]);
    expect(tree.ancestors('unknown')).toEqual([]);
  });

  it('lists descendants: a district has its settlements, the ЦУР has everything, a settlement nothing', () => {
    expect(tree.descendants('giaginsky').map((b) => b.id).sort()).toEqual(['giaginsky.dondukovskaya', 'giaginsky.kelermesskaya']);
    expect(tree.descendants('cur')).toHaveLength(bodies.length - 1);
    expect(tree.descendants('giaginsky.dondukovskaya')).toEqual([]);
    expect(tree.scopeOf('giaginsky')).toEqual(['giaginsky', 'giaginsky.dondukovskaya', 'giaginsky.kelermesskaya']);
  });

  it('says whether one body is within the scope of another', () => {
    expect(tree.isWithin('giaginsky.dondukovskaya', 'giaginsky')).toBe(true);
    expect(tree.isWithin('giaginsky.dondukovskaya', 'cur')).toBe(true);
    expect(tree.isWithin('giaginsky', 'giaginsky')).toBe(true);
    expect(tree.isWithin('giaginsky', 'giaginsky.dondukovskaya')).toBe(false);
    expect(tree.isWithin('maykop', 'giaginsky')).toBe(false);
    expect(tree.isWithin('minzdrav', 'maykop')).toBe(false);
  });

  it('finds the municipality of a settlement, and none for a ministry', () => {
    expect(tree.municipalityOf('giaginsky.kelermesskaya')?.id).toBe('giaginsky');
    expect(tree.municipalityOf('maykop')?.id).toBe('maykop');
    expect(tree.municipalityOf('minzdrav')).toBeNull();
  });

  it('survives a broken tree with a cycle instead of looping', () => {
    const broken = new BodyTree([
      { id: 'a', name: 'A', kind: 'municipality', parentId: 'b' },
      { id: 'b', name: 'B', kind: 'municipality', parentId: 'a' },
    ]);
    expect(broken.ancestors('a').map((b) => b.id)).toEqual(['b']);
    expect(broken.descendants('a').map((b) => b.id)).toEqual(['b']);
  });

  it('keeps the shape: ministries and municipalities under the ЦУР, settlements under a municipality', () => {
    expect(mayHangUnder('cur', null)).toBe(true);
    expect(mayHangUnder('ministry', 'cur')).toBe(true);
    expect(mayHangUnder('agency', 'ministry')).toBe(true);
    expect(mayHangUnder('settlement', 'municipality')).toBe(true);
    expect(mayHangUnder('settlement', 'ministry')).toBe(false);
    expect(mayHangUnder('municipality', null)).toBe(false);
    expect(mayHangUnder('cur', 'cur')).toBe(false);
  });

  it('places a user without a body (the region, as before bodies) at the ЦУР', () => {
    expect(userBodyId({ municipalityId: null })).toBe(ROOT_BODY_ID);
    expect(userBodyId({ municipalityId: 'maykop' })).toBe('maykop');
  });
});
