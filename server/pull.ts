import type { Db } from './db/types';
import type { CallerScope } from './scopes';

/**
 * One change as JSON text, built in SQL so the server never parses or re-serialises the data.
 * One concat() rather than a chain of ||: each || copies the growing line (and its data) again,
 * which on a bootstrap's 2 MB pages was most of the page's time. entity and op are our own words.
 * An upsert whose record was gone by the time its row was written has no data: it is left out.
 */
export const CHANGE_JSON = `CASE WHEN op = 'delete' OR data IS NOT NULL THEN concat('{"seq":', seq, ',"entity":"', entity, '","id":',
  to_json(entity_id), ',"op":"', op, '"', CASE WHEN op = 'upsert' THEN ',"data":' || data::text END, '}') END`;

/** The caller's change rows after `after` (an SQL expression), in seq order, at most `limit`. */
function pageSql(caller: CallerScope, after: string, limit: string): { sql: string; params: string[] } {
  if (caller.kind === 'region') {
    return {
      sql: `SELECT seq, entity, entity_id, op, data FROM changes
            WHERE seq > ${after} AND NOT leave AND (scope NOT LIKE 'u:%' OR scope = $3)
            ORDER BY seq LIMIT ${limit}`,
      params: [caller.own],
    };
  }
  // One index range scan on (scope, seq) per scope, merged: cheap however large the region.
  const parts = caller.scopes.map(
    (_s, i) => `(SELECT seq, entity, entity_id, op, data FROM changes WHERE scope = $${i + 3} AND seq > ${after} ORDER BY seq LIMIT ${limit})`,
  );
  return { sql: `${parts.join(' UNION ALL ')} ORDER BY seq LIMIT ${limit}`, params: caller.scopes };
}

export interface PulledPage {
  /** The complete response body, JSON text of a PullResponse, as UTF-8. */
  body: Buffer;
  count: number;
  cursor: number;
  hasMore: boolean;
}

export async function pullPage(db: Pick<Db, 'queryBytes'>, caller: CallerScope, cursor: number, limit: number): Promise<PulledPage> {
  const page = pageSql(caller, '$1', '$2');
  // Whether anything follows the page: one index probe past its last row (rather than reading a
  // row more and numbering every row to leave it out).
  const next = pageSql(caller, 'agg.last', '1');
  const [row] = await db.queryBytes(
    `WITH page AS (${page.sql}),
     agg AS (SELECT count(*)::int AS total, max(seq) AS last, string_agg(${CHANGE_JSON}, ',' ORDER BY seq) AS body FROM page)
     SELECT total::text, last::text, (agg.last IS NOT NULL AND EXISTS (${next.sql}))::text AS more, body FROM agg`,
    [cursor, limit, ...page.params],
  );
  const count = Number(row?.[0] ?? 0);
  const last = row?.[1] ? Number(row[1]) : null;
  const to = last === null ? cursor : last;
  const hasMore = count === limit && row?.[2]?.toString() === 'true';
  const body = row?.[3];
  return {
    body: Buffer.concat([Buffer.from('{"changes":['), ...(body ? [body] : []), Buffer.from(`],"cursor":${to},"hasMore":${hasMore}}`)]),
    count,
    cursor: to,
    hasMore,
  };
}
