import type { Post } from '../../shared/posts/post';
import type { ChangeSet } from '../changes';
import type { Queryable } from '../db/types';
import { problemBodies } from '../repo/problems';
import { municipalityScope } from '../scopes';

export async function loadPostForUpdate(q: Queryable, id: string): Promise<Post | null> {
  const res = await q.query<{ data: Post }>('SELECT post_json(p) AS data FROM posts p WHERE p.id = $1 FOR UPDATE', [id]);
  return res.rows[0]?.data ?? null;
}

export async function savePost(q: Queryable, p: Post): Promise<void> {
  await q.query(
    `INSERT INTO posts (id, problem_id, municipality_id, author_id, state, text, photos, quotes, channel_ids, return_comment, approved_by, links, published_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12::jsonb, $13, $14, $15)
     ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, text = EXCLUDED.text, photos = EXCLUDED.photos, quotes = EXCLUDED.quotes,
       channel_ids = EXCLUDED.channel_ids, return_comment = EXCLUDED.return_comment, approved_by = EXCLUDED.approved_by,
       links = EXCLUDED.links, published_at = EXCLUDED.published_at, updated_at = EXCLUDED.updated_at`,
    [
      p.id, p.problemId, p.municipalityId, p.authorId, p.state, p.text, JSON.stringify(p.photos), JSON.stringify(p.quotes),
      JSON.stringify(p.channelIds), p.returnComment, p.approvedBy, JSON.stringify(p.links), p.publishedAt, p.createdAt, p.updatedAt,
    ],
  );
}

/** A post goes wherever its problem goes, and to the body whose pages carry it. */
export async function recordPost(q: Queryable, changes: ChangeSet, post: Pick<Post, 'id' | 'problemId' | 'municipalityId'>): Promise<void> {
  const problem = await q.query<{ id: string; municipalityId: string; responsibleBodyId: string | null }>(
    'SELECT id, municipality_id AS "municipalityId", responsible_body_id AS "responsibleBodyId" FROM problems WHERE id = $1',
    [post.problemId],
  );
  const bodies = problem.rows[0] ? await problemBodies(q, problem.rows[0]) : new Set<string>();
  bodies.add(post.municipalityId);
  for (const body of bodies) changes.upsert('post', post.id, municipalityScope(body));
}
