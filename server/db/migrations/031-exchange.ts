/**
 * Messages taken from the platforms that speak our exchange format (ПОС, the incident system):
 * which channel and platform id each appeal came from, for the outbox the platform polls and the
 * answers file, and so that a message is taken once.
 */
export const sql = /* sql */ `
CREATE TABLE exchange_messages (
  appeal_id text PRIMARY KEY,
  channel_id text NOT NULL,
  platform text NOT NULL,
  platform_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel_id, platform_id)
);
`;
