import type { IntervalTree, IntervalTreeNode, ObservabilitySet } from 'dexie';

/**
 * Which appeals a committed write touched, from Dexie's storage-mutation notice (the one its live
 * queries run on). Dexie names single keys for small writes and the whole table for big ones
 * (50 records or more, a clear): then `all` is true and everything must be read again.
 */
export interface Touched {
  all: boolean;
  ids: string[];
}

function walk(node: IntervalTree | null | undefined, out: Touched): void {
  if (!node || !('from' in node)) return;
  const n = node as IntervalTreeNode;
  if (typeof n.from !== 'string' || n.from !== n.to) {
    out.all = true;
    return;
  }
  out.ids.push(n.from);
  walk(n.l, out);
  walk(n.r, out);
}

/** null when the write did not touch this table. */
export function touchedKeys(parts: ObservabilitySet, dbName: string, table: string): Touched | null {
  const tree = parts[`idb://${dbName}/${table}/`];
  if (!tree) return null;
  const out: Touched = { all: false, ids: [] };
  walk(tree, out);
  return out.all || out.ids.length > 0 ? out : null;
}
