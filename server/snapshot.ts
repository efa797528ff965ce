import type { SnapshotPhase } from '../shared/snapshot';
import type { Db } from './db/types';
import type { CallerScope } from './scopes';
import { currentSeq } from './changes';
import { docPartsSql, OPEN_SQL, threadFrame, threadTextSql } from './closed-docs';
import { threadFramesHeader } from '../shared/thread-frames';

/**
 * The phased first download of a workstation (shared/snapshot.ts), read from the tables rather than
 * replayed from the change log: one appeal row and one thread per appeal instead of every change
 * it ever had. Scope is pull's (server/scopes.ts): a caller sees an appeal whose change rows it
 * would pull — its body's or a followed one's ('m:' scopes, see changes.ts withFollowers), every
 * one for the region — and an appeal's deliveries only in the appeal's own body, as their change
 * rows are written there alone. Pages leave the database as JSON text, as pull's do.
 */

/** The bodies whose 'm:' scopes a list caller pulls; null for the region (every appeal). */
function bodiesOf(caller: CallerScope): string[] | null {
  if (caller.kind === 'region') return null;
  return caller.scopes.filter((s) => s.startsWith('m:')).map((s) => s.slice(2));
}

/** SQL for "the caller sees appeal `a`"; $B is the caller's bodies (text[]). */
function visibleSql(bodies: string[] | null, b: string): string {
  if (bodies === null) return 'TRUE';
  return `(a.municipality_id = ANY(${b}::text[]) OR EXISTS (SELECT 1 FROM appeal_followers f WHERE f.appeal_id = a.id AND f.body_id = ANY(${b}::text[])))`;
}

function phaseSql(phase: SnapshotPhase, me: string): string {
  switch (phase) {
    case 'mine':
      return `a.assignee_id = ${me} AND a.status = ANY(${OPEN_SQL})`;
    case 'open':
      return `a.status = ANY(${OPEN_SQL}) AND a.assignee_id IS DISTINCT FROM ${me}`;
    case 'rows':
    case 'threads':
      return `NOT (a.status = ANY(${OPEN_SQL}))`;
  }
}

/** SQL for "the caller is sent the deliveries of page appeal `p`": only its own body is (see the header). */
function deliveriesVisibleSql(bodies: string[] | null, b: string): string {
  return bodies === null ? 'TRUE' : `p.municipality_id = ANY(${b}::text[])`;
}

/** SQL for the JSON text of page appeal `p`'s thread as the caller is sent it (server/closed-docs.ts). */
function threadText(bodies: string[] | null, b: string): string {
  return threadTextSql('p.id', `CASE WHEN ${deliveriesVisibleSql(bodies, b)} THEN ${docPartsSql('p.id').deliveries} ELSE '[]' END`);
}

/** One JSON object per appeal of `page` (columns id, municipality_id): its thread. */
function threadJson(bodies: string[] | null, b: string): string {
  return `(${threadText(bodies, b)})::json`;
}

async function directoryJson(db: Pick<Db, 'queryBytes'>, caller: CallerScope, userId: string): Promise<Buffer> {
  const bodies = bodiesOf(caller);
  // Templates as templateScope files them: own ('u:'), a body's ('m:'), or everyone's ('*').
  const templatesVisible =
    bodies === null ? 't.owner_id IS NULL OR t.owner_id = $1' : 't.owner_id = $1 OR (t.owner_id IS NULL AND (t.municipality_id IS NULL OR t.municipality_id = ANY($2::text[])))';
  // Problems as canSeeProblem has them: the home body's, the fixing body's, or one of its appeals'.
  const problemsVisible =
    bodies === null
      ? 'TRUE'
      : 'p.municipality_id = ANY($2::text[]) OR p.responsible_body_id = ANY($2::text[]) OR EXISTS (SELECT 1 FROM appeals a WHERE a.problem_id = p.id AND a.municipality_id = ANY($2::text[]))';
  const [row] = await db.queryBytes(
    `SELECT json_build_object(
       'users', COALESCE((SELECT json_agg(user_json(u) ORDER BY u.id) FROM users u), '[]'::json),
       'municipalities', COALESCE((SELECT json_agg(municipality_json(m) ORDER BY m.id) FROM municipalities m), '[]'::json),
       'bodies', COALESCE((SELECT json_agg(body_json(bd) ORDER BY bd.id) FROM bodies bd), '[]'::json),
       'templates', COALESCE((SELECT json_agg(template_json(t) ORDER BY t.id) FROM templates t WHERE ${templatesVisible}), '[]'::json),
       'problems', COALESCE((SELECT json_agg(problem_json(p) ORDER BY p.id) FROM problems p WHERE ${problemsVisible}), '[]'::json),
       'posts', COALESCE((SELECT json_agg(post_json(po) ORDER BY po.id) FROM posts po JOIN problems p ON p.id = po.problem_id
         WHERE ${bodies === null ? 'TRUE' : `(${problemsVisible}) OR po.municipality_id = ANY($2::text[])`}), '[]'::json),
       'total', (SELECT count(*) FROM appeals a WHERE ${visibleSql(bodies, '$2')}),
       'closed', (SELECT count(*) FROM appeals a WHERE ${visibleSql(bodies, '$2')} AND ${phaseSql('rows', '')})
     )::text`,
    bodies === null ? [userId] : [userId, `{${bodies.map((x) => JSON.stringify(x)).join(',')}}`],
  );
  return row![0]!;
}

const pgArray = (items: string[]) => `{${items.map((x) => JSON.stringify(x)).join(',')}}`;

export interface SnapshotPageBytes {
  body: Buffer;
  count: number;
  next: string | null;
}

/**
 * One page of a phase: at most `limit` appeals after `after` (by id). The head is read first: a
 * change committed after it is pulled later anyway; one committed before it is in the tables.
 */
export async function snapshotPage(
  db: Db,
  caller: CallerScope,
  userId: string,
  phase: SnapshotPhase,
  after: string,
  limit: number,
): Promise<SnapshotPageBytes> {
  const head = await currentSeq(db);
  const bodies = bodiesOf(caller);
  const withRows = phase !== 'threads';
  const withThreads = phase !== 'rows';
  // Only the parameters the phase's SQL names: PostgreSQL cannot type one it never sees.
  const params: string[] = [after, String(limit)];
  const me = phase === 'mine' || phase === 'open' ? `$${params.push(userId)}::text` : '';
  const b = bodies !== null ? `$${params.push(pgArray(bodies))}` : '';
  // The closed appeals' rows as the server keeps them (server/closed-docs.ts), built where missing.
  const kept = phase === 'rows';
  const rowSql = kept ? ', COALESCE(rd.json, appeal_json(a)::text) AS j' : withRows ? ', appeal_json(a) AS j' : '';
  const rowsJson = kept ? `'[' || COALESCE(string_agg(p.j, ',' ORDER BY p.id), '') || ']'` : withRows ? `COALESCE(json_agg(p.j ORDER BY p.id), '[]'::json)::text` : `'[]'`;
  const [row] = await db.queryBytes(
    `WITH page AS (
       SELECT a.id, a.municipality_id${rowSql} FROM appeals a${kept ? ' LEFT JOIN row_docs rd ON rd.appeal_id = a.id' : ''}
       WHERE a.id > $1 AND ${phaseSql(phase, me)} AND ${visibleSql(bodies, b)}
       ORDER BY a.id LIMIT $2::int
     )
     SELECT count(*)::text, max(p.id),
       ${rowsJson},
       ${withThreads ? `COALESCE(json_agg(${threadJson(bodies, b)} ORDER BY p.id), '[]'::json)::text` : `'[]'`}
     FROM page p`,
    params,
  );
  const count = Number(row?.[0]?.toString() ?? 0);
  const last = row?.[1]?.toString() ?? null;
  const next = count === limit && last !== null ? last : null;
  const parts = [Buffer.from(`{"head":${head},"appeals":`), row![2]!, Buffer.from(',"threads":'), row![3]!];
  if (phase === 'mine' && after === '') parts.push(Buffer.from(',"directory":'), await directoryJson(db, caller, userId));
  parts.push(Buffer.from(`,"next":${JSON.stringify(next)}}`));
  return { body: Buffer.concat(parts), count, next };
}

/**
 * One page of the `threads` phase as frames (shared/thread-frames.ts): each thread's frame as kept
 * (server/closed-docs.ts), or compressed here from its JSON where none is kept yet or where the
 * kept one is not the caller's to see whole (only the appeal's own body sees its deliveries, as in
 * threadJson). Frames leave the database as base64: a text column, as every column of queryBytes.
 */
export async function threadFramesPage(db: Db, caller: CallerScope, after: string, limit: number): Promise<SnapshotPageBytes> {
  const head = await currentSeq(db);
  const bodies = bodiesOf(caller);
  const params: string[] = [after, String(limit)];
  const b = bodies !== null ? `$${params.push(pgArray(bodies))}` : '';
  const deliveriesVisible = deliveriesVisibleSql(bodies, b);
  const parts = docPartsSql('p.id');
  const kept = `(${deliveriesVisible}) AND td.frame IS NOT NULL`;
  const rows = await db.queryBytes(
    `WITH page AS (
       SELECT a.id, a.municipality_id FROM appeals a
       WHERE a.id > $1 AND ${phaseSql('threads', '')} AND ${visibleSql(bodies, b)}
       ORDER BY a.id LIMIT $2::int
     )
     SELECT p.id,
       CASE WHEN ${kept} THEN encode(td.frame, 'base64') END,
       CASE WHEN NOT (${kept}) THEN ${threadText(bodies, b)} END,
       (COALESCE(td.replies_settled, ${parts.repliesSettled}) AND (NOT (${deliveriesVisible}) OR COALESCE(td.deliveries_settled, ${parts.deliveriesSettled})))::text
     FROM page p LEFT JOIN thread_docs td ON td.appeal_id = p.id
     ORDER BY p.id`,
    params,
  );
  const ids = rows.map((r) => r[0]!.toString());
  const next = rows.length === limit ? ids.at(-1)! : null;
  const unsettled = ids.filter((_id, i) => rows[i]![3]!.toString() !== 'true');
  const frames = await Promise.all(rows.map((r) => (r[1] ? Buffer.from(r[1].toString('latin1'), 'base64') : threadFrame(r[2]!))));
  const header = threadFramesHeader({ head, next, ids, unsettled, sizes: frames.map((f) => f.length) });
  return { body: Buffer.concat([Buffer.from(header + '\n'), ...frames]), count: rows.length, next };
}

/** One appeal and its thread, when the caller sees it (as a pull would); null otherwise. */
export async function threadOf(db: Db, caller: CallerScope, appealId: string): Promise<Buffer | null> {
  const head = await currentSeq(db);
  const bodies = bodiesOf(caller);
  const params: string[] = [appealId];
  if (bodies !== null) params.push(pgArray(bodies));
  const [row] = await db.queryBytes(
    `WITH page AS (SELECT a.id, a.municipality_id, appeal_json(a) AS j FROM appeals a WHERE a.id = $1 AND ${visibleSql(bodies, '$2')})
     SELECT p.j::text, ${threadJson(bodies, '$2')}::text FROM page p`,
    params,
  );
  if (!row) return null;
  return Buffer.concat([Buffer.from(`{"head":${head},"appeal":`), row[0]!, Buffer.from(',"thread":'), row[1]!, Buffer.from('}')]);
}
