import { z } from 'zod';
import { idSchema, SOURCES, type Source } from './domain';

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

/**
 * A policy from its text form, as an operator writes it in OTKLIK_APPROVAL: entries separated by
 * ';' or spaces, each `municipality:sources` with sources separated by commas, '*' for any.
 * 'giaginsky:*' (everything in one municipality), 'maykop:vk,ok; *:pos', '*:*' (everything).
 * Empty text: the default (nothing needs approval). Throws on anything else, so a typo in the
 * server's configuration stops it at start rather than silently publishing unapproved replies.
 */
export function parseApprovalPolicy(text: string): ApprovalPolicy {
  const rules: Record<string, (Source | '*')[]> = {};
  for (const entry of text.split(/[;\s]+/).filter((e) => e !== '')) {
    const match = /^([a-z0-9_.-]+|\*):([a-z*,]+)$/i.exec(entry);
    if (!match) throw new Error(`Approval policy entry "${entry}" is not municipality:sources`);
    const [, municipality, list] = match as unknown as [string, string, string];
    const sources = list.split(',').filter((s) => s !== '');
    for (const s of sources) {
      if (s !== '*' && !(SOURCES as readonly string[]).includes(s)) throw new Error(`Unknown source "${s}" in approval policy`);
    }
    rules[municipality] = [...(rules[municipality] ?? []), ...(sources as (Source | '*')[])];
  }
  return { rules };
}

/** The policy as the server stores it and the console sends it (PUT /api/v1/admin/approval-policy). */
export const approvalPolicySchema = z.object({
  rules: z.record(z.union([idSchema, z.literal('*')]), z.array(z.union([z.enum(SOURCES), z.literal('*')])).max(SOURCES.length + 1)),
});

/** The text form parseApprovalPolicy reads: what the console shows to edit. */
export function formatApprovalPolicy(policy: ApprovalPolicy): string {
  return Object.entries(policy.rules)
    .filter(([, sources]) => sources.length > 0)
    .map(([body, sources]) => `${body}:${[...new Set(sources)].join(',')}`)
    .join('; ');
}
