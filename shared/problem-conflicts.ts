import type { Appeal } from './domain';
import type { Decision } from './conflicts';
import type { ErrorCode } from './protocol';
import type { Actor } from './permissions';
import { canSeeAppeal } from './permissions';
import {
  canManageProblems,
  canSeeProblem,
  canTransitionProblem,
  evidenceProblem,
  type Problem,
  type ProblemEvidence,
  type ProblemState,
} from './problems';

/**
 * Conflict rules for problems, in the style of conflicts.ts: the server decides with these against
 * its current state, the workstation predicts with the same functions.
 */

const ok: Decision = { ok: true };
const no = (code: ErrorCode, message: string): Decision => ({ ok: false, code, message });

type LinkAppeal = Pick<Appeal, 'municipalityId'> & { problemId: string | null };
type LinkProblem = Pick<Problem, 'id' | 'municipalityId' | 'responsibleBodyId' | 'state'>;

/**
 * Linking an appeal into a problem.
 *
 * The rule for two supervisors who, offline, link the same appeal into two different problems:
 * the link that reaches the server first wins. Each link carries the problem the appeal was in
 * when it was made (`baseProblemId`); the second link was made on a basis that no longer holds
 * (the appeal is now in the first one's problem), so it is refused as a conflict and its author
 * sees which problem has the appeal. Moving it is then a deliberate act: a new link whose basis is
 * that problem. A link on a true basis moves the appeal (out of its old problem, kept in history).
 * Linking into the problem it is already in is no conflict (both made the same decision).
 */
export function decideProblemLink(input: {
  actor: Actor;
  appeal: LinkAppeal;
  problem: LinkProblem;
  baseProblemId: string | null;
}): Decision {
  const { actor, appeal, problem, baseProblemId } = input;
  if (!canManageProblems(actor)) return no('forbidden', 'You may not link appeals into problems');
  if (!canSeeAppeal(actor, appeal)) return no('forbidden', 'Appeal is outside your scope');
  if (!canSeeProblem(actor, problem, [appeal.municipalityId])) return no('forbidden', 'Problem is outside your scope');
  if (appeal.problemId === problem.id) return ok;
  if (problem.state === 'confirmed') return no('invalid_transition', 'Problem is confirmed solved; reopen it before linking');
  if (appeal.problemId !== baseProblemId) {
    return no('conflict', `Appeal was linked into another problem meanwhile: ${appeal.problemId ?? 'none'}`);
  }
  return ok;
}

/**
 * Unlinking. Taking an appeal out of a problem it is no longer in is a no-op when it is in none
 * (two people unlinked it), and a conflict when someone has moved it into another problem since:
 * their link stands.
 */
export function decideProblemUnlink(input: { actor: Actor; appeal: LinkAppeal; problemId: string }): Decision | { ok: true; noop: true } {
  const { actor, appeal, problemId } = input;
  if (!canManageProblems(actor)) return no('forbidden', 'You may not unlink appeals from problems');
  if (!canSeeAppeal(actor, appeal)) return no('forbidden', 'Appeal is outside your scope');
  if (appeal.problemId === problemId) return ok;
  if (appeal.problemId === null) return { ok: true, noop: true };
  return no('conflict', `Appeal was moved into another problem meanwhile: ${appeal.problemId}`);
}

/**
 * A state change made on `baseVersion`. Like an assignment, it is stale when the problem changed
 * since (someone else solved it, or changed its promise). Asking for the state it already has is
 * no conflict. «Решена» needs evidence.
 */
export function decideProblemState(input: {
  actor: Actor;
  problem: Pick<Problem, 'state' | 'version' | 'municipalityId' | 'responsibleBodyId'>;
  appealMunicipalityIds?: readonly string[];
  to: ProblemState;
  baseVersion: number;
  evidence?: ProblemEvidence;
}): Decision {
  const { actor, problem, to, baseVersion } = input;
  if (!canSeeProblem(actor, problem, input.appealMunicipalityIds)) return no('forbidden', 'Problem is outside your scope');
  if (baseVersion > problem.version) return no('validation_failed', 'baseVersion is ahead of the server');
  if (problem.state === to) return ok;
  if (baseVersion !== problem.version) return no('stale_version', 'Problem was changed since this version');
  if (!canTransitionProblem(problem.state, to, actor.role)) {
    return no('invalid_transition', `Transition ${problem.state} -> ${to} is not allowed for ${actor.role}`);
  }
  if (to === 'solved') {
    const missing = evidenceProblem(input.evidence);
    if (missing) return no('validation_failed', missing);
  }
  return ok;
}

/**
 * «Принято в работу» with a promise. A promise may be set or moved while the problem is not yet
 * solved; moving it needs a supervisor (a clerk sets the first one), so a date does not slide
 * quietly under the monitoring.
 */
export function decideProblemPromise(input: {
  actor: Actor;
  problem: Pick<Problem, 'state' | 'version' | 'municipalityId' | 'responsibleBodyId' | 'promisedAt'>;
  appealMunicipalityIds?: readonly string[];
  baseVersion: number;
}): Decision {
  const { actor, problem, baseVersion } = input;
  if (!canManageProblems(actor)) return no('forbidden', 'You may not set promises');
  if (!canSeeProblem(actor, problem, input.appealMunicipalityIds)) return no('forbidden', 'Problem is outside your scope');
  if (baseVersion > problem.version) return no('validation_failed', 'baseVersion is ahead of the server');
  if (baseVersion !== problem.version) return no('stale_version', 'Problem was changed since this version');
  if (problem.state === 'solved' || problem.state === 'confirmed') {
    return no('invalid_transition', 'Problem is solved; reopen it before promising again');
  }
  if (problem.promisedAt !== null && actor.role === 'clerk') return no('forbidden', 'Only a supervisor may move a promised date');
  return ok;
}

/**
 * A new problem: in the creator's scope, and (when created with a promise) both who and by when.
 * The same id twice is the same problem (a retried create whose mutation id changed): no conflict
 * when it is the creator's, a conflict otherwise.
 */
export function decideProblemCreate(input: {
  actor: Actor;
  municipalityId: string;
  responsibleBodyId?: string | null;
  promisedAt?: string | null;
  existing: Pick<Problem, 'createdBy'> | null;
}): Decision | { ok: true; noop: true } {
  const { actor, existing } = input;
  if (!canManageProblems(actor)) return no('forbidden', 'You may not create problems');
  if (existing) return existing.createdBy === actor.id ? { ok: true, noop: true } : no('conflict', 'A problem with this id exists');
  if (!canSeeAppeal(actor, { municipalityId: input.municipalityId })) return no('forbidden', 'Body is outside your scope');
  if ((input.responsibleBodyId == null) !== (input.promisedAt == null)) {
    return no('validation_failed', 'A promise needs both the responsible body and the date');
  }
  return ok;
}
