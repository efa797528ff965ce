import { z } from 'zod';
import { attachmentSchema, categorySchema, idSchema, isoDateTime, type Role } from './domain';
import type { Actor } from './permissions';
import { canSeeMunicipality } from './permissions';
import { proseText } from './text';

/**
 * A problem (проблема): one pothole, one broken water main, that many appeals are about. Appeals
 * keep their author, channel and deadline; the problem carries what is common to them: where, the
 * sphere, the body responsible for fixing it, the date it promised, and how far the fix has got.
 * The resolution post and the citizens' ratings hang off a problem by its id (appeal.problemId).
 */

export const PROBLEM_STATES = ['identified', 'in_work', 'solved', 'confirmed'] as const;
export const problemStateSchema = z.enum(PROBLEM_STATES);
export type ProblemState = z.infer<typeof problemStateSchema>;

export const PROBLEM_STATE_LABELS: Record<ProblemState, string> = {
  identified: 'Выявлена',
  in_work: 'В работе',
  solved: 'Решена',
  confirmed: 'Подтверждена',
};

export const PROBLEM_TITLE_MAX_LENGTH = 300;
export const EVIDENCE_COMMENT_MAX_LENGTH = 4000;
export const EVIDENCE_PHOTOS_MAX = 20;
export const UNLINK_REASON_MAX_LENGTH = 1000;

export const EVIDENCE_PHASES = ['before', 'after'] as const;
export const evidencePhaseSchema = z.enum(EVIDENCE_PHASES);
export type EvidencePhase = z.infer<typeof evidencePhaseSchema>;

/**
 * What a problem marked solved shows: photos before and after, and a comment. The photos are
 * attachments like a reply's (uploaded through the attachments path, later when offline).
 */
export const problemEvidenceSchema = z.object({
  comment: proseText(1, EVIDENCE_COMMENT_MAX_LENGTH),
  photos: z.array(z.object({ phase: evidencePhaseSchema, attachment: attachmentSchema })).max(EVIDENCE_PHOTOS_MAX),
});
export type ProblemEvidence = z.infer<typeof problemEvidenceSchema>;

export const problemSchema = z.object({
  id: idSchema,
  title: proseText(1, PROBLEM_TITLE_MAX_LENGTH),
  /** The sphere: the appeals' category. */
  category: categorySchema,
  /** The body whose people own the problem record (where it was identified). */
  municipalityId: idSchema,
  settlement: z.string().max(200).nullable(),
  address: z.string().max(500).nullable(),
  /** The body that is to fix it (a node of the body tree); null until «принято в работу». */
  responsibleBodyId: idSchema.nullable(),
  /** The date the responsible body promised it fixed by. */
  promisedAt: isoDateTime.nullable(),
  state: problemStateSchema,
  /** Set when it is marked solved; kept when it goes back in work, so the history stays readable. */
  evidence: problemEvidenceSchema.nullable(),
  createdBy: idSchema,
  createdAt: isoDateTime,
  solvedAt: isoDateTime.nullable(),
  confirmedAt: isoDateTime.nullable(),
  version: z.number().int().nonnegative(),
  updatedAt: isoDateTime,
});
export type Problem = z.infer<typeof problemSchema>;

/**
 * Who may move a problem where. «Подтверждена» is the citizens' word (the rating flow, acting as
 * 'citizen') or a supervisor's after checking on site; a supervisor may also send a solved or
 * confirmed problem back in work when the fix did not hold.
 */
export type ProblemActorRole = Role | 'citizen';

const TRANSITIONS: readonly { from: ProblemState; to: ProblemState; roles: readonly ProblemActorRole[] }[] = [
  { from: 'identified', to: 'in_work', roles: ['clerk', 'supervisor', 'admin'] },
  { from: 'in_work', to: 'solved', roles: ['clerk', 'supervisor', 'admin'] },
  { from: 'solved', to: 'confirmed', roles: ['supervisor', 'admin', 'citizen'] },
  { from: 'solved', to: 'in_work', roles: ['supervisor', 'admin', 'citizen'] },
  { from: 'confirmed', to: 'in_work', roles: ['supervisor', 'admin'] },
];

export function canTransitionProblem(from: ProblemState, to: ProblemState, role: ProblemActorRole): boolean {
  return TRANSITIONS.some((t) => t.from === from && t.to === to && t.roles.includes(role));
}

export function nextProblemStates(from: ProblemState, role: ProblemActorRole): ProblemState[] {
  return TRANSITIONS.filter((t) => t.from === from && t.roles.includes(role)).map((t) => t.to);
}

/** «Решена» needs proof a citizen would accept: a comment and at least one photo after the fix. */
export function evidenceProblem(evidence: ProblemEvidence | undefined | null): string | null {
  if (!evidence) return 'Нужны фото и комментарий';
  if (!evidence.photos.some((p) => p.phase === 'after')) return 'Нужно хотя бы одно фото «после»';
  return null;
}

/**
 * Who sees a problem: whoever sees its home body, whoever's scope holds the responsible body (the
 * body fixing it sees what it promised), and whoever sees any of its appeals (a district clerk
 * whose appeal was linked into the ЦУР's problem).
 */
export function canSeeProblem(
  actor: Actor,
  problem: Pick<Problem, 'municipalityId' | 'responsibleBodyId'>,
  appealMunicipalityIds: readonly string[] = [],
): boolean {
  if (canSeeMunicipality(actor, problem.municipalityId)) return true;
  if (problem.responsibleBodyId !== null && canSeeMunicipality(actor, problem.responsibleBodyId)) return true;
  return appealMunicipalityIds.some((m) => canSeeMunicipality(actor, m));
}

/** Problems are a supervisor's and a clerk's tool; admins configure, they do not link appeals. */
export function canManageProblems(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'clerk' || actor.role === 'supervisor' || actor.role === 'admin';
}

const version = z.number().int().nonnegative();

/** The push mutations of problems (part of protocol.ts's mutationArgsSchemas). */
export const problemMutationSchemas = {
  /** A new problem, with the appeals it starts from (each linked as by problem.link). */
  'problem.create': z.object({
    problemId: idSchema,
    title: proseText(1, PROBLEM_TITLE_MAX_LENGTH),
    category: categorySchema,
    municipalityId: idSchema,
    settlement: proseText(0, 200).nullable().optional(),
    address: proseText(0, 500).nullable().optional(),
    responsibleBodyId: idSchema.nullable().optional(),
    promisedAt: isoDateTime.nullable().optional(),
    appealIds: z.array(idSchema).max(500).optional(),
  }),
  /**
   * Link an appeal into a problem. `baseProblemId` is the problem the appeal was in when the
   * person linked it (null: none), the basis of the conflict rule (decideProblemLink).
   */
  'problem.link': z.object({
    problemId: idSchema,
    appealId: idSchema,
    baseProblemId: idSchema.nullable(),
  }),
  /** Take an appeal out of a problem; the history keeps that it was in it. */
  'problem.unlink': z.object({
    problemId: idSchema,
    appealId: idSchema,
    reason: proseText(0, UNLINK_REASON_MAX_LENGTH).optional(),
  }),
  /** Move a problem to another state; «solved» needs evidence (evidenceProblem). */
  'problem.setState': z.object({
    problemId: idSchema,
    state: problemStateSchema,
    baseVersion: version,
    evidence: problemEvidenceSchema.optional(),
  }),
  /** «Принято в работу»: who is to fix it and by when. */
  'problem.setPromise': z.object({
    problemId: idSchema,
    responsibleBodyId: idSchema,
    promisedAt: isoDateTime,
    baseVersion: version,
  }),
} as const;

export type ProblemMutationName = keyof typeof problemMutationSchemas;
export type ProblemMutationArgs<N extends ProblemMutationName> = z.infer<(typeof problemMutationSchemas)[N]>;
