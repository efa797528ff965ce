import { describe, expect, it } from 'vitest';
import { approvalPolicySchema, DEFAULT_APPROVAL_POLICY, formatApprovalPolicy, parseApprovalPolicy, requiresApproval } from './approval';

describe('approval policy from its text form', () => {
  it('reads municipality:sources entries', () => {
    const policy = parseApprovalPolicy('maykop:vk,ok; *:pos');
    expect(requiresApproval(policy, 'maykop', 'vk')).toBe(true);
    expect(requiresApproval(policy, 'maykop', 'telegram')).toBe(false);
    expect(requiresApproval(policy, 'giaginsky', 'pos')).toBe(true);
    expect(requiresApproval(policy, 'giaginsky', 'vk')).toBe(false);
  });

  it('"*:*" makes every reply wait; empty text is the default', () => {
    expect(requiresApproval(parseApprovalPolicy('*:*'), 'adygeysk', 'phone')).toBe(true);
    expect(parseApprovalPolicy('')).toEqual(DEFAULT_APPROVAL_POLICY);
    expect(parseApprovalPolicy('  giaginsky:*  ')).toEqual({ rules: { giaginsky: ['*'] } });
  });

  it('refuses a typo rather than publishing unapproved replies', () => {
    expect(() => parseApprovalPolicy('maykop')).toThrow(/municipality:sources/);
    expect(() => parseApprovalPolicy('maykop:vkontakte')).toThrow(/Unknown source/);
  });
});

describe('the policy as the console edits it', () => {
  it('formats to the text it was parsed from, and the schema refuses an unknown source', () => {
    const policy = parseApprovalPolicy('giaginsky:*; maykop:vk,ok; *:pos');
    expect(formatApprovalPolicy(policy)).toBe('giaginsky:*; maykop:vk,ok; *:pos');
    expect(parseApprovalPolicy(formatApprovalPolicy(policy))).toEqual(policy);
    expect(formatApprovalPolicy({ rules: {} })).toBe('');
    expect(approvalPolicySchema.safeParse(policy).success).toBe(true);
    expect(approvalPolicySchema.safeParse({ rules: { maykop: ['fax'] } }).success).toBe(false);
  });
});
