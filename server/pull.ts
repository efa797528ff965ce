import type { Queryable } from './db/types';
import type { CallerScope } from './scopes';

/** One change as JSON text, built in SQL so the server never parses or re-serialises the data. */
const CHANGE_JSON = `'{"seq":' || seq || ',"entity":' || to_json(entity)::text || ',"id":' || to_json(entity_id)::text
  || ',"op":"' || op || '"' || CASE WHEN op = 'upsert' THEN ',"data":' || data::text ELSE '' END || '}'`;

function pageSql(caller: CallerScope): { sql: string; params: unknown[] } {
  if (caller.kind === 'region') {
    return {
      sql: `SELECT seq, entity, entity_id, op, data FROM changes
            WHERE seq > $1 AND NOT leave AND (scope NOT LIKE 'u:%' OR scope = $3)
            ORDER BY seq LIMIT $2`,
      params: [caller.own],
    };
  }
  // One index range scan on (scope, seq) per scope, merged: cheap however large the region.
  const parts = caller.scopes.map(
    (_s, i) => `(SELECT seq, entity, entity_id, op, data FROM changes WHERE scope = $${i + 3} AND seq > $1 ORDER BY seq LIMIT $2)`,
  );
  return { sql: `${parts.join(' UNION ALL ')} ORDER BY seq LIMIT $2`, params: caller.scopes };
}

export interface PulledPage {
  /** The complete response body, JSON text of a PullResponse. */
  body: string;
  count: number;
  cursor: number;
  hasMore: boolean;
}

export async function pullPage(q: Queryable, caller: CallerScope, cursor: number, limit: number): Promise<PulledPage> {
  const page = pageSql(caller);
  const res = await q.query<{ total: number; last: number | null; body: string | null }>(
    `WITH page AS (${page.sql}),
     numbered AS (SELECT *, row_number() OVER (ORDER BY seq) AS rn FROM page)
     SELECT count(*)::int AS total,
            max(seq) FILTER (WHERE rn <= $2 - 1) AS last,
            string_agg(${CHANGE_JSON}, ',' ORDER BY seq) FILTER (WHERE rn <= $2 - 1) AS body
     FROM numbered`,
    [cursor, limit + 1, ...page.params],
  );
  const row = res.rows[0];
  const total = row?.total ?? 0;
  const count = Math.min(total, limit);
  const last = row?.last ?? null;
  const next = last === null ? cursor : Number(last);
  const hasMore = total > limit;
  return {
    body: `{"changes":[${row?.body ?? ''}],"cursor":${next},"hasMore":${hasMore}}`,
    count,
    cursor: next,
    hasMore,
  };
}
