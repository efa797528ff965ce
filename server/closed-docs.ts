import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { OPEN_STATUSES } from '../shared/domain';
import { UNSETTLED_DELIVERY_STATES, UNSETTLED_REPLY_STATES } from '../shared/snapshot';
import type { Db } from './db/types';
import { startPeriodic } from './periodic';

/**
 * The closed appeals' docs: each closed appeal's thread as the gzip frame the first download's
 * `threads` phase sends (shared/thread-frames.ts, migrations 210-thread-docs and 212-thread-frames),
 * and its row as the `rows` phase sends it (migration 211-row-docs), built once rather than for
 * every workstation that downloads them. A write makes its doc stale (the migrations' triggers);
 * this fills the stale and missing ones, a batch at a time, on a timer, and the download builds any
 * still missing as it goes (server/snapshot.ts).
 */

const list = (items: readonly string[]) => `ARRAY[${items.map((s) => `'${s}'`).join(',')}]::text[]`;
/** The open statuses as an SQL text[] (a closed appeal's status is not among them). */
export const OPEN_SQL = list(OPEN_STATUSES);

/**
 * SQL for the doc's parts of appeal `${id}` (an expression naming an appeal id), assembled from
 * the tables. json_agg puts a line break between elements, which no reader needs: taken out.
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

/** SQL for the JSON text of appeal `${id}`'s Thread, with `deliveries` (an SQL JSON array) as its deliveries. */
export function threadTextSql(id: string, deliveries: string): string {
  return `'{"appealId":' || to_json(${id})::text || ',' || ${docPartsSql(id).core} || ',"deliveries":' || ${deliveries} || '}'`;
}

const gzipAsync = promisify(gzip);

/** A thread's JSON text as its frame (shared/thread-frames.ts), off the event loop. */
export function threadFrame(json: Buffer): Promise<Buffer> {
  return gzipAsync(json);
}

/** How many docs one statement fills: a few seconds of work at most on PGlite. */
export const CLOSED_DOC_BATCH = 2000;

/**
 * Assembles the docs of up to `batch` closed appeals that have none or a stale one: their JSON
 * read in one statement, compressed here (PostgreSQL has no gzip), written in another. A doc is
 * written only over the generation it was read at: a thread written meanwhile keeps its doc
 * stale. Resolves to how many were written.
 */
export async function fillThreadDocs(db: Pick<Db, 'query'>, batch = CLOSED_DOC_BATCH): Promise<number> {
  const p = docPartsSql('t.id');
  const read = await db.query<{ id: string; gen: string; json: string; replies_settled: boolean; deliveries_settled: boolean }>(
    `WITH todo AS (
       SELECT a.id, COALESCE(td.gen, 0) AS gen FROM appeals a LEFT JOIN thread_docs td ON td.appeal_id = a.id
       WHERE NOT (a.status = ANY(${OPEN_SQL})) AND td.frame IS NULL
       ORDER BY a.id LIMIT $1::int
     )
     SELECT t.id, t.gen::text AS gen, ${threadTextSql('t.id', p.deliveries)} AS json,
       ${p.repliesSettled} AS replies_settled, ${p.deliveriesSettled} AS deliveries_settled
     FROM todo t`,
    [batch],
  );
  const docs = read.rows;
  if (docs.length === 0) return 0;
  const frames = await Promise.all(docs.map((d) => threadFrame(Buffer.from(d.json))));
  // Where each frame starts in the one bytea sent (1-based, as substring counts).
  const starts: number[] = [];
  frames.reduce((at, f) => (starts.push(at + 1), at + f.length), 0);
  const result = await db.query<{ n: string }>(
    `WITH doc AS (
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::int[], $5::boolean[], $6::boolean[]) AS d(id, gen, start, size, replies_settled, deliveries_settled)
     ), written AS (
       INSERT INTO thread_docs (appeal_id, gen, frame, replies_settled, deliveries_settled)
       SELECT d.id, d.gen, substring($7::bytea FROM d.start FOR d.size), d.replies_settled, d.deliveries_settled
       FROM doc d JOIN appeals a ON a.id = d.id
       ON CONFLICT (appeal_id) DO UPDATE
         SET frame = EXCLUDED.frame, replies_settled = EXCLUDED.replies_settled, deliveries_settled = EXCLUDED.deliveries_settled
         WHERE thread_docs.gen = EXCLUDED.gen
       RETURNING 1
     )
     SELECT count(*)::text AS n FROM written`,
    [docs.map((d) => d.id), docs.map((d) => d.gen), starts, frames.map((f) => f.length), docs.map((d) => d.replies_settled), docs.map((d) => d.deliveries_settled), Buffer.concat(frames)],
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

/** Fills threads' then rows' docs, at most `maxBatches` batches of each, until a batch comes short. Resolves to how many were written. */
async function fillClosedDocs(db: Pick<Db, 'query'>, maxBatches: number): Promise<number> {
  let total = 0;
  for (const fill of [fillThreadDocs, fillRowDocs]) {
    for (let i = 0; i < maxBatches; i++) {
      const n = await fill(db);
      total += n;
      if (n < CLOSED_DOC_BATCH) break;
    }
  }
  return total;
}

/** Fills batches until none is left (the demo seed, so that its region starts as a settled one). */
export function fillAllClosedDocs(db: Pick<Db, 'query'>): Promise<number> {
  return fillClosedDocs(db, Number.POSITIVE_INFINITY);
}

export const CLOSED_DOC_INTERVAL_MS = 30_000;

/**
 * On a timer: the docs of appeals closed (or written to) since the last run. Idempotent, so
 * several server processes may run it; a run fills at most ten batches and leaves the rest to the
 * next, so the timer never holds the database for long.
 */
export function startClosedDocs(db: Db, intervalMs: number, onError: (err: unknown) => void): () => void {
  return startPeriodic(
    async () => void (await fillClosedDocs(db, 10)),
    Math.min(2_000, intervalMs),
    intervalMs,
    onError,
  );
}
