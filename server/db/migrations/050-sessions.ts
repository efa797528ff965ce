/**
 * Signed-in devices. A session is one sign-in (one workstation, one browser): its refresh tokens
 * form a family that rotates on every use; reusing a spent one ends the whole session. Failed
 * sign-ins are counted per account to lock it for a while.
 */
export const sql = `
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now(),
  user_agent text,
  address text,
  ended_at timestamptz,
  ended_reason text
);
CREATE INDEX sessions_user ON sessions (user_id, ended_at);

ALTER TABLE refresh_tokens ADD COLUMN session_id text REFERENCES sessions (id) ON DELETE CASCADE;
ALTER TABLE refresh_tokens ADD COLUMN used_at timestamptz;
ALTER TABLE refresh_tokens ADD COLUMN replaced_by text;
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

CREATE TABLE login_failures (
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_user ON login_failures (user_id, at);
`;
