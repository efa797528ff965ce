import { describe, expect, it } from 'vitest';
import { decideProblemLink, decideProblemPromise, decideProblemState, decideProblemUnlink } from './problem-conflicts';
import type { Actor } from './permissions';
import { canSeeProblem, canTransitionProblem, problemMutationSchemas, type ProblemEvidence } from './problems';

const headA: Actor = { id: 'u-head-a', role: 'supervisor', municipalityId: 'maykop' };
const headB: Actor = { id: 'u-head-b', role: 'supervisor', municipalityId: 'maykop' };
const clerk: Actor = { id: 'u-operator', role: 'clerk', municipalityId: 'maykop' };
const neighbour: Actor = { id: 'u-operator2', role: 'clerk', municipalityId: 'takhtamukaysky' };
const cur: Actor = { id: 'u-cur', role: 'supervisor', municipalityId: null };

const problem = (id: string, state: 'identified' | 'in_work' | 'solved' | 'confirmed' = 'identified') => ({
  id,
  municipalityId: 'maykop',
  responsibleBodyId: null,
  state,
});

const photo = (phase: 'before' | 'after') => ({ phase, attachment: { id: `att-${phase}`, name: `${phase}.jpg`, mime: 'image/jpeg', size: 1000 } });

describe('two supervisors link the same appeal into two problems offline', () => {
  it('the first link to arrive wins; the second, made when the appeal was in no problem, is a conflict', () => {
    // Both saw the appeal in no problem. Supervisor A's link into «яма» reached the server first.
    const first = decideProblemLink({ actor: headA, appeal: { municipalityId: 'maykop', problemId: null }, problem: problem('p-pit'), baseProblemId: null });
    expect(first).toEqual({ ok: true });
    const second = decideProblemLink({ actor: headB, appeal: { municipalityId: 'maykop', problemId: 'p-pit' }, problem: problem('p-water'), baseProblemId: null });
    expect(second).toMatchObject({ ok: false, code: 'conflict' });
    if (!second.ok) expect(second.message).toContain('p-pit');
  });

  it('moving it afterwards on purpose (knowing it is in the first problem) is accepted', () => {
    const move = decideProblemLink({ actor: headB, appeal: { municipalityId: 'maykop', problemId: 'p-pit' }, problem: problem('p-water'), baseProblemId: 'p-pit' });
    expect(move).toEqual({ ok: true });
  });

  it('both linking it into the same problem is no conflict', () => {
    const again = decideProblemLink({ actor: headB, appeal: { municipalityId: 'maykop', problemId: 'p-pit' }, problem: problem('p-pit'), baseProblemId: null });
    expect(again).toEqual({ ok: true });
  });

  it('an appeal outside the person’s scope cannot be linked; a confirmed problem takes no new appeals', () => {
    expect(decideProblemLink({ actor: neighbour, appeal: { municipalityId: 'maykop', problemId: null }, problem: problem('p-pit'), baseProblemId: null })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(
      decideProblemLink({ actor: headA, appeal: { municipalityId: 'maykop', problemId: null }, problem: problem('p-old', 'confirmed'), baseProblemId: null }),
    ).toMatchObject({ ok: false, code: 'invalid_transition' });
  });
});

describe('unlinking', () => {
  it('takes the appeal out; a second unlink of an appeal in no problem is a no-op; one moved elsewhere meanwhile stays there', () => {
    expect(decideProblemUnlink({ actor: clerk, appeal: { municipalityId: 'maykop', problemId: 'p-pit' }, problemId: 'p-pit' })).toEqual({ ok: true });
    expect(decideProblemUnlink({ actor: clerk, appeal: { municipalityId: 'maykop', problemId: null }, problemId: 'p-pit' })).toEqual({ ok: true, noop: true });
    expect(decideProblemUnlink({ actor: clerk, appeal: { municipalityId: 'maykop', problemId: 'p-water' }, problemId: 'p-pit' })).toMatchObject({
      ok: false,
      code: 'conflict',
    });
  });
});

describe('problem states', () => {
  const base = { municipalityId: 'maykop', responsibleBodyId: null };
  const evidence: ProblemEvidence = { comment: 'Яму заделали', photos: [photo('before'), photo('after')] };

  it('follow выявлена → в работе → решена → подтверждена, with the citizens or a supervisor confirming', () => {
    expect(canTransitionProblem('identified', 'in_work', 'clerk')).toBe(true);
    expect(canTransitionProblem('in_work', 'solved', 'clerk')).toBe(true);
    expect(canTransitionProblem('solved', 'confirmed', 'clerk')).toBe(false);
    expect(canTransitionProblem('solved', 'confirmed', 'citizen')).toBe(true);
    expect(canTransitionProblem('solved', 'confirmed', 'supervisor')).toBe(true);
    expect(canTransitionProblem('identified', 'solved', 'supervisor')).toBe(false);
    expect(canTransitionProblem('solved', 'in_work', 'citizen')).toBe(true);
  });

  it('«решена» without an after photo is refused; with a comment and an after photo it is accepted', () => {
    const noAfter = decideProblemState({ actor: clerk, problem: { ...base, state: 'in_work', version: 2 }, to: 'solved', baseVersion: 2, evidence: { comment: 'Готово', photos: [photo('before')] } });
    expect(noAfter).toMatchObject({ ok: false, code: 'validation_failed' });
    expect(decideProblemState({ actor: clerk, problem: { ...base, state: 'in_work', version: 2 }, to: 'solved', baseVersion: 2 })).toMatchObject({ ok: false });
    expect(decideProblemState({ actor: clerk, problem: { ...base, state: 'in_work', version: 2 }, to: 'solved', baseVersion: 2, evidence })).toEqual({ ok: true });
  });

  it('a state change made on an older version is stale, unless it asks for the state the problem already has', () => {
    expect(decideProblemState({ actor: headB, problem: { ...base, state: 'in_work', version: 3 }, to: 'solved', baseVersion: 2, evidence })).toMatchObject({
      ok: false,
      code: 'stale_version',
    });
    expect(decideProblemState({ actor: headB, problem: { ...base, state: 'solved', version: 3 }, to: 'solved', baseVersion: 2, evidence })).toEqual({ ok: true });
  });

  it('evidence must be a comment and at most twenty photos', () => {
    const schema = problemMutationSchemas['problem.setState'];
    expect(schema.safeParse({ problemId: 'p', state: 'solved', baseVersion: 1, evidence: { comment: '', photos: [] } }).success).toBe(false);
    expect(schema.safeParse({ problemId: 'p', state: 'solved', baseVersion: 1, evidence }).success).toBe(true);
  });
});

describe('promises and scope', () => {
  it('a clerk sets the first promise; only a supervisor moves it; a solved problem takes no promise', () => {
    const open = { municipalityId: 'maykop', responsibleBodyId: null, state: 'in_work' as const, version: 1 };
    expect(decideProblemPromise({ actor: clerk, problem: { ...open, promisedAt: null }, baseVersion: 1 })).toEqual({ ok: true });
    expect(decideProblemPromise({ actor: clerk, problem: { ...open, promisedAt: '2026-12-20T00:00:00Z' }, baseVersion: 1 })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decideProblemPromise({ actor: headA, problem: { ...open, promisedAt: '2026-12-20T00:00:00Z' }, baseVersion: 1 })).toEqual({ ok: true });
    expect(decideProblemPromise({ actor: headA, problem: { ...open, state: 'solved', promisedAt: null }, baseVersion: 1 })).toMatchObject({ ok: false });
  });

  it('a problem is seen by its home body, by the responsible body, by whoever sees one of its appeals, and by the ЦУР', () => {
    const p = { municipalityId: 'maykop', responsibleBodyId: 'takhtamukaysky' };
    expect(canSeeProblem(neighbour, p)).toBe(true);
    expect(canSeeProblem(neighbour, { municipalityId: 'maykop', responsibleBodyId: null })).toBe(false);
    expect(canSeeProblem(neighbour, { municipalityId: 'maykop', responsibleBodyId: null }, ['takhtamukaysky'])).toBe(true);
    expect(canSeeProblem(cur, { municipalityId: 'maykop', responsibleBodyId: null })).toBe(true);
  });
});
