/**
 * Bodies that forwarded an appeal keep reading it: every change row of the appeal (and of its
 * replies, notes and history) written for its body is written for each follower body too (see
 * flushChanges). A follower never gets a "left your scope" delete, and may not change the appeal.
 */
export const sql = /* sql */ `
CREATE TABLE appeal_followers (
  appeal_id text NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
  body_id text NOT NULL REFERENCES bodies (id),
  since timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (appeal_id, body_id)
);
CREATE INDEX appeal_followers_body ON appeal_followers (body_id);
`;
