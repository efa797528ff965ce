/**
 * Resolution posts going out to the bodies' official pages (server/publishing/): one row per post
 * and page, with the public text and the photos' attachment ids fixed when it was queued, and the
 * same attempt, lease and retry columns as a delivery. `idempotency_key` is unique, so queuing the
 * same post for the same page twice is a no-op.
 */
export const sql = /* sql */ `
CREATE TABLE publications (
  id text PRIMARY KEY,
  post_id text NOT NULL,
  channel_id text NOT NULL,
  platform text NOT NULL,
  municipality_id text NOT NULL,
  body text NOT NULL,
  photo_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
  idempotency_key text NOT NULL UNIQUE,
  state text NOT NULL,
  attempts int NOT NULL DEFAULT 0,
  budget_from int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  next_attempt_at timestamptz,
  external_id text,
  external_url text,
  last_error_code text,
  last_error_detail text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX publications_post ON publications (post_id);
CREATE INDEX publications_due ON publications (next_attempt_at) WHERE state = 'queued';
CREATE INDEX publications_leased ON publications (locked_until) WHERE state = 'sending';
`;
