import type { Actor } from './permissions';
import { canTransitionProblem, type Problem, type ProblemEvidence, type ProblemMutationArgs, type ProblemState } from './problems';

/**
 * What each problem mutation does to the record: the server writes it, and the workstation shows
 * it before the server has answered (the pending outbox folded over the server's row).
 */

export function newProblem(args: ProblemMutationArgs<'problem.create'>, actor: Pick<Actor, 'id'>, now: string): Problem {
  const promised = args.responsibleBodyId != null && args.promisedAt != null;
  return {
    id: args.problemId,
    title: args.title,
    category: args.category,
    municipalityId: args.municipalityId,
    settlement: args.settlement || null,
    address: args.address || null,
    responsibleBodyId: promised ? args.responsibleBodyId! : null,
    promisedAt: promised ? args.promisedAt! : null,
    // A problem created with a promise was taken in work as it was identified.
    state: promised ? 'in_work' : 'identified',
    evidence: null,
    createdBy: actor.id,
    createdAt: now,
    solvedAt: null,
    confirmedAt: null,
    version: 1,
    updatedAt: now,
  };
}

/**
 * A state change. Going back in work clears the dates of solving and confirming (the state says
 * where it is now) but keeps the evidence, so whoever reopens it sees what was claimed.
 */
export function problemAfterState(p: Problem, to: ProblemState, now: string, evidence?: ProblemEvidence): Problem {
  if (p.state === to) return p;
  return {
    ...p,
    state: to,
    evidence: to === 'solved' && evidence ? evidence : p.evidence,
    solvedAt: to === 'solved' ? now : to === 'confirmed' ? p.solvedAt : null,
    confirmedAt: to === 'confirmed' ? now : null,
    version: p.version + 1,
    updatedAt: now,
  };
}

/** «Принято в работу»: who fixes it and by when; an identified problem is in work from then. */
export function problemAfterPromise(p: Problem, responsibleBodyId: string, promisedAt: string, now: string): Problem {
  return {
    ...p,
    responsibleBodyId,
    promisedAt,
    state: p.state === 'identified' ? 'in_work' : p.state,
    version: p.version + 1,
    updatedAt: now,
  };
}

/**
 * What a citizen's answer to «отмечена как решённая — это так?» does to the problem: the first
 * «решено» confirms it (подтверждена is the citizens' word), a «не решено» sends it back in work.
 * Answers to the other questions (after the answer, four weeks after a promise) leave the problem
 * to the people working it: only the body marks it solved, with its evidence. null: no change.
 */
export function problemStateAfterCitizen(state: ProblemState, reason: 'answer' | 'solved' | 'followup', solved: boolean | null): ProblemState | null {
  if (reason !== 'solved' || solved === null) return null;
  const to: ProblemState = solved ? 'confirmed' : 'in_work';
  return canTransitionProblem(state, to, 'citizen') ? to : null;
}
