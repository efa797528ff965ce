import type { z } from 'zod';
import type { Category, Source } from '../../../../shared/domain';
import { routingRuleInputSchema, type RoutingRule, type RoutingRuleInput, type RuleTarget } from '../../../../shared/routing-rules';
import { i18n } from '../../../i18n';

/**
 * A rule as its form holds it: lists as typed (comma-separated), ticked boxes as arrays, the
 * target as the chosen kind plus the chosen body (kept when another kind is picked, so switching
 * back loses nothing).
 */
export interface RuleDraft {
  name: string;
  enabled: boolean;
  sources: Source[];
  categories: Category[];
  keywords: string;
  unlessKeywords: string;
  settlements: string;
  municipalities: string[];
  targetKind: RuleTarget['kind'];
  bodyId: string;
}

export const EMPTY_DRAFT: RuleDraft = {
  name: '',
  enabled: true,
  sources: [],
  categories: [],
  keywords: '',
  unlessKeywords: '',
  settlements: '',
  municipalities: [],
  targetKind: 'body',
  bodyId: '',
};

export function draftOf(rule: RoutingRule): RuleDraft {
  const w = rule.when;
  return {
    name: rule.name,
    enabled: rule.enabled,
    sources: w.sources ?? [],
    categories: w.categories ?? [],
    keywords: (w.keywords ?? []).join(', '),
    unlessKeywords: (w.unlessKeywords ?? []).join(', '),
    settlements: (w.settlements ?? []).join(', '),
    municipalities: w.municipalities ?? [],
    targetKind: rule.target.kind,
    bodyId: rule.target.kind === 'body' ? rule.target.bodyId : '',
  };
}

/** «поликлиник, врач ,» → ['поликлиник', 'врач']; empty pieces dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** An empty list is left out: a condition left out holds for every appeal. */
const some = <T>(list: readonly T[]): T[] | undefined => (list.length > 0 ? [...list] : undefined);

/** The rule the server would get, checked by the shared schema; the problems in Russian otherwise. */
export function inputOf(draft: RuleDraft, position: number): { ok: true; input: RoutingRuleInput } | { ok: false; problems: string[] } {
  const when = {
    sources: some(draft.sources),
    categories: some(draft.categories),
    keywords: some(splitList(draft.keywords)),
    unlessKeywords: some(splitList(draft.unlessKeywords)),
    settlements: some(splitList(draft.settlements)),
    municipalities: some(draft.municipalities),
  };
  const target = draft.targetKind === 'body' ? { kind: 'body', bodyId: draft.bodyId } : { kind: draft.targetKind };
  const parsed = routingRuleInputSchema.safeParse({
    name: draft.name,
    enabled: draft.enabled,
    position,
    when: Object.fromEntries(Object.entries(when).filter(([, v]) => v !== undefined)),
    target,
  });
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, problems: ruleProblems(parsed.error) };
}

/** One Russian sentence per field refused, in the form's order. */
function ruleProblems(error: z.ZodError): string[] {
  const fields = [...new Set(error.issues.map((i) => (i.path[0] === 'when' || i.path[0] === 'target' ? String(i.path[1] ?? i.path[0]) : String(i.path[0] ?? 'form'))))];
  const key = (f: string) => (f === 'bodyId' || f === 'kind' ? 'target' : f);
  return [...new Set(fields.map(key))].map((f) => (i18n.exists(`admin.routing.invalid.${f}`) ? i18n.t(`admin.routing.invalid.${f}`) : i18n.t('admin.routing.invalid.form')));
}

/** The rule as the server takes it back (PUT): without its id and date. */
export function inputFromRule(rule: RoutingRule, position = rule.position): RoutingRuleInput {
  return { name: rule.name, enabled: rule.enabled, position, when: rule.when, target: rule.target };
}

/** A new rule goes last. */
export function nextPosition(rules: readonly RoutingRule[]): number {
  return rules.reduce((max, r) => Math.max(max, r.position), 0) + 10;
}

/**
 * The positions to write so that the rule at `from` moves to `to` (a neighbour): the two swap
 * theirs when every rule's position is its own (two writes); otherwise (positions shared, as a
 * seed or an older console may leave them) the list is renumbered by tens, since swapping equal
 * numbers would change nothing. Only the rules whose position changes are returned.
 */
export function reorder(rules: readonly RoutingRule[], from: number, to: number): Array<{ rule: RoutingRule; position: number }> {
  const a = rules[from];
  const b = rules[to];
  if (!a || !b || from === to) return [];
  if (new Set(rules.map((r) => r.position)).size === rules.length) return [
    { rule: a, position: b.position },
    { rule: b, position: a.position },
  ];
  const order = [...rules];
  order.splice(to, 0, ...order.splice(from, 1));
  return order.map((rule, i) => ({ rule, position: (i + 1) * 10 })).filter((x) => x.rule.position !== x.position);
}
