/**
 * A closed appeal's thread kept as the gzip frame the first download sends (shared/thread-frames.ts),
 * whole (its appeal id and deliveries in it), instead of 210's JSON parts: the download sends it
 * as it is kept, a third of the bytes. The frames are built by the server (server/closed-docs.ts),
 * since PostgreSQL has no gzip; every doc starts stale here and the timer fills them again. The
 * triggers of 210 stay; their function now drops the frame. 210's partial index on stale docs
 * served no query (the fill starts from appeals) and goes.
 */
export const sql = /* sql */ `
DROP INDEX thread_docs_stale;
ALTER TABLE thread_docs DROP COLUMN core, DROP COLUMN deliveries, ADD COLUMN frame bytea;
UPDATE thread_docs SET gen = gen + 1, replies_settled = NULL, deliveries_settled = NULL;

CREATE OR REPLACE FUNCTION thread_doc_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO thread_docs (appeal_id, gen)
  SELECT DISTINCT c.appeal_id, 1 FROM changed_rows c JOIN appeals a ON a.id = c.appeal_id
  ON CONFLICT (appeal_id) DO UPDATE
    SET gen = thread_docs.gen + 1, frame = NULL, replies_settled = NULL, deliveries_settled = NULL;
  RETURN NULL;
END $$;
`;
