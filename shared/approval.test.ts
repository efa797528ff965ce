import { describe, expect, it } from 'vitest';
import { DEFAULT_APPROVAL_POLICY, parseApprovalPolicy, requiresApproval } from './approval';

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
