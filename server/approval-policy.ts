import { approvalPolicySchema, DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../shared/approval';
import type { Queryable } from './db/types';

const KEY = 'approval_policy';

/**
 * The region's approval policy lives in the database and is edited in the console. The
 * OTKLIK_APPROVAL variable only seeds it at the first start: after that, the administrator's
 * edits stand, even across restarts with the variable still set.
 */
export async function seedApprovalPolicy(q: Queryable, seed: ApprovalPolicy): Promise<void> {
  await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [KEY, JSON.stringify(seed)]);
}

export async function loadApprovalPolicy(q: Queryable): Promise<ApprovalPolicy> {
  const res = await q.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [KEY]);
  const row = res.rows[0];
  if (!row) return DEFAULT_APPROVAL_POLICY;
  const parsed = approvalPolicySchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : DEFAULT_APPROVAL_POLICY;
}

export async function saveApprovalPolicy(q: Queryable, policy: ApprovalPolicy): Promise<void> {
  await q.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [KEY, JSON.stringify(policy)]);
}
