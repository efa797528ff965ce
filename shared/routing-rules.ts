import { z } from 'zod';
import { BodyTree, type Body } from './bodies';
import { categorySchema, idSchema, sourceSchema, type Category, type Municipality, type Source } from './domain';
import { normalizeSettlement, routeMunicipality } from './routing';

/**
 * Routing rules: an administrator's list, tried in order at intake; the first rule whose
 * conditions all hold and whose target names an existing body decides the competent body. A
 * condition left out holds for every appeal. When no rule decides, the appeal goes where it went
 * before rules existed: the body of the page it came from, else the municipality of its
 * settlement, else the region's default municipality.
 */

export const RULE_NAME_MAX_LENGTH = 200;
const word = z.string().trim().min(1).max(100);

export const ruleTargetSchema = z.discriminatedUnion('kind', [
  /** A body from the directory (a ministry, a municipality, …). */
  z.object({ kind: z.literal('body'), bodyId: idSchema }),
  /** The municipality the appeal's settlement belongs to. */
  z.object({ kind: z.literal('settlement-municipality') }),
  /** The administration of the appeal's settlement (under its district); else its municipality. */
  z.object({ kind: z.literal('settlement-administration') }),
  /** The body whose community page or channel the appeal came from. */
  z.object({ kind: z.literal('channel-body') }),
]);
export type RuleTarget = z.infer<typeof ruleTargetSchema>;

export const ruleConditionsSchema = z.object({
  sources: z.array(sourceSchema).max(20).optional(),
  /** Сферы. */
  categories: z.array(categorySchema).max(20).optional(),
  /** Topic: word stems, any of which must occur in the text («поликлиник» matches «поликлинике»). */
  keywords: z.array(word).max(100).optional(),
  /** Not when the text is about this (a municipal matter in a health appeal: «дорог», «освещени»). */
  unlessKeywords: z.array(word).max(100).optional(),
  /** Settlement names (any spelling: «ст. Гиагинская»), or municipality ids the settlement is in. */
  settlements: z.array(word).max(200).optional(),
  municipalities: z.array(idSchema).max(50).optional(),
});
export type RuleConditions = z.infer<typeof ruleConditionsSchema>;

/** What an administrator sends to create or change a rule. */
export const routingRuleInputSchema = z.object({
  name: z.string().trim().min(1).max(RULE_NAME_MAX_LENGTH),
  enabled: z.boolean().default(true),
  /** Lower goes first. */
  position: z.number().int().min(0).max(1_000_000),
  when: ruleConditionsSchema,
  target: ruleTargetSchema,
});
export type RoutingRuleInput = z.infer<typeof routingRuleInputSchema>;

export const routingRuleSchema = routingRuleInputSchema.extend({ id: idSchema, updatedAt: z.iso.datetime({ offset: true }) });
export type RoutingRule = z.infer<typeof routingRuleSchema>;

/** The appeal as routing sees it. */
export interface RoutingInput {
  text: string;
  category: Category;
  source: Source;
  settlement?: string;
  /** The body of the page or channel it came from (intake's municipalityId). */
  channelBodyId?: string;
}

export type RoutedBy = 'rule' | 'source' | 'settlement' | 'default';

export interface RoutingDecision {
  bodyId: string;
  by: RoutedBy;
  rule: { id: string; name: string } | null;
}

export interface RoutingContext {
  bodies: readonly Body[];
  municipalities: readonly Municipality[];
  defaultBodyId: string;
}

/** The text's words, lower case, ё as е: stems are compared with their beginnings. */
function words(text: string): string[] {
  return text.toLowerCase().replace(/ё/g, 'е').split(/[^a-zа-я0-9-]+/).filter((w) => w !== '');
}

function mentions(textWords: readonly string[], stems: readonly string[]): boolean {
  return stems.some((raw) => {
    const stem = raw.toLowerCase().replace(/ё/g, 'е').trim().split(/\s+/);
    // A phrase of several stems matches consecutive words.
    return textWords.some((_, i) => stem.every((s, k) => textWords[i + k]?.startsWith(s) ?? false));
  });
}

function settlementParts(settlement: string): string[] {
  return settlement.split(',').map((p) => normalizeSettlement(p)).filter((p) => p !== '');
}

/** The administration under `municipalityId` named like the settlement, if there is one. */
export function settlementBody(tree: BodyTree, municipalityId: string, settlement: string): Body | null {
  const parts = settlementParts(settlement);
  const own = tree.descendants(municipalityId).filter((b) => b.kind === 'settlement');
  return own.find((b) => parts.includes(normalizeSettlement(b.name.replace(/^администрация\s+/i, '')))) ?? null;
}

function holds(when: RuleConditions, input: RoutingInput, ctx: RoutingContext, textWords: readonly string[]): boolean {
  if (when.sources && !when.sources.includes(input.source)) return false;
  if (when.categories && !when.categories.includes(input.category)) return false;
  if (when.keywords && !mentions(textWords, when.keywords)) return false;
  if (when.unlessKeywords && mentions(textWords, when.unlessKeywords)) return false;
  if (when.settlements) {
    const wanted = new Set(when.settlements.map(normalizeSettlement));
    if (!input.settlement || !settlementParts(input.settlement).some((p) => wanted.has(p))) return false;
  }
  if (when.municipalities) {
    const m = routeMunicipality(input.settlement, [...ctx.municipalities]);
    if (m === null || !when.municipalities.includes(m)) return false;
  }
  return true;
}

/** A body that exists and is not disabled may receive appeals. */
const receives = (tree: BodyTree, id: string | undefined): id is string => id !== undefined && tree.get(id) !== undefined && tree.get(id)!.disabled !== true;

function resolve(target: RuleTarget, input: RoutingInput, ctx: RoutingContext, tree: BodyTree): string | null {
  switch (target.kind) {
    case 'body':
      return receives(tree, target.bodyId) ? target.bodyId : null;
    case 'channel-body':
      return receives(tree, input.channelBodyId) ? input.channelBodyId : null;
    case 'settlement-municipality':
      return routeMunicipality(input.settlement, [...ctx.municipalities]);
    case 'settlement-administration': {
      const m = routeMunicipality(input.settlement, [...ctx.municipalities]);
      if (m === null || input.settlement === undefined) return null;
      const admin = settlementBody(tree, m, input.settlement);
      return admin && admin.disabled !== true ? admin.id : m;
    }
  }
}

/** The competent body for an appeal, and the rule that chose it (null when none did). */
export function routeAppeal(input: RoutingInput, rules: readonly RoutingRule[], ctx: RoutingContext): RoutingDecision {
  const tree = new BodyTree(ctx.bodies);
  const textWords = words(input.text);
  const ordered = rules.filter((r) => r.enabled).sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  for (const rule of ordered) {
    if (!holds(rule.when, input, ctx, textWords)) continue;
    const bodyId = resolve(rule.target, input, ctx, tree);
    if (bodyId !== null) return { bodyId, by: 'rule', rule: { id: rule.id, name: rule.name } };
  }
  if (receives(tree, input.channelBodyId)) return { bodyId: input.channelBodyId, by: 'source', rule: null };
  const bySettlement = routeMunicipality(input.settlement, [...ctx.municipalities]);
  if (bySettlement !== null) return { bodyId: bySettlement, by: 'settlement', rule: null };
  return { bodyId: ctx.defaultBodyId, by: 'default', rule: null };
}

/** «Проверить»: where would this appeal go? (the administrator's console, POST …/routing-rules/check) */
export const routingCheckRequestSchema = z.object({
  text: z.string().trim().min(1).max(20000),
  settlement: z.string().trim().max(200).optional(),
  source: sourceSchema.default('vk'),
  /** When the sphere is known; otherwise classified from the text as at intake. */
  category: categorySchema.optional(),
  /** The body of the page or channel it would come from. */
  channelBodyId: idSchema.optional(),
});
export type RoutingCheckRequest = z.infer<typeof routingCheckRequestSchema>;

export const routingCheckResponseSchema = z.object({
  bodyId: idSchema,
  bodyName: z.string(),
  category: categorySchema,
  by: z.enum(['rule', 'source', 'settlement', 'default']),
  rule: z.object({ id: idSchema, name: z.string() }).nullable(),
});
export type RoutingCheckResponse = z.infer<typeof routingCheckResponseSchema>;
