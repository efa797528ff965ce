import { RangeSet, type IntervalTree } from 'dexie';

/**
 * The primary keys of one table that a committed write changed (from Dexie's storagemutated
 * event), or 'all' when Dexie recorded a range (a bulk write, a clear), or null for none.
 * The in-memory indexes of the replica follow writes with it.
 */
export function changedKeys(tree: IntervalTree | undefined): string[] | 'all' | null {
  if (!tree || !('from' in tree)) return null;
  const keys: string[] = [];
  for (const node of RangeSet(tree)) {
    if (typeof node.from !== 'string' || node.from !== node.to) return 'all';
    keys.push(node.from);
  }
  return keys;
}
