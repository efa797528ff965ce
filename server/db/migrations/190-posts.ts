/**
 * Resolution posts (shared/posts/): a solved problem's public post, composed on a workstation,
 * approved where the policy says so, then published page by page (`publications`, 140). The post
 * is synced to the workstations as its problem is; its `links` are where the pages put it.
 */
export const sql = /* sql */ `
CREATE TABLE posts (
  id text PRIMARY KEY,
  problem_id text NOT NULL REFERENCES problems (id),
  municipality_id text NOT NULL,
  author_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'approved', 'publishing', 'published')),
  text text NOT NULL,
  photos jsonb NOT NULL DEFAULT '[]'::jsonb,
  quotes jsonb NOT NULL DEFAULT '[]'::jsonb,
  channel_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
  return_comment text,
  approved_by text,
  links jsonb NOT NULL DEFAULT '[]'::jsonb,
  published_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX posts_problem ON posts (problem_id);

CREATE FUNCTION post_json(p posts) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'id', p.id, 'problemId', p.problem_id, 'municipalityId', p.municipality_id, 'authorId', p.author_id,
    'state', p.state, 'text', p.text, 'photos', p.photos, 'quotes', p.quotes, 'channelIds', p.channel_ids,
    'returnComment', p.return_comment, 'approvedBy', p.approved_by, 'links', p.links,
    'publishedAt', iso(p.published_at), 'createdAt', iso(p.created_at), 'updatedAt', iso(p.updated_at))
$$;
`;
