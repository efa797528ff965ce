/**
 * A closed appeal's row as the JSON the first download's `rows` phase sends (server/closed-docs.ts
 * fills it), kept so that a workstation's download reads it instead of building it again: a
 * region's rows phase is mostly closed appeals, and appeal_json for each was most of the server's
 * time of that phase.
 *
 * As with thread_docs: every statement that writes appeals makes the rows it wrote stale (`gen`
 * goes up, the text is dropped), and a doc is written back only for the `gen` it was read at. A
 * migration that changes appeal_json must empty this table.
 */
export const sql = /* sql */ `
CREATE TABLE row_docs (
  appeal_id text PRIMARY KEY REFERENCES appeals (id) ON DELETE CASCADE,
  gen bigint NOT NULL DEFAULT 0,
  -- appeal_json(a)::text; NULL while stale.
  json text
);

CREATE FUNCTION row_doc_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO row_docs (appeal_id, gen)
  SELECT DISTINCT c.id, 1 FROM changed_rows c
  ON CONFLICT (appeal_id) DO UPDATE SET gen = row_docs.gen + 1, json = NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER appeals_stale_doc_ins AFTER INSERT ON appeals REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION row_doc_stale();
CREATE TRIGGER appeals_stale_doc_upd AFTER UPDATE ON appeals REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION row_doc_stale();
`;
