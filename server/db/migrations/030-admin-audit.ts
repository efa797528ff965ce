/**
 * The administrator's console and the audit log.
 *
 * users.disabled_at: a disabled user's access tokens are refused at their next request (the
 * guard reads the user on every request) and their refresh tokens are deleted.
 *
 * audit_log is insert-only. The server has one database role (PGlite has only one), so the rule
 * is a trigger, not a REVOKE: UPDATE and TRUNCATE always raise; DELETE raises unless it runs
 * inside audit_purge(), and even there only rows older than the retention kept in settings go.
 */
export const sql = /* sql */ `
ALTER TABLE users ADD COLUMN disabled_at timestamptz;

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  actor_id text,
  actor_name text,
  appeal_id text,
  subject text,
  address text,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at);
CREATE INDEX audit_log_appeal ON audit_log (appeal_id, at);
CREATE INDEX audit_log_kind ON audit_log (kind, at);

CREATE FUNCTION audit_retention_days() RETURNS int LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT value::int FROM settings WHERE key = 'audit_retention_days'), 1826)
$$;

CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
     AND current_setting('otklik.audit_purge', true) = 'on'
     AND OLD.at < now() - make_interval(days => audit_retention_days()) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is insert-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_insert_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();

-- The retention purge, the only way rows leave the log: those older than the retention setting.
CREATE FUNCTION audit_purge() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  PERFORM set_config('otklik.audit_purge', 'on', true);
  DELETE FROM audit_log WHERE at < now() - make_interval(days => audit_retention_days());
  GET DIAGNOSTICS n = ROW_COUNT;
  PERFORM set_config('otklik.audit_purge', 'off', true);
  RETURN n;
END
$$;
`;
