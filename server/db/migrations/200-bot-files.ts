/**
 * Files a topic's ready answer sends (a PDF memo, a scheme of the reception): uploaded on
 * «Чат-боты», named by id in the bot's tree, read by the runtime when it answers. Never deleted:
 * a published version is never edited, and an older one may still name a file.
 */
export const sql = /* sql */ `
CREATE TABLE bot_files (
  id text PRIMARY KEY,
  bot_id text NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
  name text NOT NULL,
  mime text NOT NULL,
  size int NOT NULL,
  data bytea NOT NULL,
  uploaded_by text,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bot_files_bot ON bot_files (bot_id);
`;
