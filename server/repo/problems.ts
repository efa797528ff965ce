import type { Problem } from '../../shared/problems';
import { problemAfterState, problemStateAfterCitizen } from '../../shared/problem-effects';
import type { Queryable } from '../db/types';
import type { ChangeSet } from '../changes';
import { municipalityScope } from '../scopes';

/** The problem as the wire protocol has it, locked for the rest of the transaction. */
export async function loadProblemForUpdate(q: Queryable, id: string): Promise<Problem | null> {
  const res = await q.query<{ data: Problem }>('SELECT problem_json(p) AS data FROM problems p WHERE p.id = $1 FOR UPDATE', [id]);
  return res.rows[0]?.data ?? null;
}

export async function insertProblem(q: Queryable, p: Problem): Promise<void> {
  await q.query(
    `INSERT INTO problems (id, title, category, municipality_id, settlement, address, responsible_body_id, promised_at, state,
       evidence, created_by, created_at, solved_at, confirmed_at, version, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16)`,
    [
      p.id, p.title, p.category, p.municipalityId, p.settlement, p.address, p.responsibleBodyId, p.promisedAt, p.state,
      p.evidence === null ? null : JSON.stringify(p.evidence), p.createdBy, p.createdAt, p.solvedAt, p.confirmedAt, p.version, p.updatedAt,
    ],
  );
}

/** Writes what a state change or a promise may change. */
export async function saveProblem(q: Queryable, p: Problem): Promise<void> {
  await q.query(
    `UPDATE problems SET responsible_body_id = $2, promised_at = $3, state = $4, evidence = $5::jsonb, solved_at = $6,
       confirmed_at = $7, version = $8, updated_at = $9 WHERE id = $1`,
    [p.id, p.responsibleBodyId, p.promisedAt, p.state, p.evidence === null ? null : JSON.stringify(p.evidence), p.solvedAt, p.confirmedAt, p.version, p.updatedAt],
  );
}

/** The bodies of the appeals linked into the problem. */
export async function problemAppealBodies(q: Queryable, problemId: string): Promise<string[]> {
  const res = await q.query<{ m: string }>('SELECT DISTINCT municipality_id AS m FROM appeals WHERE problem_id = $1', [problemId]);
  return res.rows.map((r) => r.m);
}

export async function problemAppealIds(q: Queryable, problemId: string): Promise<string[]> {
  const res = await q.query<{ id: string }>('SELECT id FROM appeals WHERE problem_id = $1 ORDER BY received_at, id', [problemId]);
  return res.rows.map((r) => r.id);
}

/**
 * The problem's change rows go to every body that sees it (shared/problems.ts canSeeProblem): its
 * home body, the body fixing it, and each body holding one of its appeals. A body that stops being
 * one of these keeps its copy (as a follower keeps a forwarded appeal): a problem is no secret.
 */
export async function recordProblem(q: Queryable, changes: ChangeSet, problem: Pick<Problem, 'id' | 'municipalityId' | 'responsibleBodyId'>): Promise<void> {
  for (const body of await problemBodies(q, problem)) changes.upsert('problem', problem.id, municipalityScope(body));
}

/** The bodies that see a problem (and its posts): its home, the body fixing it, its appeals' bodies. */
export async function problemBodies(q: Queryable, problem: Pick<Problem, 'id' | 'municipalityId' | 'responsibleBodyId'>): Promise<Set<string>> {
  const bodies = new Set([problem.municipalityId, ...(await problemAppealBodies(q, problem.id))]);
  if (problem.responsibleBodyId !== null) bodies.add(problem.responsibleBodyId);
  return bodies;
}

/**
 * The citizen's answer to a rating question, on the appeal's problem (shared/problem-effects.ts
 * problemStateAfterCitizen): confirmed by a «решено» to «отмечена как решённая», back in work on a
 * «не решено». In the rating's transaction.
 */
export async function applyCitizenWord(
  q: Queryable,
  changes: ChangeSet,
  problemId: string | undefined,
  reason: 'answer' | 'solved' | 'followup',
  solved: boolean | null,
  now: string,
): Promise<void> {
  if (!problemId) return;
  const problem = await loadProblemForUpdate(q, problemId);
  if (!problem) return;
  const to = problemStateAfterCitizen(problem.state, reason, solved);
  if (to === null) return;
  const next = problemAfterState(problem, to, now);
  await saveProblem(q, next);
  await recordProblem(q, changes, next);
}
