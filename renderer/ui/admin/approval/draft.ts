import { SOURCES, type Source } from '../../../../shared/domain';
import type { ApprovalPolicy } from '../../../../shared/approval';

/**
 * «Согласование» as the console edits it: one row per body (or '*' for every body) with the
 * sources whose replies wait for a supervisor, or all of them. Rows ↔ the stored policy
 * (shared/approval.ts), and what is wrong with a row before anything is sent.
 */

export interface ApprovalRow {
  /** A body id, '*' for every body, '' not chosen yet. */
  body: string;
  all: boolean;
  sources: Source[];
}

export type RowProblem = 'noBody' | 'noSources' | 'duplicate';

/** The policy's rules as rows, '*' first, then in the order of `bodyOrder` (the tree's). */
export function rowsOf(policy: ApprovalPolicy, bodyOrder: readonly string[]): ApprovalRow[] {
  const rank = (id: string) => (id === '*' ? -1 : bodyOrder.indexOf(id) === -1 ? bodyOrder.length : bodyOrder.indexOf(id));
  return Object.entries(policy.rules)
    .filter(([, list]) => list.length > 0)
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1))
    .map(([body, list]) => ({ body, all: list.includes('*'), sources: SOURCES.filter((s) => list.includes(s)) }));
}

/** The rows as the policy to store, or each wrong row's problem (by its index). */
export function policyOf(rows: readonly ApprovalRow[]): { ok: true; policy: ApprovalPolicy } | { ok: false; problems: Map<number, RowProblem> } {
  const problems = new Map<number, RowProblem>();
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    if (r.body === '') problems.set(i, 'noBody');
    else if (seen.has(r.body)) problems.set(i, 'duplicate');
    else if (!r.all && r.sources.length === 0) problems.set(i, 'noSources');
    seen.add(r.body);
  });
  if (problems.size > 0) return { ok: false, problems };
  return { ok: true, policy: { rules: Object.fromEntries(rows.map((r) => [r.body, r.all ? ['*'] : SOURCES.filter((s) => r.sources.includes(s))])) } };
}
