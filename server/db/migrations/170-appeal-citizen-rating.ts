/**
 * The author's latest word on an appeal (shared/ratings.ts) rides on the appeal's row, so the
 * supervisors' figures (shared/satisfaction.ts) are computed from the replica like every other:
 * `citizenRating` is in the appeal's JSON only once the author has answered, so the rows already in
 * the log and the appeals never asked are as before.
 */
export const sql = /* sql */ `
ALTER TABLE appeals ADD COLUMN citizen_score int CHECK (citizen_score BETWEEN 1 AND 5), ADD COLUMN citizen_solved boolean;

CREATE OR REPLACE FUNCTION appeal_json(a appeals) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT (jsonb_build_object(
    'id', a.id, 'source', a.source, 'externalRef', a.external_ref, 'author', a.author,
    'text', a.text, 'attachments', a.attachments, 'receivedAt', iso(a.received_at),
    'category', a.category, 'municipalityId', a.municipality_id, 'settlement', a.settlement,
    'address', a.address, 'assigneeId', a.assignee_id, 'status', a.status, 'priority', a.priority,
    'firstResponseDueAt', iso(a.first_response_due_at), 'dueAt', iso(a.due_at),
    'firstRespondedAt', iso(a.first_responded_at), 'version', a.version, 'updatedAt', iso(a.updated_at))
    || CASE WHEN a.citizen_score IS NULL AND a.citizen_solved IS NULL THEN '{}'::jsonb
       ELSE jsonb_build_object('citizenRating', jsonb_build_object('score', a.citizen_score, 'solved', a.citizen_solved)) END)::json
$$;
`;
