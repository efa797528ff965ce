/**
 * The region's bodies (органы) as a tree. Every municipality becomes a body with the same id, so
 * the appeals (appeals.municipality_id), users, templates and change rows (scope 'm:<id>') made
 * before keep their meaning: from here on those columns and scopes name a body. Each settlement
 * of a municipal district becomes a settlement body under it; the root is the ЦУР, which the
 * region's people (users.municipality_id NULL) belong to. No appeal changes hands.
 *
 * The new bodies reach the workstations as change rows of the new 'body' entity. bodies_version
 * is bumped by every change to the table, so each server process knows when its cached tree is
 * stale (another process may have made the change).
 */
export const sql = /* sql */ `
CREATE TABLE bodies (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('cur', 'ministry', 'agency', 'municipality', 'settlement')),
  parent_id text REFERENCES bodies (id),
  sort int NOT NULL DEFAULT 0,
  CHECK ((parent_id IS NULL) = (kind = 'cur'))
);
CREATE INDEX bodies_parent ON bodies (parent_id);

CREATE FUNCTION body_json(b bodies) RETURNS json LANGUAGE sql STABLE AS $$
  SELECT json_build_object('id', b.id, 'name', b.name, 'kind', b.kind, 'parentId', b.parent_id)
$$;

INSERT INTO settings (key, value) VALUES ('bodies_version', '0') ON CONFLICT (key) DO NOTHING;
CREATE FUNCTION bump_bodies_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE settings SET value = (value::bigint + 1)::text WHERE key = 'bodies_version';
  RETURN NULL;
END
$$;
CREATE TRIGGER bodies_changed AFTER INSERT OR UPDATE OR DELETE ON bodies
  FOR EACH STATEMENT EXECUTE FUNCTION bump_bodies_version();

-- An existing region: the ЦУР, its municipalities (same ids), the settlements of its districts.
INSERT INTO bodies (id, name, kind, parent_id, sort)
  SELECT 'cur', 'Центр управления регионом', 'cur', NULL, 0 WHERE EXISTS (SELECT 1 FROM municipalities);
INSERT INTO bodies (id, name, kind, parent_id, sort)
  SELECT id, name, 'municipality', 'cur', 1000 + sort FROM municipalities;
INSERT INTO bodies (id, name, kind, parent_id, sort)
  SELECT m.id || '.' || s.ord, s.name, 'settlement', m.id, 100000 + m.sort * 100 + s.ord::int
  FROM municipalities m, unnest(m.settlements) WITH ORDINALITY AS s(name, ord)
  WHERE m.kind = 'district';

-- Appeals and staff now belong to bodies: the same ids, a wider table.
ALTER TABLE appeals DROP CONSTRAINT IF EXISTS appeals_municipality_id_fkey;
ALTER TABLE appeals ADD CONSTRAINT appeals_body_fkey FOREIGN KEY (municipality_id) REFERENCES bodies (id);
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_municipality_id_fkey;
ALTER TABLE users ADD CONSTRAINT users_body_fkey FOREIGN KEY (municipality_id) REFERENCES bodies (id);

-- Workstations learn the bodies from the change log, like every other record.
WITH rows AS (
  SELECT b.id, body_json(b) AS data, row_number() OVER (ORDER BY b.sort, b.id) AS ord FROM bodies b
), ins AS (
  INSERT INTO changes (seq, entity, entity_id, op, scope, leave, data)
  SELECT (SELECT last FROM change_seq WHERE id = 1) + ord, 'body', id, 'upsert', '*', false, data FROM rows
  RETURNING seq
)
UPDATE change_seq SET last = GREATEST(last, COALESCE((SELECT max(seq) FROM ins), last)) WHERE id = 1;
`;
