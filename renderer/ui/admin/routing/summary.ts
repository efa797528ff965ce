import type { Body } from '../../../../shared/bodies';
import type { RoutedBy, RuleConditions, RuleTarget } from '../../../../shared/routing-rules';
import { t } from '../../../i18n';

/** Names for the ids a rule holds: bodies (and municipalities, which are bodies) from the replica. */
export interface Names {
  bodies: ReadonlyMap<string, Pick<Body, 'name'>>;
}

/**
 * A rule's conditions in one Russian line, in the order a reader weighs them: «сфера:
 * Здравоохранение; слова: поликлиник, врач; кроме: дорог». No condition: «любое обращение».
 */
export function conditionsText(when: RuleConditions, names: Names): string {
  const parts: string[] = [];
  const add = (key: string, values: readonly string[] | undefined) => {
    if (values && values.length > 0) parts.push(t(`admin.routing.summary.${key}`, { list: values.join(', ') }));
  };
  add('sources', when.sources?.map((s) => t(`sources.${s}`)));
  add('categories', when.categories?.map((c) => t(`categories.${c}`)));
  add('keywords', when.keywords);
  add('unlessKeywords', when.unlessKeywords);
  add('settlements', when.settlements);
  add('municipalities', when.municipalities?.map((id) => names.bodies.get(id)?.name ?? id));
  return parts.length > 0 ? parts.join('; ') : t('admin.routing.summary.any');
}

/** Where a rule sends an appeal: a body by name, or the dynamic target in words. */
export function targetText(target: RuleTarget, names: Names): string {
  if (target.kind === 'body') return names.bodies.get(target.bodyId)?.name ?? target.bodyId;
  return t(`admin.routing.targets.${target.kind}`);
}

/** Why «проверить» chose that body when no rule did. */
export function routedByText(by: RoutedBy, rule: { name: string } | null): string {
  if (by === 'rule' && rule) return t('admin.routing.check.byRule', { name: rule.name });
  return t(`admin.routing.check.by.${by}`);
}
