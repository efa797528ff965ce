import type { Appeal } from '../../shared/domain';
import { decideProblemCreate, decideProblemLink, decideProblemPromise, decideProblemState, decideProblemUnlink } from '../../shared/problem-conflicts';
import { newProblem, problemAfterPromise, problemAfterState } from '../../shared/problem-effects';
import type { Problem } from '../../shared/problems';
import type { MutationArgs } from '../../shared/protocol';
import { loadAppealForUpdate } from '../repo/appeals';
import { insertProblem, loadProblemForUpdate, problemAppealBodies, problemAppealIds, recordProblem, saveProblem } from '../repo/problems';
import { askForRating } from '../ratings/ask';
import { municipalityScope } from '../scopes';
import { addEvent } from './history';
import { applied, rejected, type MutationContext, type Outcome } from './types';

/**
 * Problems: many appeals about one pothole. Linking writes the appeal's `problem_id` (its row goes
 * out with `problemId`) and an event in its history; the appeal's version is not moved, as nothing
 * a clerk decides on (status, assignee, sphere) changed. Each problem change is recorded for
 * every body that sees the problem (repo/problems.ts recordProblem).
 */

async function setAppealProblem(ctx: MutationContext, appeal: Appeal, problem: Problem | null, kind: 'problem_linked' | 'problem_unlinked', data: Record<string, unknown>): Promise<void> {
  await ctx.q.query('UPDATE appeals SET problem_id = $2 WHERE id = $1', [appeal.id, problem?.id ?? null]);
  ctx.changes.upsert('appeal', appeal.id, municipalityScope(appeal.municipalityId));
  await addEvent(ctx, appeal, kind, data);
}

async function bodyExists(ctx: MutationContext, id: string | null | undefined): Promise<boolean> {
  if (id == null) return true;
  return (await ctx.q.query('SELECT 1 FROM bodies WHERE id = $1', [id])).rows.length > 0;
}

async function link(ctx: MutationContext, problem: Problem, appealId: string, baseProblemId: string | null): Promise<Outcome> {
  const appeal = await loadAppealForUpdate(ctx.q, appealId);
  if (!appeal) return rejected('not_found', 'Appeal not found');
  const current = appeal.problemId ?? null;
  const decision = decideProblemLink({ actor: ctx.actor, appeal: { municipalityId: appeal.municipalityId, problemId: current }, problem, baseProblemId });
  if (!decision.ok) return rejected(decision.code, decision.message, decision.code === 'conflict' ? appeal : undefined);
  if (current === problem.id) return applied;
  if (current !== null) {
    const old = await loadProblemForUpdate(ctx.q, current);
    await addEvent(ctx, appeal, 'problem_unlinked', { problemId: current, title: old?.title ?? '', reason: 'moved' });
    if (old) await recordProblem(ctx.q, ctx.changes, old);
  }
  await setAppealProblem(ctx, appeal, problem, 'problem_linked', { problemId: problem.id, title: problem.title });
  await recordProblem(ctx.q, ctx.changes, problem);
  return applied;
}

export async function createProblem(ctx: MutationContext, args: MutationArgs<'problem.create'>): Promise<Outcome> {
  const existing = await loadProblemForUpdate(ctx.q, args.problemId);
  const decision = decideProblemCreate({ actor: ctx.actor, municipalityId: args.municipalityId, responsibleBodyId: args.responsibleBodyId, promisedAt: args.promisedAt, existing });
  if (!decision.ok) return rejected(decision.code, decision.message);
  if (!(await bodyExists(ctx, args.responsibleBodyId))) return rejected('validation_failed', 'Responsible body not found');
  const problem = existing ?? newProblem(args, ctx.actor, ctx.now);
  // The appeals it starts from link as problem.link would: one that is in another problem by now
  // stays there, and refuses the whole create. Checked before anything is written, as a refused
  // mutation's transaction still commits (its refusal is recorded).
  for (const appealId of args.appealIds ?? []) {
    const appeal = await loadAppealForUpdate(ctx.q, appealId);
    if (!appeal) return rejected('not_found', 'Appeal not found');
    const d = decideProblemLink({ actor: ctx.actor, appeal: { municipalityId: appeal.municipalityId, problemId: appeal.problemId ?? null }, problem, baseProblemId: null });
    if (!d.ok) return rejected(d.code, d.message, d.code === 'conflict' ? appeal : undefined);
  }
  if (!existing) {
    await insertProblem(ctx.q, problem);
    if (problem.promisedAt !== null) await ctx.q.query('UPDATE problems SET promise_made_at = $2 WHERE id = $1', [problem.id, ctx.now]);
  }
  await recordProblem(ctx.q, ctx.changes, problem);
  for (const appealId of args.appealIds ?? []) await link(ctx, problem, appealId, null);
  return applied;
}

export async function linkProblem(ctx: MutationContext, args: MutationArgs<'problem.link'>): Promise<Outcome> {
  const problem = await loadProblemForUpdate(ctx.q, args.problemId);
  if (!problem) return rejected('not_found', 'Problem not found');
  return link(ctx, problem, args.appealId, args.baseProblemId);
}

export async function unlinkProblem(ctx: MutationContext, args: MutationArgs<'problem.unlink'>): Promise<Outcome> {
  const appeal = await loadAppealForUpdate(ctx.q, args.appealId);
  if (!appeal) return rejected('not_found', 'Appeal not found');
  const decision = decideProblemUnlink({ actor: ctx.actor, appeal: { municipalityId: appeal.municipalityId, problemId: appeal.problemId ?? null }, problemId: args.problemId });
  if (!decision.ok) return rejected(decision.code, decision.message, decision.code === 'conflict' ? appeal : undefined);
  if ('noop' in decision) return applied;
  const problem = await loadProblemForUpdate(ctx.q, args.problemId);
  await setAppealProblem(ctx, appeal, null, 'problem_unlinked', { problemId: args.problemId, title: problem?.title ?? '', reason: args.reason ?? '' });
  if (problem) await recordProblem(ctx.q, ctx.changes, problem);
  return applied;
}

export async function setProblemState(ctx: MutationContext, args: MutationArgs<'problem.setState'>): Promise<Outcome> {
  const problem = await loadProblemForUpdate(ctx.q, args.problemId);
  if (!problem) return rejected('not_found', 'Problem not found');
  const decision = decideProblemState({
    actor: ctx.actor,
    problem,
    appealMunicipalityIds: await problemAppealBodies(ctx.q, problem.id),
    to: args.state,
    baseVersion: args.baseVersion,
    evidence: args.evidence,
  });
  if (!decision.ok) return rejected(decision.code, decision.message);
  const next = problemAfterState(problem, args.state, ctx.now, args.evidence);
  if (next === problem) return applied;
  await saveProblem(ctx.q, next);
  await recordProblem(ctx.q, ctx.changes, next);
  if (next.state === 'solved') {
    // Each author is asked again, now about the fix itself (once per appeal: a problem solved
    // twice does not ask twice).
    for (const appealId of await problemAppealIds(ctx.q, next.id)) {
      const appeal = await loadAppealForUpdate(ctx.q, appealId);
      if (appeal) await askForRating(ctx.q, ctx.changes, appeal, 'solved', ctx.now);
    }
  }
  return applied;
}

export async function setProblemPromise(ctx: MutationContext, args: MutationArgs<'problem.setPromise'>): Promise<Outcome> {
  const problem = await loadProblemForUpdate(ctx.q, args.problemId);
  if (!problem) return rejected('not_found', 'Problem not found');
  const decision = decideProblemPromise({ actor: ctx.actor, problem, appealMunicipalityIds: await problemAppealBodies(ctx.q, problem.id), baseVersion: args.baseVersion });
  if (!decision.ok) return rejected(decision.code, decision.message);
  if (!(await bodyExists(ctx, args.responsibleBodyId))) return rejected('validation_failed', 'Responsible body not found');
  const next = problemAfterPromise(problem, args.responsibleBodyId, args.promisedAt, ctx.now);
  await saveProblem(ctx.q, next);
  await ctx.q.query('UPDATE problems SET promise_made_at = $2 WHERE id = $1', [next.id, ctx.now]);
  await recordProblem(ctx.q, ctx.changes, next);
  return applied;
}
