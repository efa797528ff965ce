import { approvalPolicySchema, DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../shared/approval';
import type { Queryable } from './db/types';
import { loadJsonSetting, saveJsonSetting, seedJsonSetting } from './settings';

const KEY = 'approval_policy';

/**
 * The region's approval policy lives in the database and is edited in the console. The
 * OTKLIK_APPROVAL variable only seeds it at the first start: after that, the administrator's
 * edits stand, even across restarts with the variable still set.
 */
export function seedApprovalPolicy(q: Queryable, seed: ApprovalPolicy): Promise<void> {
  return seedJsonSetting(q, KEY, seed);
}

export function loadApprovalPolicy(q: Queryable): Promise<ApprovalPolicy> {
  return loadJsonSetting(q, KEY, approvalPolicySchema, DEFAULT_APPROVAL_POLICY);
}

export function saveApprovalPolicy(q: Queryable, policy: ApprovalPolicy): Promise<void> {
  return saveJsonSetting(q, KEY, policy);
}
