/**
 * The citizen's word (shared/ratings.ts): a rating question asked in the appeal's own channel
 * (once per appeal and reason), and the answers. An answer is the citizen's and stays as given:
 * `citizen_ratings` refuses UPDATE and DELETE for everyone, as the audit log does.
 */
export const sql = /* sql */ `
CREATE TABLE rating_requests (
  id text PRIMARY KEY,
  appeal_id text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('answer', 'solved')),
  channel_id text NOT NULL,
  thread_key text NOT NULL,
  author_key text NOT NULL,
  asked_at timestamptz NOT NULL,
  UNIQUE (appeal_id, reason)
);
CREATE INDEX rating_requests_dialog ON rating_requests (channel_id, thread_key, author_key, asked_at DESC);

CREATE TABLE citizen_ratings (
  id text PRIMARY KEY,
  request_id text NOT NULL,
  appeal_id text NOT NULL,
  score int CHECK (score BETWEEN 1 AND 5),
  solved boolean,
  comment text,
  message_ref text NOT NULL,
  at timestamptz NOT NULL,
  CHECK (score IS NOT NULL OR solved IS NOT NULL)
);
CREATE INDEX citizen_ratings_request ON citizen_ratings (request_id);
CREATE INDEX citizen_ratings_appeal ON citizen_ratings (appeal_id);

CREATE FUNCTION citizen_ratings_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'citizen_ratings is insert-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER citizen_ratings_insert_only BEFORE UPDATE OR DELETE ON citizen_ratings
  FOR EACH ROW EXECUTE FUNCTION citizen_ratings_guard();
CREATE TRIGGER citizen_ratings_no_truncate BEFORE TRUNCATE ON citizen_ratings
  FOR EACH STATEMENT EXECUTE FUNCTION citizen_ratings_guard();
`;
