/**
 * A closed appeal's thread as the JSON text the first download sends (server/closed-docs.ts), kept
 * so that a workstation's download reads it instead of assembling it from four tables again.
 *
 * Every write to an appeal's replies, notes, events or deliveries makes its doc stale in the same
 * statement (the triggers below): `gen` goes up and the text is dropped. A doc is written back only
 * for the `gen` it was assembled at, so one assembled while a write committed is never stored over
 * it. A migration that changes reply_json, note_json, event_json or delivery_json must empty this
 * table.
 */
const THREAD_TABLES = ['replies', 'notes', 'events', 'deliveries'];

const triggers = THREAD_TABLES.flatMap((table) => [
  `CREATE TRIGGER ${table}_stale_doc_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION thread_doc_stale();`,
  `CREATE TRIGGER ${table}_stale_doc_upd AFTER UPDATE ON ${table} REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION thread_doc_stale();`,
  `CREATE TRIGGER ${table}_stale_doc_del AFTER DELETE ON ${table} REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION thread_doc_stale();`,
]).join('\n');

export const sql = /* sql */ `
CREATE TABLE thread_docs (
  appeal_id text PRIMARY KEY REFERENCES appeals (id) ON DELETE CASCADE,
  gen bigint NOT NULL DEFAULT 0,
  -- "replies":[…],"notes":[…],"events":[…] (the Thread's members but its appeal and deliveries);
  -- NULL while stale.
  core text,
  -- The deliveries' JSON array: sent only to the appeal's own body (server/snapshot.ts).
  deliveries text,
  replies_settled boolean,
  deliveries_settled boolean
);
CREATE INDEX thread_docs_stale ON thread_docs (appeal_id) WHERE core IS NULL;

-- The appeals whose thread a statement changed: their docs are stale. An appeal deleted meanwhile
-- (its rows cascading) has no doc to keep.
CREATE FUNCTION thread_doc_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO thread_docs (appeal_id, gen)
  SELECT DISTINCT c.appeal_id, 1 FROM changed_rows c JOIN appeals a ON a.id = c.appeal_id
  ON CONFLICT (appeal_id) DO UPDATE
    SET gen = thread_docs.gen + 1, core = NULL, deliveries = NULL, replies_settled = NULL, deliveries_settled = NULL;
  RETURN NULL;
END $$;
${triggers}
`;
