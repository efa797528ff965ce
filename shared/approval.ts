import type { Source } from './domain';

/**
 * Whether a reply must be approved by a supervisor before it is published. A region sets this
 * per municipality and per source; the default publishes straight away.
 */
export interface ApprovalPolicy {
  /** Keys: municipality id, or '*' for every municipality. Values: sources needing approval, or '*'. */
  rules: Record<string, readonly (Source | '*')[]>;
}

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = { rules: {} };

export function requiresApproval(policy: ApprovalPolicy, municipalityId: string, source: Source): boolean {
  const lists = [policy.rules[municipalityId], policy.rules['*']];
  return lists.some((list) => list !== undefined && (list.includes('*') || list.includes(source)));
}
