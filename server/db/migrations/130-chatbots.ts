/**
 * The topic chat-bots (issue 13, shared/chatbot/). `bot_versions` keeps every published tree: a
 * publish adds a row and moves `bots.version`, so a supervisor can look back and a conversation
 * made on an older tree is reconciled, never broken. `bot_conversations` is each citizen's dialog
 * state per (bot, channel, person), written in the transaction that handles their message, so a
 * restart between two messages loses nothing. `bot_topic_events` feeds the per-topic figures.
 */
export const sql = /* sql */ `
CREATE TABLE bots (
  id text PRIMARY KEY,
  name text NOT NULL,
  channel_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
  enabled boolean NOT NULL DEFAULT true,
  version int NOT NULL DEFAULT 0,
  draft jsonb,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE bot_versions (
  bot_id text NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
  version int NOT NULL,
  tree jsonb NOT NULL,
  published_by text,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bot_id, version)
);
CREATE TABLE bot_conversations (
  bot_id text NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
  channel_id text NOT NULL,
  author_key text NOT NULL,
  thread_key text NOT NULL,
  reply_target jsonb NOT NULL,
  state jsonb NOT NULL,
  last_event_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bot_id, channel_id, author_key)
);
CREATE TABLE bot_topic_events (
  id bigserial PRIMARY KEY,
  bot_id text NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
  topic_id text NOT NULL,
  outcome text NOT NULL,
  appeal_id text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bot_topic_events_bot_at ON bot_topic_events (bot_id, at);
`;
