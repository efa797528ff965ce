/** The initial schema. Wire-shaped JSON is built by the *_json functions so pulls need no mapping. */
export const sql = /* sql */ `
CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE municipalities (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('city', 'district')),
  settlements text[] NOT NULL DEFAULT '{}',
  sort int NOT NULL DEFAULT 0
);

CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
  municipality_id text REFERENCES municipalities (id),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username ON users (lower(username));
CREATE INDEX users_municipality ON users (municipality_id, role);

CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE integration_tokens (
  token_hash text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE appeals (
  id text PRIMARY KEY,
  source text NOT NULL,
  external_ref text NOT NULL,
  author jsonb NOT NULL,
  text text NOT NULL,
  attachments jsonb NOT NULL DEFAULT '[]',
  received_at timestamptz NOT NULL,
  category text NOT NULL,
  municipality_id text NOT NULL REFERENCES municipalities (id),
  settlement text,
  address text,
  assignee_id text,
  status text NOT NULL,
  priority text NOT NULL,
  first_response_due_at timestamptz,
  due_at timestamptz NOT NULL,
  first_responded_at timestamptz,
  version int NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (source, external_ref)
);
CREATE INDEX appeals_assignee_status ON appeals (assignee_id, status);
CREATE INDEX appeals_municipality ON appeals (municipality_id);

CREATE TABLE replies (
  id text PRIMARY KEY,
  appeal_id text NOT NULL REFERENCES appeals (id),
  author_id text NOT NULL,
  author_name text NOT NULL,
  body text NOT NULL,
  attachments jsonb NOT NULL DEFAULT '[]',
  state text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX replies_appeal ON replies (appeal_id);

CREATE TABLE notes (
  id text PRIMARY KEY,
  appeal_id text NOT NULL REFERENCES appeals (id),
  author_id text NOT NULL,
  author_name text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX notes_appeal ON notes (appeal_id);

CREATE TABLE events (
  id text PRIMARY KEY,
  appeal_id text NOT NULL REFERENCES appeals (id),
  actor_id text,
  actor_name text,
  kind text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  version int NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX events_appeal_version ON events (appeal_id, version);

CREATE TABLE templates (
  id text PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  owner_id text,
  municipality_id text,
  updated_at timestamptz NOT NULL
);

-- The change log. seq comes from change_seq, whose single row is updated at the very end of a
-- writing transaction: its row lock is held until commit, so seqs become visible in commit order.
CREATE TABLE change_seq (
  id int PRIMARY KEY CHECK (id = 1),
  last bigint NOT NULL
);
INSERT INTO change_seq (id, last) VALUES (1, 0);

CREATE TABLE changes (
  seq bigint PRIMARY KEY,
  entity text NOT NULL,
  entity_id text NOT NULL,
  op text NOT NULL CHECK (op IN ('upsert', 'delete')),
  scope text NOT NULL,
  leave boolean NOT NULL DEFAULT false,
  data json
);
CREATE INDEX changes_scope_seq ON changes (scope, seq);

CREATE TABLE client_mutations (
  client_id text NOT NULL,
  mutation_id text NOT NULL,
  user_id text NOT NULL,
  name text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'applied', 'duplicate', 'rejected')),
  code text,
  message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, mutation_id)
);

CREATE FUNCTION iso(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

CREATE FUNCTION appeal_json(a appeals) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'id', a.id, 'source', a.source, 'externalRef', a.external_ref, 'author', a.author,
    'text', a.text, 'attachments', a.attachments, 'receivedAt', iso(a.received_at),
    'category', a.category, 'municipalityId', a.municipality_id, 'settlement', a.settlement,
    'address', a.address, 'assigneeId', a.assignee_id, 'status', a.status, 'priority', a.priority,
    'firstResponseDueAt', iso(a.first_response_due_at), 'dueAt', iso(a.due_at),
    'firstRespondedAt', iso(a.first_responded_at), 'version', a.version, 'updatedAt', iso(a.updated_at))
$$;

CREATE FUNCTION reply_json(r replies) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'id', r.id, 'appealId', r.appeal_id, 'authorId', r.author_id, 'authorName', r.author_name,
    'body', r.body, 'attachments', r.attachments, 'state', r.state,
    'createdAt', iso(r.created_at), 'updatedAt', iso(r.updated_at))
$$;

CREATE FUNCTION note_json(n notes) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'id', n.id, 'appealId', n.appeal_id, 'authorId', n.author_id, 'authorName', n.author_name,
    'body', n.body, 'createdAt', iso(n.created_at))
$$;

CREATE FUNCTION event_json(e events) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'id', e.id, 'appealId', e.appeal_id, 'actorId', e.actor_id, 'actorName', e.actor_name,
    'kind', e.kind, 'data', e.data, 'version', e.version, 'at', iso(e.at))
$$;

CREATE FUNCTION template_json(t templates) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'id', t.id, 'title', t.title, 'body', t.body, 'ownerId', t.owner_id,
    'municipalityId', t.municipality_id, 'updatedAt', iso(t.updated_at))
$$;

CREATE FUNCTION user_json(u users) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'id', u.id, 'username', u.username, 'displayName', u.display_name, 'role', u.role,
    'municipalityId', u.municipality_id)
$$;

CREATE FUNCTION municipality_json(m municipalities) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', m.id, 'name', m.name, 'kind', m.kind, 'settlements', to_json(m.settlements))
$$;
`;
