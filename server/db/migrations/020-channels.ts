/**
 * Channels (connected communities and bots), their durable inbox, the threads their appeals came
 * from, and the delivery queue. No foreign keys to municipalities or appeals: demo seeding
 * truncates those tables, and a channel or a delivery must not block it.
 */
export const sql = /* sql */ `
CREATE TABLE channels (
  id text PRIMARY KEY,
  platform text NOT NULL,
  body_id text NOT NULL,
  name text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}',
  -- AES-256-GCM of the JSON of the channel's secrets: iv, ciphertext and tag (server/channels/secrets.ts).
  secrets bytea,
  enabled boolean NOT NULL DEFAULT true,
  webhook_key text NOT NULL UNIQUE,
  last_event_at timestamptz,
  last_error_code text,
  last_error_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every webhook call that passed verification, as it came; a duplicate of (channel, event) is a no-op.
CREATE TABLE channel_inbox (
  id bigserial PRIMARY KEY,
  channel_id text NOT NULL,
  platform text NOT NULL,
  event_id text NOT NULL,
  raw jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  attempts int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  processed_at timestamptz,
  error text,
  UNIQUE (channel_id, event_id)
);
CREATE INDEX channel_inbox_pending ON channel_inbox (id) WHERE processed_at IS NULL;

-- Where an appeal's conversation lives on its platform: replies go back there, and a citizen's
-- next message in the same thread joins the appeal.
CREATE TABLE channel_threads (
  appeal_id text PRIMARY KEY,
  channel_id text NOT NULL,
  thread_key text NOT NULL,
  author_key text NOT NULL,
  reply_target jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX channel_threads_thread ON channel_threads (channel_id, thread_key, author_key);

-- Citizens' messages that joined an appeal, by their platform id: one message is added once.
CREATE TABLE channel_messages (
  channel_id text NOT NULL,
  message_ref text NOT NULL,
  appeal_id text NOT NULL,
  PRIMARY KEY (channel_id, message_ref)
);

CREATE TABLE deliveries (
  id text PRIMARY KEY,
  appeal_id text NOT NULL,
  reply_id text,
  kind text NOT NULL,
  channel_id text NOT NULL,
  platform text NOT NULL,
  body text NOT NULL,
  target jsonb NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  state text NOT NULL CHECK (state IN ('queued', 'sending', 'delivered', 'failed', 'manual')),
  attempts int NOT NULL DEFAULT 0,
  last_error_code text,
  last_error_detail text,
  external_id text,
  external_url text,
  next_attempt_at timestamptz,
  locked_until timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  delivered_at timestamptz
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state = 'queued';
CREATE INDEX deliveries_appeal ON deliveries (appeal_id);

CREATE FUNCTION delivery_json(d deliveries) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'id', d.id, 'appealId', d.appeal_id, 'replyId', d.reply_id, 'kind', d.kind,
    'channelId', d.channel_id, 'platform', d.platform, 'state', d.state, 'attempts', d.attempts,
    'lastError', CASE WHEN d.last_error_code IS NULL THEN NULL
      ELSE json_build_object('code', d.last_error_code, 'detail', d.last_error_detail) END,
    'externalUrl', d.external_url, 'nextAttemptAt', iso(d.next_attempt_at),
    'createdAt', iso(d.created_at), 'updatedAt', iso(d.updated_at), 'deliveredAt', iso(d.delivered_at))
$$;
`;
