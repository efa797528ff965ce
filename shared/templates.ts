import type { Template } from './domain';
import type { Actor } from './permissions';
import { isSupervisorRole } from './permissions';

/** Variables a template may use, in the order a clerk is shown them. */
export const TEMPLATE_VARIABLES = ['citizenName', 'address', 'deadline', 'municipality', 'clerkName'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

export const TEMPLATE_TITLE_MAX_LENGTH = 200;

/**
 * Fills `{{name}}` placeholders. A variable without a value stays visible as `{{name}}`, so the
 * clerk sees what is still to be written instead of a silent gap in the letter.
 */
export function fillTemplate(body: string, values: TemplateValues): string {
  return body.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = (values as Record<string, string | undefined>)[name];
    return value !== undefined && value !== '' ? value : whole;
  });
}

/** Placeholders left unfilled in a text: the clerk must replace them before sending. */
export function unfilledVariables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!))];
}

/** Who may see a template: shared ones everybody of its scope, own ones only their owner. */
export function canUseTemplate(actor: Actor, t: Pick<Template, 'ownerId' | 'municipalityId'>): boolean {
  if (t.ownerId !== null) return t.ownerId === actor.id;
  return t.municipalityId === null || actor.municipalityId === null || t.municipalityId === actor.municipalityId;
}

/**
 * Clerks keep their own templates; shared ones (ownerId null) are managed by supervisors, a
 * municipal one only by a supervisor of that municipality or of the region.
 */
export function canManageTemplate(actor: Actor, t: Pick<Template, 'ownerId' | 'municipalityId'>): boolean {
  if (t.ownerId !== null) return t.ownerId === actor.id;
  if (!isSupervisorRole(actor.role)) return false;
  return actor.municipalityId === null || t.municipalityId === actor.municipalityId;
}
