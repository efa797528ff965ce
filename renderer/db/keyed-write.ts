import type { Table } from 'dexie';

/**
 * Dexie reports a put of 50 rows or more to its change listeners as the whole table changed (its
 * observability middleware), and the replica's in-memory indexes then read all of it again: the
 * 100,000 appeals of a supervisor's workstation, and a rebuild of the search index, for a page of
 * sixty appeals reassigned in bulk. Put in slices below that, every row is reported by its key.
 * Called inside the caller's transaction, it is one write all the same.
 */
export const KEYED_SLICE = 49;

export async function bulkPutKeyed<T>(table: Table<T>, rows: readonly T[]): Promise<void> {
  const slices: Promise<unknown>[] = [];
  for (let i = 0; i < rows.length; i += KEYED_SLICE) slices.push(table.bulkPut(rows.slice(i, i + KEYED_SLICE)));
  await Promise.all(slices);
}
