import type { Entity } from '../shared/protocol';
import type { Db, Queryable } from './db/types';

/** Channel of the commit-time NOTIFY that drives the live pokes. */
export const CHANGES_CHANNEL = 'otklik_changes';

export interface ChangeNotice {
  /** The transaction's first seq (its seqs run from first to seq); absent from older senders. */
  first?: number;
  seq: number;
  /** Scopes touched by the transaction; null when there were too many to list (poke everybody). */
  scopes: string[] | null;
}

interface PendingChange {
  entity: Entity;
  id: string;
  op: 'upsert' | 'delete';
  scope: string;
  leave: boolean;
}

/**
 * The change rows a transaction will append. Upserts carry no data here: it is read from the
 * tables when the rows are written at the end of the transaction, so it is the committed state.
 */
export class ChangeSet {
  private readonly items = new Map<string, PendingChange>();

  upsert(entity: Entity, id: string, scope: string): void {
    this.add({ entity, id, op: 'upsert', scope, leave: false });
  }

  /** The record left `scope` (the appeal moved to another municipality): its clients delete it. */
  leave(entity: Entity, id: string, scope: string): void {
    this.add({ entity, id, op: 'delete', scope, leave: true });
  }

  /** The record is gone for good (a deleted template): every client of the scope deletes it. */
  remove(entity: Entity, id: string, scope: string): void {
    this.add({ entity, id, op: 'delete', scope, leave: false });
  }

  get size(): number {
    return this.items.size;
  }

  list(): PendingChange[] {
    return [...this.items.values()];
  }

  private add(change: PendingChange): void {
    const key = `${change.entity}\u0000${change.id}\u0000${change.op}\u0000${change.scope}`;
    // Recorded again later in the same transaction: one row, at the later position.
    this.items.delete(key);
    this.items.set(key, change);
  }
}

const MAX_NOTIFY_SCOPES = 200;

/**
 * Appends the change rows, the last thing before COMMIT. Bumping the single change_seq row takes
 * its row lock until commit, so the next writer gets its seqs only after this one is visible:
 * seqs become visible in commit order and a `seq > cursor` pull never skips one. The NOTIFY is
 * delivered by PostgreSQL at commit, to every server process listening.
 */
export async function flushChanges(q: Queryable, changes: ChangeSet): Promise<number | null> {
  const items = await withFollowers(q, changes.list());
  if (items.length === 0) return null;
  const rows = items.map((c, i) => ({ ord: i + 1, entity: c.entity, id: c.id, op: c.op, scope: c.scope, leave: c.leave }));
  const scopes = [...new Set(items.map((c) => c.scope))];
  const res = await q.query<{ seq: number }>(
    /* sql */ `
    WITH alloc AS (
      UPDATE change_seq SET last = last + $2 WHERE id = 1 RETURNING last - $2 AS base
    ), ins AS (
      INSERT INTO changes (seq, entity, entity_id, op, scope, leave, data)
      SELECT alloc.base + x.ord, x.entity, x.id, x.op, x.scope, x.leave,
        CASE WHEN x.op = 'delete' THEN NULL
          WHEN x.entity = 'appeal' THEN (SELECT appeal_json(t) FROM appeals t WHERE t.id = x.id)
          WHEN x.entity = 'reply' THEN (SELECT reply_json(t) FROM replies t WHERE t.id = x.id)
          WHEN x.entity = 'note' THEN (SELECT note_json(t) FROM notes t WHERE t.id = x.id)
          WHEN x.entity = 'event' THEN (SELECT event_json(t) FROM events t WHERE t.id = x.id)
          WHEN x.entity = 'template' THEN (SELECT template_json(t) FROM templates t WHERE t.id = x.id)
          WHEN x.entity = 'user' THEN (SELECT user_json(t) FROM users t WHERE t.id = x.id)
          WHEN x.entity = 'municipality' THEN (SELECT municipality_json(t) FROM municipalities t WHERE t.id = x.id)
          WHEN x.entity = 'delivery' THEN (SELECT delivery_json(t) FROM deliveries t WHERE t.id = x.id)
          WHEN x.entity = 'body' THEN (SELECT body_json(t) FROM bodies t WHERE t.id = x.id)
          WHEN x.entity = 'problem' THEN (SELECT problem_json(t) FROM problems t WHERE t.id = x.id)
          WHEN x.entity = 'post' THEN (SELECT post_json(t) FROM posts t WHERE t.id = x.id)
        END
      FROM alloc, json_to_recordset($1::json) AS x(ord int, entity text, id text, op text, scope text, leave boolean)
      RETURNING seq
    )
    SELECT max(seq) AS seq, pg_notify($3, json_build_object('first', min(seq), 'seq', max(seq), 'scopes', $4::json)::text)
    FROM ins`,
    [JSON.stringify(rows), rows.length, CHANGES_CHANNEL, JSON.stringify(scopes.length > MAX_NOTIFY_SCOPES ? null : scopes)],
  );
  return res.rows[0]?.seq ?? null;
}

const APPEAL_FAMILY = new Set<Entity>(['appeal', 'reply', 'note', 'event']);

/**
 * Each upsert of an appeal, or of its replies, notes and history, written for the appeal's body
 * is written as well for every body that forwarded it and follows it (appeal_followers), right
 * after it. Deletes are not: a follower keeps what it had.
 */
async function withFollowers(q: Queryable, items: PendingChange[]): Promise<PendingChange[]> {
  const candidates = items.map((c, ord) => ({ ord, entity: c.entity, id: c.id })).filter((c, i) => APPEAL_FAMILY.has(c.entity) && items[i]!.op === 'upsert' && items[i]!.scope.startsWith('m:'));
  if (candidates.length === 0) return items;
  const res = await q.query<{ ord: number; body_id: string }>(
    `SELECT x.ord, f.body_id FROM json_to_recordset($1::json) AS x(ord int, entity text, id text)
     JOIN appeal_followers f ON f.appeal_id = CASE x.entity WHEN 'appeal' THEN x.id
       WHEN 'reply' THEN (SELECT appeal_id FROM replies WHERE id = x.id)
       WHEN 'note' THEN (SELECT appeal_id FROM notes WHERE id = x.id)
       WHEN 'event' THEN (SELECT appeal_id FROM events WHERE id = x.id) END
     WHERE EXISTS (SELECT 1 FROM appeal_followers)`,
    [JSON.stringify(candidates)],
  );
  if (res.rows.length === 0) return items;
  const extra = new Map<number, string[]>();
  for (const r of res.rows) extra.set(r.ord, [...(extra.get(r.ord) ?? []), `m:${r.body_id}`]);
  return items.flatMap((c, ord) => [c, ...(extra.get(ord) ?? []).filter((scope) => scope !== c.scope).map((scope) => ({ ...c, scope }))]);
}

export interface WriteOptions {
  /** Test hook: runs after the change rows are written, before COMMIT. */
  beforeCommit?: () => Promise<void>;
}

/** A writing transaction: `fn` records its changes; they are appended just before COMMIT. */
export function writeTx<T>(db: Db, fn: (q: Queryable, changes: ChangeSet) => Promise<T>, options?: WriteOptions): Promise<T> {
  return db.tx(async (q) => {
    const changes = new ChangeSet();
    const result = await fn(q, changes);
    await flushChanges(q, changes);
    if (options?.beforeCommit) await options.beforeCommit();
    return result;
  });
}

export async function currentSeq(q: Queryable): Promise<number> {
  const res = await q.query<{ last: number }>('SELECT last FROM change_seq WHERE id = 1');
  return Number(res.rows[0]?.last ?? 0);
}
