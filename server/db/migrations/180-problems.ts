/**
 * Problems (shared/problems.ts): one pothole that many appeals are about. An appeal points at its
 * problem (`appeals.problem_id`); `problemId` is in the appeal's JSON only while it is linked, so
 * the rows already in the log and the appeals never linked read as before. The appeal's JSON keeps
 * the jsonb-concat form of 170 (citizenRating) and adds to it.
 */
export const sql = /* sql */ `
CREATE TABLE problems (
  id text PRIMARY KEY,
  title text NOT NULL,
  category text NOT NULL,
  municipality_id text NOT NULL,
  settlement text,
  address text,
  responsible_body_id text,
  promised_at timestamptz,
  state text NOT NULL CHECK (state IN ('identified', 'in_work', 'solved', 'confirmed')),
  evidence jsonb,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  solved_at timestamptz,
  confirmed_at timestamptz,
  version int NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL,
  -- When the current promise was made: four weeks on, its authors are asked (shared/ratings.ts).
  promise_made_at timestamptz
);
CREATE INDEX problems_open_promises ON problems (promised_at) WHERE state IN ('identified', 'in_work');

ALTER TABLE rating_requests DROP CONSTRAINT rating_requests_reason_check;
ALTER TABLE rating_requests ADD CONSTRAINT rating_requests_reason_check CHECK (reason IN ('answer', 'solved', 'followup'));

ALTER TABLE appeals ADD COLUMN problem_id text REFERENCES problems (id);
CREATE INDEX appeals_problem ON appeals (problem_id) WHERE problem_id IS NOT NULL;

CREATE FUNCTION problem_json(p problems) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT json_build_object(
    'id', p.id, 'title', p.title, 'category', p.category, 'municipalityId', p.municipality_id,
    'settlement', p.settlement, 'address', p.address, 'responsibleBodyId', p.responsible_body_id,
    'promisedAt', iso(p.promised_at), 'state', p.state, 'evidence', p.evidence,
    'createdBy', p.created_by, 'createdAt', iso(p.created_at), 'solvedAt', iso(p.solved_at),
    'confirmedAt', iso(p.confirmed_at), 'version', p.version, 'updatedAt', iso(p.updated_at))
$$;

CREATE OR REPLACE FUNCTION appeal_json(a appeals) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT (jsonb_build_object(
    'id', a.id, 'source', a.source, 'externalRef', a.external_ref, 'author', a.author,
    'text', a.text, 'attachments', a.attachments, 'receivedAt', iso(a.received_at),
    'category', a.category, 'municipalityId', a.municipality_id, 'settlement', a.settlement,
    'address', a.address, 'assigneeId', a.assignee_id, 'status', a.status, 'priority', a.priority,
    'firstResponseDueAt', iso(a.first_response_due_at), 'dueAt', iso(a.due_at),
    'firstRespondedAt', iso(a.first_responded_at), 'version', a.version, 'updatedAt', iso(a.updated_at))
    || CASE WHEN a.citizen_score IS NULL AND a.citizen_solved IS NULL THEN '{}'::jsonb
       ELSE jsonb_build_object('citizenRating', jsonb_build_object('score', a.citizen_score, 'solved', a.citizen_solved)) END
    || CASE WHEN a.problem_id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('problemId', a.problem_id) END)::json
$$;
`;
