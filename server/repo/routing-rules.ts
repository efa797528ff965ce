import type { RoutingRule, RoutingRuleInput } from '../../shared/routing-rules';
import type { Queryable } from '../db/types';

const COLUMNS = `id, name, enabled, position, conditions AS "when", target, iso(updated_at) AS "updatedAt"`;

export async function listRoutingRules(q: Queryable): Promise<RoutingRule[]> {
  return (await q.query<RoutingRule>(`SELECT ${COLUMNS} FROM routing_rules ORDER BY position, id`)).rows;
}

/** The rule as it is now, locked until the transaction ends so the audited «before» is the one changed. */
export async function lockRoutingRule(q: Queryable, id: string): Promise<RoutingRule | null> {
  return (await q.query<RoutingRule>(`SELECT ${COLUMNS} FROM routing_rules WHERE id = $1 FOR UPDATE`, [id])).rows[0] ?? null;
}

export async function insertRoutingRule(q: Queryable, id: string, r: RoutingRuleInput): Promise<RoutingRule> {
  const res = await q.query<RoutingRule>(
    `INSERT INTO routing_rules (id, name, enabled, position, conditions, target) VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb)
     RETURNING ${COLUMNS}`,
    [id, r.name, r.enabled, r.position, JSON.stringify(r.when), JSON.stringify(r.target)],
  );
  return res.rows[0]!;
}

export async function updateRoutingRule(q: Queryable, id: string, r: RoutingRuleInput): Promise<RoutingRule | null> {
  const res = await q.query<RoutingRule>(
    `UPDATE routing_rules SET name = $2, enabled = $3, position = $4, conditions = $5::jsonb, target = $6::jsonb, updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, r.name, r.enabled, r.position, JSON.stringify(r.when), JSON.stringify(r.target)],
  );
  return res.rows[0] ?? null;
}

export async function deleteRoutingRule(q: Queryable, id: string): Promise<boolean> {
  return (await q.query('DELETE FROM routing_rules WHERE id = $1 RETURNING id', [id])).rows.length > 0;
}
