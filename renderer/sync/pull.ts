import type { Appeal, AppealEvent } from '../../shared/domain';
import type { Change, Entity, PullResponse } from '../../shared/protocol';
import { ENTITY_TABLES, REPLICA_TABLES, type History, type OtklikDb } from '../db/schema';
import { bulkPutKeyed } from '../db/keyed-write';
import { dropPackedThreads, unpackThreads } from '../db/thread-packs';
import { dropPackedRows } from '../db/row-packs';
import { META, getCursor, getMeta, setMeta } from '../db/meta';
import { foldEntries, pendingAppealEffects } from './local-effects';
import { ProtocolError } from './api';

/** The server's largest pages: a bootstrap of 100,000 appeals with their threads (850,000 changes) is 171 round trips and transactions. */
export const BOOTSTRAP_PAGE_LIMIT = 5000;

interface Grouped {
  puts: Map<Entity, unknown[]>;
  deletes: Map<Entity, string[]>;
}

/**
 * Splits a page into puts and deletes per entity. When one record changes twice within a page the
 * later change wins; the common case (each id once) costs one Map insert per change.
 */
export function groupChanges(changes: readonly Change[]): Grouped {
  const last = new Map<Entity, Map<string, Change>>();
  for (const change of changes) {
    let byId = last.get(change.entity);
    if (!byId) last.set(change.entity, (byId = new Map()));
    if (byId.has(change.id)) byId.delete(change.id);
    byId.set(change.id, change);
  }
  const puts = new Map<Entity, unknown[]>();
  const deletes = new Map<Entity, string[]>();
  for (const [entity, byId] of last) {
    const p: unknown[] = [];
    const d: string[] = [];
    for (const change of byId.values()) {
      if (change.op === 'upsert') p.push(change.data);
      else d.push(change.id);
    }
    if (p.length) puts.set(entity, p);
    if (d.length) deletes.set(entity, d);
  }
  return { puts, deletes };
}

/**
 * Writes one pulled page, the new cursor and the pending outbox effects re-applied on top of the
 * server rows, in ONE transaction: an interrupted sync resumes from a cursor that matches the data.
 * With `from` (the cursor the page was asked for), a page is written only over the replica it
 * continues: when another window of this profile has moved the cursor meanwhile, it resolves to
 * false and writes nothing (an older page would put older rows over newer ones).
 */
export interface WritePageOptions {
  /** The cursor the page was asked for: the page is written only over the replica it continues. */
  from?: number;
  /**
   * With `from`: the appeals that have a history in the replica at `from` (kept current here).
   * Histories of other appeals are not read before appending: on a bootstrap that is one
   * IndexedDB read per appeal saved, a sixth of the writer's time.
   */
  histories?: Set<string>;
}

export async function writePage(db: OtklikDb, page: PullResponse, options: WritePageOptions = {}): Promise<boolean> {
  const known = options.from !== undefined ? options.histories : undefined;
  const { puts, deletes } = groupChanges(page.changes);
  const tables = [...REPLICA_TABLES.map((t) => db.table(t)), db.outbox, db.meta];
  return db.transaction('rw', tables, async () => {
    if (options.from !== undefined && (await getCursor(db)) !== options.from) return false;
    const appealPuts = puts.get('appeal') as Appeal[] | undefined;
    const appealDeletes = deletes.get('appeal');
    if (appealPuts) await foldPending(db, appealPuts);
    // An appeal that left the scope leaves its packs; a packed thread this page writes to is copied
    // to the tables first (db/row-packs.ts, db/thread-packs.ts). A pulled row needs nothing: the
    // table's row supersedes a packed one.
    if (appealDeletes) await Promise.all([dropPackedRows(db, appealDeletes), dropPackedThreads(db, appealDeletes)]);
    if (appealDeletes || appealPuts) await noteLeftScope(db, appealDeletes ?? [], appealPuts ?? []);
    const moved = await unpackThreads(db, threadAppealsOf(puts));
    if (known) for (const id of moved) known.add(id);
    if (appealDeletes) {
      await db.shadows.bulkDelete(appealDeletes);
      // The appeal left this person's scope: its thread goes with it, except what they wrote
      // and have not yet sent (the outbox still holds it, and its row shows it until then).
      for (const table of [db.replies, db.notes]) {
        await table.where('appealId').anyOf(appealDeletes).filter((r) => !r.pending).delete();
      }
      await db.histories.bulkDelete(appealDeletes);
    }
    const events = puts.get('event') as AppealEvent[] | undefined;
    if (events) {
      // An appeal that left the scope in this page takes its whole history with it, including
      // events listed earlier in the page: their own deletes, which may come on the next page,
      // are not applied (a delete carries no appealId to find its history by).
      const gone = new Set(appealDeletes ?? []);
      const kept = gone.size > 0 ? events.filter((e) => !gone.has(e.appealId)) : events;
      if (kept.length > 0) await appendHistory(db, kept, known);
    }
    for (const [entity, rows] of puts) if (entity !== 'event') await bulkPutKeyed(db.table(ENTITY_TABLES[entity]), rows);
    // An event leaves only together with its appeal (whose delete above dropped the whole history);
    // a delete carries no appealId to find a lone one by.
    for (const [entity, ids] of deletes) if (entity !== 'event') await db.table(ENTITY_TABLES[entity]).bulkDelete(ids);
    await db.meta.put({ key: META.cursor, value: page.cursor });
    return true;
  });
}

/**
 * While the closed threads download, which appeals have left the scope (and which came back):
 * a thread read before its appeal left may be written after the log took the appeal away.
 */
async function noteLeftScope(db: OtklikDb, deleted: readonly string[], upserted: readonly Appeal[]): Promise<void> {
  const left = await getMeta<string[]>(db, META.leftScope);
  if (!left) return;
  const back = new Set(upserted.map((a) => a.id));
  await setMeta(db, META.leftScope, [...new Set([...left.filter((id) => !back.has(id)), ...deleted])]);
}

/** The appeals whose threads a page writes to. */
function threadAppealsOf(puts: Grouped['puts']): Set<string> {
  const ids = new Set<string>();
  for (const entity of ['event', 'reply', 'note', 'delivery'] as const) {
    for (const row of (puts.get(entity) ?? []) as Array<{ appealId: string }>) ids.add(row.appealId);
  }
  return ids;
}

/**
 * The server's appeal rows, with this workstation's pending changes on top: the server's own row
 * goes to `shadows` while an outbox entry still changes it (and leaves once none does). In place.
 */
async function foldPending(db: OtklikDb, appealPuts: Appeal[]): Promise<void> {
  const [effects, shadowIds] = await Promise.all([pendingAppealEffects(db), db.shadows.toCollection().primaryKeys()]);
  if (effects.size === 0 && shadowIds.length === 0) return;
  const shadowed = new Set(shadowIds);
  const shadowPuts: Appeal[] = [];
  const shadowDeletes: string[] = [];
  for (let i = 0; i < appealPuts.length; i++) {
    const row = appealPuts[i]!;
    const pending = effects.get(row.id);
    if (pending) {
      shadowPuts.push(row);
      appealPuts[i] = foldEntries(row, pending);
    } else if (shadowed.has(row.id)) {
      shadowDeletes.push(row.id);
    }
  }
  if (shadowPuts.length) await db.shadows.bulkPut(shadowPuts);
  if (shadowDeletes.length) await db.shadows.bulkDelete(shadowDeletes);
}

/** Stores the server's appeal rows (inside the caller's transaction), pending changes on top. */
export async function putServerAppeals(db: OtklikDb, rows: Appeal[]): Promise<void> {
  await foldPending(db, rows);
  await bulkPutKeyed(db.appeals, rows);
}

/** Oldest first; ties (one transaction) by id so the order is stable. */
function byTime(a: AppealEvent, b: AppealEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.version - b.version || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Merges pulled events into their appeals' histories: one write per appeal, and one read per
 * appeal that may already have a history (every one, unless `known` lists those that have).
 */
async function appendHistory(db: OtklikDb, events: AppealEvent[], known?: Set<string>): Promise<void> {
  const groups = new Map<string, AppealEvent[]>();
  for (const e of events) {
    const group = groups.get(e.appealId);
    if (group) group.push(e);
    else groups.set(e.appealId, [e]);
  }
  const ids = [...groups.keys()];
  const toRead = known ? ids.filter((id) => known.has(id)) : ids;
  const read = toRead.length > 0 ? await db.histories.bulkGet(toRead) : [];
  const existing = new Map<string, History>();
  read.forEach((h, i) => h && existing.set(toRead[i]!, h));
  if (known) for (const id of ids) known.add(id);
  const docs = ids.map((appealId) => {
    const incoming = groups.get(appealId)!;
    const before = existing.get(appealId);
    // An appeal first seen with its 'received' event has its history whole from the log.
    if (!before) return { appealId, events: incoming.sort(byTime), ...(incoming.some((e) => e.kind === 'received') ? { complete: true } : {}) };
    const byId = new Map(before.events.map((e) => [e.id, e]));
    for (const e of incoming) byId.set(e.id, e);
    return { ...before, events: [...byId.values()].sort(byTime) };
  });
  await db.histories.bulkPut(docs);
}

export interface PullProgress {
  pages: number;
  changes: number;
  cursor: number;
}

export type FetchPage = (cursor: number, limit: number) => Promise<PullResponse>;

/**
 * Pulls from the stored cursor until the server says there is no more. The next page is fetched
 * while the current one is written, so the network and IndexedDB work at the same time.
 */
export async function pullAll(
  db: OtklikDb,
  fetchPage: FetchPage,
  options: { limit?: number; onPage?: (progress: PullProgress) => void } = {},
): Promise<PullProgress> {
  const limit = options.limit ?? BOOTSTRAP_PAGE_LIMIT;
  const progress: PullProgress = { pages: 0, changes: 0, cursor: await getCursor(db) };
  // A replica at cursor 0 has no histories (only pages write them, moving the cursor in the same
  // transaction). While our pages follow one another, the histories are those they wrote.
  let histories: Set<string> | undefined = progress.cursor === 0 ? new Set() : undefined;
  let next: Promise<PullResponse> | null = fetchPage(progress.cursor, limit);
  let overtaken = 0;
  while (next) {
    const page: PullResponse = await next;
    next = null;
    if (page.hasMore && page.cursor <= progress.cursor) {
      // A server that says "more" without moving the cursor would keep us here forever.
      throw new ProtocolError(`Pull cursor did not advance past ${progress.cursor}`);
    }
    if (page.hasMore) {
      next = fetchPage(page.cursor, limit);
      // Surfaced when awaited; without this a failed prefetch during a failed write goes unhandled.
      next.catch(() => undefined);
    }
    if (!(await writePage(db, page, { from: progress.cursor, histories }))) {
      // Another window wrote pages meanwhile: carry on from where it got to.
      histories = undefined;
      if (++overtaken > 100) throw new ProtocolError('Pull kept being overtaken by another window');
      progress.cursor = await getCursor(db);
      next = fetchPage(progress.cursor, limit);
      continue;
    }
    progress.pages++;
    progress.changes += page.changes.length;
    progress.cursor = page.cursor;
    options.onPage?.({ ...progress });
  }
  return progress;
}
