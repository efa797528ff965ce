import type { Table } from 'dexie';

/**
 * Reading the records of many appeals at once through one key range rather than Dexie's `anyOf`,
 * which steps a cursor once per id: a round trip to IndexedDB each, 250 a query for a page of
 * the download, which made its writes slower than the writing. For ids that lie close together
 * (a download page is a run of consecutive appeal ids), the range holds little else, and that is
 * filtered out here.
 */
export interface IdSpan {
  lo: string;
  hi: string;
  ids: ReadonlySet<string>;
}

export function idSpan(ids: readonly string[]): IdSpan | null {
  if (ids.length === 0) return null;
  let lo = ids[0]!;
  let hi = lo;
  for (const id of ids) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  return { lo, hi, ids: new Set(ids) };
}

/** The records whose `index` (an id field, or ':id') is one of the span's ids. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any key and insert type: only `where` is used
export async function inSpan<T>(table: Table<T, any, any>, index: string, span: IdSpan | null, idOf: (row: T) => string): Promise<T[]> {
  if (!span) return [];
  const rows = await table.where(index).between(span.lo, span.hi, true, true).toArray();
  return rows.filter((row) => span.ids.has(idOf(row)));
}

/** The span's ids that are primary keys of `table`, without reading a record. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function keysInSpan(table: Table<any, any, any>, span: IdSpan | null): Promise<string[]> {
  if (!span) return [];
  const keys = (await table.where(':id').between(span.lo, span.hi, true, true).primaryKeys()) as string[];
  return keys.filter((k) => span.ids.has(k));
}

/**
 * The span's ids that packs (records with a multi-entry `ids` index: db/row-packs.ts,
 * db/thread-packs.ts) hold. Not by walking the index's keys: Dexie reads an index's own keys with
 * a cursor, a round trip per key, which took most of a download's thread writes. The packs' primary
 * keys come in one request, and the few packs in one more.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function packedInSpan(table: Table<{ ids: string[] }, any, any>, span: IdSpan | null): Promise<string[]> {
  if (!span) return [];
  const packIds = (await table.where('ids').between(span.lo, span.hi, true, true).primaryKeys()) as string[];
  if (packIds.length === 0) return [];
  const packs = await table.bulkGet([...new Set(packIds)]);
  return packs.flatMap((p) => (p ? p.ids.filter((id) => span.ids.has(id)) : []));
}
