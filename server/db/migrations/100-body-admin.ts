/**
 * Bodies edited by an administrator («Органы»): a body can be disabled (it keeps its staff and
 * appeals, but routing and forwards pass it by), and the workstations learn that with the body's
 * row, so a forward's list of targets leaves it out. An enabled body's row is as before (no
 * `disabled` key), so the rows already in the log and a first download's agree.
 */
export const sql = /* sql */ `
ALTER TABLE bodies ADD COLUMN disabled_at timestamptz;

CREATE OR REPLACE FUNCTION body_json(b bodies) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT (jsonb_build_object('id', b.id, 'name', b.name, 'kind', b.kind, 'parentId', b.parent_id)
    || CASE WHEN b.disabled_at IS NULL THEN '{}'::jsonb ELSE '{"disabled": true}'::jsonb END)::json
$$;
`;
