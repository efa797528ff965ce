import type { User } from '../../shared/domain';
import { newProblem, problemAfterPromise, problemAfterState } from '../../shared/problem-effects';
import type { Problem, ProblemMutationArgs, ProblemState } from '../../shared/problems';
import type { OtklikDb, OutboxEntry } from '../db/schema';

/** A problem as the workstation shows it: the server's row with this workstation's pending changes on top. */
export interface ProblemView extends Problem {
  /** Some of what is shown is not yet on the server. */
  pending: boolean;
}

const PROBLEM_ENTRIES = new Set(['problem.create', 'problem.setState', 'problem.setPromise']);

export function isProblemEntry(entry: Pick<OutboxEntry, 'name'>): boolean {
  return PROBLEM_ENTRIES.has(entry.name);
}

/**
 * Folds pending problem entries (in outbox order) over the server's rows, with the same shared/
 * functions the server applies. A problem that exists only in the outbox (created offline) is
 * shown from its create. A refused entry is not folded: the server's row stands.
 */
export function foldProblems(rows: readonly Problem[], entries: readonly OutboxEntry[], user: Pick<User, 'id'>): Map<string, ProblemView> {
  const out = new Map<string, ProblemView>(rows.map((p) => [p.id, { ...p, pending: false }]));
  for (const e of entries) {
    if (e.state !== 'pending' || !isProblemEntry(e)) continue;
    const id = String(e.args.problemId);
    const current = out.get(id);
    let next: Problem | undefined;
    if (e.name === 'problem.create') {
      next = current ?? newProblem(e.args as ProblemMutationArgs<'problem.create'>, user, e.createdAt);
    } else if (current && e.name === 'problem.setState') {
      const args = e.args as ProblemMutationArgs<'problem.setState'>;
      next = problemAfterState(current, args.state as ProblemState, e.createdAt, args.evidence);
    } else if (current && e.name === 'problem.setPromise') {
      const args = e.args as ProblemMutationArgs<'problem.setPromise'>;
      next = problemAfterPromise(current, args.responsibleBodyId, args.promisedAt, e.createdAt);
    }
    if (next) out.set(id, { ...next, pending: true });
  }
  return out;
}

/** Every problem of the replica as shown; the outbox's pending entries are a handful, the problems a few hundred. */
export async function loadProblems(db: OtklikDb, user: Pick<User, 'id'>): Promise<Map<string, ProblemView>> {
  const [rows, entries] = await Promise.all([db.problems.toArray(), db.outbox.where('state').equals('pending').toArray()]);
  return foldProblems(rows, entries, user);
}
