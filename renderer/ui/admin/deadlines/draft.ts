import type { DurationRule, SourceDeadlineRule } from '../../../../shared/deadlines';
import { deadlineRulesBySourceSchema, type DeadlineRulesBySource } from '../../../../shared/deadline-rules';
import { SOURCES, type Source } from '../../../../shared/domain';

/**
 * «Сроки ответа» as the console edits them: each term as typed (a number in a text field and its
 * unit), so nothing typed is lost to parsing; the rules to store, or which fields are wrong.
 */

export type TermUnit = DurationRule['unit'] | 'none';
export interface TermDraft {
  amount: string;
  unit: TermUnit;
}
export type TermField = 'firstResponse' | 'urgentFirstResponse' | 'final';
export type SourceDraft = Record<TermField, TermDraft>;
export type RulesDraft = Record<Source, SourceDraft>;

const term = (r: DurationRule | null | undefined): TermDraft => (r ? { amount: String(r.amount), unit: r.unit } : { amount: '', unit: 'none' });

export function draftOf(rules: DeadlineRulesBySource): RulesDraft {
  return Object.fromEntries(
    SOURCES.map((s) => [s, { firstResponse: term(rules[s].firstResponse), urgentFirstResponse: term(rules[s].urgentFirstResponse), final: term(rules[s].final) }]),
  ) as RulesDraft;
}

function rule(d: TermDraft): DurationRule | null {
  if (d.unit === 'none') return null;
  const amount = /^\s*\d+\s*$/.test(d.amount) ? Number(d.amount) : Number.NaN;
  return { unit: d.unit, amount };
}

/**
 * The rules to store, keeping what the draft does not show (a source's urgent final term), or the
 * fields to fix as `source.field`. A final term is required; the urgent first response left empty
 * means «as for any appeal».
 */
export function rulesOf(draft: RulesDraft, base: DeadlineRulesBySource): { ok: true; rules: DeadlineRulesBySource } | { ok: false; wrong: Set<string> } {
  const wrong = new Set<string>();
  const out = {} as Record<Source, SourceDeadlineRule>;
  for (const s of SOURCES) {
    const d = draft[s];
    const final = rule(d.final);
    if (!final) wrong.add(`${s}.final`);
    const urgent = rule(d.urgentFirstResponse);
    out[s] = {
      firstResponse: rule(d.firstResponse),
      ...(urgent ? { urgentFirstResponse: urgent } : {}),
      final: final ?? { unit: 'workingDays', amount: Number.NaN },
      ...(base[s].urgentFinal ? { urgentFinal: base[s].urgentFinal } : {}),
    };
  }
  const parsed = deadlineRulesBySourceSchema.safeParse(out);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [source, field] = issue.path as [string, string];
      if (field === 'firstResponse' || field === 'urgentFirstResponse' || field === 'final') wrong.add(`${source}.${field}`);
    }
  }
  if (wrong.size > 0 || !parsed.success) return { ok: false, wrong };
  return { ok: true, rules: parsed.data as DeadlineRulesBySource };
}
