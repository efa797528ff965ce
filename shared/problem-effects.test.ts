import { describe, expect, it } from 'vitest';
import { decideProblemCreate } from './problem-conflicts';
import { newProblem, problemAfterPromise, problemAfterState, problemStateAfterCitizen } from './problem-effects';
import type { Actor } from './permissions';

const clerk: Actor = { id: 'u-operator', role: 'clerk', municipalityId: 'maykop' };
const T0 = '2026-12-01T09:00:00.000Z';
const T1 = '2026-12-02T09:00:00.000Z';
const args = { problemId: 'p-1', title: 'Яма', category: 'roads' as const, municipalityId: 'maykop' };
const evidence = { comment: 'Заасфальтировали', photos: [{ phase: 'after' as const, attachment: { id: 'a', name: 'a.jpg', mime: 'image/jpeg', size: 1 } }] };

describe('a new problem', () => {
  it('is «выявлена» without a promise and «в работе» with one', () => {
    expect(newProblem(args, clerk, T0)).toMatchObject({ state: 'identified', responsibleBodyId: null, promisedAt: null, version: 1, createdBy: 'u-operator' });
    expect(newProblem({ ...args, responsibleBodyId: 'maykop', promisedAt: T1 }, clerk, T0)).toMatchObject({ state: 'in_work', responsibleBodyId: 'maykop', promisedAt: T1 });
  });

  it('is created only in the person’s scope, with a whole promise or none, and the same id again is the same problem only for its creator', () => {
    expect(decideProblemCreate({ actor: clerk, municipalityId: 'maykop', existing: null })).toEqual({ ok: true });
    expect(decideProblemCreate({ actor: clerk, municipalityId: 'giaginsky', existing: null })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decideProblemCreate({ actor: clerk, municipalityId: 'maykop', responsibleBodyId: 'maykop', existing: null })).toMatchObject({ ok: false, code: 'validation_failed' });
    expect(decideProblemCreate({ actor: clerk, municipalityId: 'maykop', existing: { createdBy: 'u-operator' } })).toEqual({ ok: true, noop: true });
    expect(decideProblemCreate({ actor: clerk, municipalityId: 'maykop', existing: { createdBy: 'u-other' } })).toMatchObject({ ok: false, code: 'conflict' });
  });
});

describe('a problem’s state and promise', () => {
  const inWork = newProblem({ ...args, responsibleBodyId: 'maykop', promisedAt: T1 }, clerk, T0);

  it('solving records when and the evidence; confirming keeps the solving date; back in work clears both dates and keeps the evidence', () => {
    const solved = problemAfterState(inWork, 'solved', T1, evidence);
    expect(solved).toMatchObject({ state: 'solved', solvedAt: T1, confirmedAt: null, evidence, version: inWork.version + 1 });
    const confirmed = problemAfterState(solved, 'confirmed', '2026-12-03T09:00:00.000Z');
    expect(confirmed).toMatchObject({ solvedAt: T1, confirmedAt: '2026-12-03T09:00:00.000Z' });
    const reopened = problemAfterState(confirmed, 'in_work', '2026-12-04T09:00:00.000Z');
    expect(reopened).toMatchObject({ state: 'in_work', solvedAt: null, confirmedAt: null, evidence });
    expect(problemAfterState(reopened, 'in_work', T1)).toBe(reopened);
  });

  it('a promise takes an identified problem in work and moves the version', () => {
    const p = newProblem(args, clerk, T0);
    expect(problemAfterPromise(p, 'giaginsky', T1, T1)).toMatchObject({ state: 'in_work', responsibleBodyId: 'giaginsky', promisedAt: T1, version: 2 });
  });
});

describe('the citizens’ word on a problem', () => {
  it('the first «решено» to «отмечена как решённая» confirms it; «не решено» sends it back in work', () => {
    expect(problemStateAfterCitizen('solved', 'solved', true)).toBe('confirmed');
    expect(problemStateAfterCitizen('solved', 'solved', false)).toBe('in_work');
    // Already confirmed: a later «не решено» is the supervisors' to weigh (it reopens the appeal).
    expect(problemStateAfterCitizen('confirmed', 'solved', false)).toBeNull();
    expect(problemStateAfterCitizen('confirmed', 'solved', true)).toBeNull();
  });

  it('answers to the other questions, or a score alone, leave the problem as it is', () => {
    expect(problemStateAfterCitizen('in_work', 'followup', true)).toBeNull();
    expect(problemStateAfterCitizen('in_work', 'answer', false)).toBeNull();
    expect(problemStateAfterCitizen('solved', 'solved', null)).toBeNull();
  });
});
