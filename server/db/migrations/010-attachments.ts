/**
 * Files attached to replies, kept in the database so every server process serves them. No foreign
 * key to appeals: demo seeding truncates appeals, and an upload may arrive before its reply.
 */
export const sql = /* sql */ `
CREATE TABLE attachments (
  id text PRIMARY KEY,
  appeal_id text NOT NULL,
  owner_id text NOT NULL,
  name text NOT NULL,
  mime text NOT NULL,
  size int NOT NULL,
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_appeal ON attachments (appeal_id);
`;
