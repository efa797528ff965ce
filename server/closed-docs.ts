import { OPEN_STATUSES } from '../shared/domain';
import { UNSETTLED_DELIVERY_STATES, UNSETTLED_REPLY_STATES } from '../shared/snapshot';
import type { Db } from './db/types';
import { startPeriodic } from './periodic';

/**
 * The closed appeals' docs: each closed appeal's thread as the JSON text the first download's
 * `threads` phase sends (shared/snapshot-lines.ts, migration 210-thread-docs), and its row as the
 * `rows` phase sends it (migration 211-row-docs), built once rather than for every workstation that
 * downloads them. A write makes its doc stale (the migrations' triggers); this fills the stale and
 * missing ones, a batch at a time, on a timer, and the download builds any still missing as it goes
 * (server/snapshot.ts).
 */

const list = (items: readonly string[]) => `ARRAY[${items.map((s) => `'${s}'`).join(',')}]::text[]`;
/** The open statuses as an SQL text[] (a closed appeal's status is not among them). */
export const OPEN_SQL = list(OPEN_STATUSES);

/**
 * SQL for the doc's parts of appeal `${id}` (an expression naming an appeal id), assembled from
 * the tables. JSON text holds no raw line break but json_agg may put one between elements; each
 * line of the lines format must be one value, so breaks are taken out.
 */
export function docPartsSql(id: string): { core: string; deliveries: string; repliesSettled: string; deliveriesSettled: string } {
  const agg = (fn: string, table: string, alias: string, order: string) =>
    `replace(COALESCE((SELECT json_agg(${fn}(${alias}) ORDER BY ${order}) FROM ${table} ${alias} WHERE ${alias}.appeal_id = ${id}), '[]'::json)::text, E'\\n', '')`;
  return {
    core: `'"replies":' || ${agg('reply_json', 'replies', 'r', 'r.created_at, r.id')} || ',"notes":' || ${agg('note_json', 'notes', 'n', 'n.created_at, n.id')} || ',"events":' || ${agg('event_json', 'events', 'e', 'e.at, e.version, e.id')}`,
    deliveries: agg('delivery_json', 'deliveries', 'd', 'd.created_at, d.id'),
    repliesSettled: `NOT EXISTS (SELECT 1 FROM replies r WHERE r.appeal_id = ${id} AND r.state = ANY(${list(UNSETTLED_REPLY_STATES)}))`,
    deliveriesSettled: `NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.appeal_id = ${id} AND d.state = ANY(${list(UNSETTLED_DELIVERY_STATES)}))`,
  };
}

/** How many docs one statement fills: a few seconds of work at most on PGlite. */
export const CLOSED_DOC_BATCH = 2000;

/**
 * Assembles the docs of up to `batch` closed appeals that have none or a stale one. A doc is
 * written only over the generation it was read at: a thread written meanwhile keeps its doc
 * stale. Resolves to how many were written.
 */
export async function fillThreadDocs(db: Pick<Db, 'query'>, batch = CLOSED_DOC_BATCH): Promise<number> {
  const p = docPartsSql('t.id');
  const result = await db.query<{ n: string }>(
    `WITH todo AS (
       SELECT a.id, COALESCE(td.gen, 0) AS gen FROM appeals a LEFT JOIN thread_docs td ON td.appeal_id = a.id
       WHERE NOT (a.status = ANY(${OPEN_SQL})) AND td.core IS NULL
       ORDER BY a.id LIMIT $1::int
     ), written AS (
       INSERT INTO thread_docs (appeal_id, gen, core, deliveries, replies_settled, deliveries_settled)
       SELECT t.id, t.gen, ${p.core}, ${p.deliveries}, ${p.repliesSettled}, ${p.deliveriesSettled} FROM todo t
       ON CONFLICT (appeal_id) DO UPDATE
         SET core = EXCLUDED.core, deliveries = EXCLUDED.deliveries, replies_settled = EXCLUDED.replies_settled, deliveries_settled = EXCLUDED.deliveries_settled
         WHERE thread_docs.gen = EXCLUDED.gen
       RETURNING 1
     )
     SELECT count(*)::text AS n FROM written`,
    [batch],
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** The rows of up to `batch` closed appeals whose doc is missing or stale, as fillThreadDocs. */
export async function fillRowDocs(db: Pick<Db, 'query'>, batch = CLOSED_DOC_BATCH): Promise<number> {
  const result = await db.query<{ n: string }>(
    `WITH todo AS (
       SELECT a.id, COALESCE(rd.gen, 0) AS gen, appeal_json(a)::text AS json FROM appeals a LEFT JOIN row_docs rd ON rd.appeal_id = a.id
       WHERE NOT (a.status = ANY(${OPEN_SQL})) AND rd.json IS NULL
       ORDER BY a.id LIMIT $1::int
     ), written AS (
       INSERT INTO row_docs (appeal_id, gen, json) SELECT t.id, t.gen, t.json FROM todo t
       ON CONFLICT (appeal_id) DO UPDATE SET json = EXCLUDED.json WHERE row_docs.gen = EXCLUDED.gen
       RETURNING 1
     )
     SELECT count(*)::text AS n FROM written`,
    [batch],
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** Fills batches until none is left (the demo seed, so that its region starts as a settled one). */
export async function fillAllClosedDocs(db: Pick<Db, 'query'>): Promise<number> {
  let total = 0;
  for (const fill of [fillThreadDocs, fillRowDocs]) {
    for (;;) {
      const n = await fill(db);
      total += n;
      if (n < CLOSED_DOC_BATCH) break;
    }
  }
  return total;
}

export const CLOSED_DOC_INTERVAL_MS = 30_000;

/**
 * On a timer: the docs of appeals closed (or written to) since the last run. Idempotent, so
 * several server processes may run it; a run fills at most ten batches and leaves the rest to the
 * next, so the timer never holds the database for long.
 */
export function startClosedDocs(db: Db, intervalMs: number, onError: (err: unknown) => void): () => void {
  return startPeriodic(
    async () => {
      for (const fill of [fillThreadDocs, fillRowDocs]) for (let i = 0; i < 10; i++) if ((await fill(db)) < CLOSED_DOC_BATCH) break;
    },
    Math.min(2_000, intervalMs),
    intervalMs,
    onError,
  );
}
