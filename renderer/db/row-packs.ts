import { OPEN_STATUSES, type Appeal } from '../../shared/domain';
import type { OtklikDb } from './schema';

/**
 * The closed appeals' rows that the first download brings, 25 to one stored record.
 *
 * A region's replica is mostly closed appeals, and IndexedDB costs per record: 92,000 rows written
 * one to a record took 20 s of a 100,000-appeal download, a hundred to a record under one
 * (BENCHMARKS.md «What an appeal row's stored shape costs»). The rows are read whole anyway: the
 * queue, search and the supervisors' views work from the in-memory index (ui/queue/replica-index.ts).
 *
 * A row in the `appeals` table supersedes its packed copy. A pack is written only with rows the
 * table does not have, and left as it is afterwards: a pulled row simply goes to the table, and a
 * local change copies the packed row there first (`unpackRows`). Rewriting the pack would tell
 * every observer of the packs (the queue's index, analytics, search) that a whole pack changed.
 * Only an appeal that leaves the scope is taken out of its pack (`dropPackedRows`).
 *
 * Only a row no indexed query looks for is packed: closed (the queues read open statuses through
 * the table's indexes) and in no problem (a problem's card reads by problemId). A reader by id goes
 * through `appealsByIds`, a reader of every row through `eachAppealChunk`.
 */
export interface RowPack {
  /** The first appeal id of the rows it was written from. */
  id: string;
  /** Which appeals it holds (indexed, multi-entry). */
  ids: string[];
  appeals: Appeal[];
}

/** An appeal opened reads its row's whole pack: 25 rows of about 800 bytes. */
export const ROW_PACK_SIZE = 25;

const OPEN = new Set<string>(OPEN_STATUSES);

export function isPackableRow(row: Appeal): boolean {
  return !OPEN.has(row.status) && !row.problemId;
}

/** Stores rows (absent from the `appeals` table, packable) ROW_PACK_SIZE to a record. */
export async function putRowPacks(db: OtklikDb, rows: readonly Appeal[]): Promise<void> {
  const packs: RowPack[] = [];
  for (let i = 0; i < rows.length; i += ROW_PACK_SIZE) {
    const chunk = rows.slice(i, i + ROW_PACK_SIZE);
    packs.push({ id: chunk[0]!.id, ids: chunk.map((a) => a.id), appeals: chunk });
  }
  if (packs.length) await db.rowPacks.bulkPut(packs);
}

async function packsHolding(db: OtklikDb, ids: readonly string[]): Promise<RowPack[]> {
  if (ids.length === 0) return [];
  if (ids.length === 1) return db.rowPacks.where('ids').equals(ids[0]!).toArray();
  return db.rowPacks.where('ids').anyOf([...ids]).distinct().toArray();
}

/** The rows of these appeals, in order (undefined where the replica has none): the table first, then the packs. */
export async function appealsByIds(db: OtklikDb, ids: readonly string[]): Promise<Array<Appeal | undefined>> {
  const rows = await db.appeals.bulkGet([...ids]);
  const missing = ids.filter((_id, i) => rows[i] === undefined);
  if (missing.length === 0) return rows;
  const wanted = new Set(missing);
  const found = new Map<string, Appeal>();
  for (const pack of await packsHolding(db, missing)) for (const a of pack.appeals) if (wanted.has(a.id)) found.set(a.id, a);
  return rows.map((row, i) => row ?? found.get(ids[i]!));
}

/** One appeal's row: the table and the packs asked at once, as an opened appeal waits for both during a download. */
export async function appealById(db: OtklikDb, id: string): Promise<Appeal | undefined> {
  const [row, pack] = await Promise.all([db.appeals.get(id), db.rowPacks.where('ids').equals(id).first()]);
  return row ?? pack?.appeals.find((a) => a.id === id);
}

/** These appeals' rows that are here, wherever kept. */
export async function presentAppeals(db: OtklikDb, ids: readonly string[]): Promise<Appeal[]> {
  return (await appealsByIds(db, ids)).filter((a): a is Appeal => a !== undefined);
}

/** Copies these appeals' packed rows into the table (a local change is written over them there). */
export async function unpackRows(db: OtklikDb, ids: Iterable<string>): Promise<void> {
  const list = [...new Set(ids)];
  if (list.length === 0) return;
  const inTable = await db.appeals.bulkGet(list);
  const missing = list.filter((_id, i) => inTable[i] === undefined);
  if (missing.length === 0) return;
  const wanted = new Set(missing);
  const copies = (await packsHolding(db, missing)).flatMap((p) => p.appeals.filter((a) => wanted.has(a.id)));
  if (copies.length) await db.appeals.bulkPut(copies);
}

/** Takes these appeals (which left the scope) out of their packs. */
export async function dropPackedRows(db: OtklikDb, ids: readonly string[]): Promise<void> {
  const gone = new Set(ids);
  for (const pack of await packsHolding(db, ids)) {
    const kept = pack.appeals.filter((a) => !gone.has(a.id));
    if (kept.length === 0) await db.rowPacks.delete(pack.id);
    else await db.rowPacks.put({ id: pack.id, ids: kept.map((a) => a.id), appeals: kept });
  }
}

/**
 * Every row of the replica, a chunk at a time: the table's in key order, then the packs' (those
 * the table does not supersede). Resolves to false when `between` (called between chunks) says stop.
 */
export async function eachAppealChunk(db: OtklikDb, chunkSize: number, each: (rows: Appeal[]) => void | Promise<void>, between?: () => Promise<boolean>): Promise<boolean> {
  const inTable = new Set<string>();
  let last: string | null = null;
  for (;;) {
    const chunk: Appeal[] = await (last === null ? db.appeals.limit(chunkSize) : db.appeals.where(':id').above(last).limit(chunkSize)).toArray();
    for (const a of chunk) inTable.add(a.id);
    await each(chunk);
    if (chunk.length < chunkSize) break;
    last = chunk.at(-1)!.id;
    if (between && !(await between())) return false;
  }
  if (between && !(await between())) return false;
  return eachPackedRowChunk(db, Math.max(1, Math.round(chunkSize / ROW_PACK_SIZE)), (rows) => each(inTable.size === 0 ? rows : rows.filter((a) => !inTable.has(a.id))), between);
}

/**
 * Every packed row, a few packs at a time, whether or not the table supersedes it; resolves to
 * false when `between` (called between chunks) says stop.
 */
export async function eachPackedRowChunk(db: OtklikDb, packsPerChunk: number, each: (rows: Appeal[]) => void | Promise<void>, between?: () => Promise<boolean>): Promise<boolean> {
  let after: string | null = null;
  for (;;) {
    const packs: RowPack[] = await (after === null ? db.rowPacks.limit(packsPerChunk) : db.rowPacks.where(':id').above(after).limit(packsPerChunk)).toArray();
    const rows = packs.flatMap((p) => p.appeals);
    if (rows.length > 0) await each(rows);
    if (packs.length < packsPerChunk) return true;
    after = packs.at(-1)!.id;
    if (between && !(await between())) return false;
  }
}

/** Every row of the replica (tests, and what needs the whole scope at once). */
export async function allAppeals(db: OtklikDb): Promise<Appeal[]> {
  const all: Appeal[] = [];
  await eachAppealChunk(db, 5000, (rows) => void all.push(...rows));
  return all;
}

/** The ids of every appeal in the replica, without reading a row. */
export async function allAppealIds(db: OtklikDb): Promise<string[]> {
  const [table, packed] = await Promise.all([db.appeals.toCollection().primaryKeys(), db.rowPacks.orderBy('ids').keys()]);
  return [...new Set([...table, ...(packed as string[])])];
}

/** How many appeals the replica holds. */
export async function appealCount(db: OtklikDb): Promise<number> {
  return (await allAppealIds(db)).length;
}

/**
 * A figure that changes whenever rows are added, removed or copied out of a pack (not exact: a
 * copied row counts twice); cheap, for telling whether the replica changed.
 */
export async function appealRecordCount(db: OtklikDb): Promise<number> {
  const [table, packed] = await Promise.all([db.appeals.count(), db.rowPacks.orderBy('ids').count()]);
  return table + packed;
}
