/**
 * Routing rules, edited by an administrator and tried in order at intake (shared/routing-rules.ts).
 * Conditions and target are kept as the JSON the shared schema validates, so a new kind of
 * condition needs no migration.
 */
export const sql = /* sql */ `
CREATE TABLE routing_rules (
  id text PRIMARY KEY,
  name text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  position int NOT NULL,
  conditions jsonb NOT NULL DEFAULT '{}',
  target jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX routing_rules_position ON routing_rules (position, id);
`;
