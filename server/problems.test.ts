import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appeal, AppealEvent } from '../shared/domain';
import type { Problem } from '../shared/problems';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';
import { pullAll, push, replay, snapshotAll, uid } from './test-support/sync';

/**
 * Problems over the wire: linking appeals (and the rule for two people linking one appeal into two
 * problems), unlinking kept in the history, the promise and the states, and who sees a problem.
 */
describe.each(BACKENDS)('problems (%s)', (backend) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  const token = (u: string) => tokens[u]!;

  beforeAll(async () => {
    s = await startTestServer(backend);
    for (const u of ['operator', 'clerk-m2', 'head-m', 'clerk-g', 'operator2', 'curator']) tokens[u] = (await s.login(u)).accessToken;
  });
  afterAll(async () => s?.close());

  async function state(as = 'curator') {
    return replay((await pullAll(s, token(as))).changes);
  }
  const appealNow = async (id: string, as = 'curator') => (await state(as)).get(`appeal:${id}`) as Appeal;
  const problemNow = async (id: string, as = 'curator') => (await state(as)).get(`problem:${id}`) as Problem | undefined;
  async function historyOf(id: string): Promise<AppealEvent[]> {
    return [...(await state()).values()].filter((v): v is AppealEvent => (v as AppealEvent).appealId === id && 'kind' in (v as object));
  }
  const create = (problemId: string, appealIds: string[], extra: Record<string, unknown> = {}) => ({
    name: 'problem.create',
    args: { problemId, title: 'Яма на ул. Пионерской', category: 'roads', municipalityId: 'maykop', address: 'ул. Пионерская, 5', appealIds, ...extra },
  });

  it('a clerk links two appeals into a new problem; both carry it, their histories say so, and only those who see it get it', async () => {
    const problemId = uid('p');
    const [r] = await push(s, token('operator'), [create(problemId, ['a-m1', 'a-m3'])]);
    expect(r?.status).toBe('applied');
    expect((await appealNow('a-m1')).problemId).toBe(problemId);
    expect((await appealNow('a-m3')).problemId).toBe(problemId);
    expect(await problemNow(problemId, 'operator')).toMatchObject({ state: 'identified', title: 'Яма на ул. Пионерской', createdBy: 'u-operator', version: 1 });
    expect((await historyOf('a-m1')).find((e) => e.kind === 'problem_linked')?.data).toEqual({ problemId, title: 'Яма на ул. Пионерской' });
    // Гиагинский район neither holds an appeal of it nor fixes it.
    expect(await problemNow(problemId, 'clerk-g')).toBeUndefined();
    // Linking moves no appeal's version: a clerk's status change made before it still applies.
    expect((await appealNow('a-m2')).problemId).toBeUndefined();
  });

  it('two supervisors link one appeal into two problems offline: the first to arrive wins, the second is a conflict naming it', async () => {
    const first = uid('p');
    const second = uid('p');
    await push(s, token('head-m'), [create(first, [])]);
    await push(s, token('curator'), [create(second, [])]);
    const [a] = await push(s, token('head-m'), [{ name: 'problem.link', args: { problemId: first, appealId: 'a-m2', baseProblemId: null } }]);
    const [b] = await push(s, token('curator'), [{ name: 'problem.link', args: { problemId: second, appealId: 'a-m2', baseProblemId: null } }]);
    expect(a?.status).toBe('applied');
    expect(b).toMatchObject({ status: 'rejected', code: 'conflict', current: { id: 'a-m2', problemId: first } });
    expect((await appealNow('a-m2')).problemId).toBe(first);
    // Moving it knowingly (on the basis of where it is now) is allowed, and the history keeps both.
    const [moved] = await push(s, token('curator'), [{ name: 'problem.link', args: { problemId: second, appealId: 'a-m2', baseProblemId: first } }]);
    expect(moved?.status).toBe('applied');
    const kinds = (await historyOf('a-m2')).filter((e) => e.kind.startsWith('problem_')).map((e) => [e.kind, e.data.problemId]);
    expect(kinds).toEqual([
      ['problem_linked', first],
      ['problem_unlinked', first],
      ['problem_linked', second],
    ]);
  });

  it('unlinking keeps the reason in the history; unlinking again changes nothing', async () => {
    const problemId = uid('p');
    await push(s, token('operator2'), [{ ...create(problemId, ['a-t1']), args: { ...create(problemId, ['a-t1']).args, municipalityId: 'takhtamukaysky' } }]);
    const unlink = { name: 'problem.unlink', args: { problemId, appealId: 'a-t1', reason: 'Другая улица' } };
    expect((await push(s, token('operator2'), [unlink]))[0]?.status).toBe('applied');
    expect((await push(s, token('operator2'), [unlink]))[0]?.status).toBe('applied');
    expect((await appealNow('a-t1')).problemId).toBeUndefined();
    const unlinked = (await historyOf('a-t1')).filter((e) => e.kind === 'problem_unlinked');
    expect(unlinked.map((e) => e.data.reason)).toEqual(['Другая улица']);
  });

  it('a clerk cannot link an appeal of another body, nor create a problem there', async () => {
    const problemId = uid('p');
    const [r] = await push(s, token('clerk-g'), [create(problemId, [])]);
    expect(r).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const own = uid('p');
    await push(s, token('clerk-g'), [{ ...create(own, []), args: { ...create(own, []).args, municipalityId: 'giaginsky' } }]);
    const [link] = await push(s, token('clerk-g'), [{ name: 'problem.link', args: { problemId: own, appealId: 'a-t1', baseProblemId: null } }]);
    expect(link).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it('«принято в работу»: a promise puts the problem in work and the body fixing it sees it; only a supervisor moves the date', async () => {
    const problemId = uid('p');
    await push(s, token('operator'), [create(problemId, [])]);
    const p0 = (await problemNow(problemId))!;
    const [promise] = await push(s, token('operator'), [
      { name: 'problem.setPromise', args: { problemId, responsibleBodyId: 'giaginsky', promisedAt: '2026-12-20T09:00:00.000Z', baseVersion: p0.version } },
    ]);
    expect(promise?.status).toBe('applied');
    const p1 = (await problemNow(problemId, 'clerk-g'))!;
    expect(p1).toMatchObject({ state: 'in_work', responsibleBodyId: 'giaginsky', promisedAt: '2026-12-20T09:00:00.000Z', version: p0.version + 1 });
    const later = { problemId, responsibleBodyId: 'giaginsky', promisedAt: '2027-01-20T09:00:00.000Z', baseVersion: p1.version };
    expect((await push(s, token('operator'), [{ name: 'problem.setPromise', args: later }]))[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect((await push(s, token('head-m'), [{ name: 'problem.setPromise', args: later }]))[0]?.status).toBe('applied');
    const stale = { ...later, baseVersion: p1.version };
    expect((await push(s, token('head-m'), [{ name: 'problem.setPromise', args: stale }]))[0]).toMatchObject({ status: 'rejected', code: 'stale_version' });
    const nowhere = { ...later, responsibleBodyId: 'no-such-body', baseVersion: p1.version + 1 };
    expect((await push(s, token('head-m'), [{ name: 'problem.setPromise', args: nowhere }]))[0]).toMatchObject({ status: 'rejected', code: 'validation_failed' });
  });

  it('«решена» needs an after photo and a comment; a supervisor confirms; the first download carries the problem as pull does', async () => {
    const problemId = uid('p');
    await push(s, token('operator'), [create(problemId, [], { responsibleBodyId: 'maykop', promisedAt: '2026-12-10T09:00:00.000Z' })]);
    const p0 = (await problemNow(problemId))!;
    expect(p0.state).toBe('in_work');
    const bare = { problemId, state: 'solved', baseVersion: p0.version };
    expect((await push(s, token('operator'), [{ name: 'problem.setState', args: bare }]))[0]).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    const photo = { id: uid('att'), name: 'after.jpg', mime: 'image/jpeg', size: 1000, url: '/api/v1/attachments/x' };
    const evidence = { comment: 'Яму заасфальтировали', photos: [{ phase: 'after', attachment: photo }] };
    expect((await push(s, token('operator'), [{ name: 'problem.setState', args: { ...bare, evidence } }]))[0]?.status).toBe('applied');
    const solved = (await problemNow(problemId))!;
    expect(solved).toMatchObject({ state: 'solved', evidence: { comment: 'Яму заасфальтировали' } });
    expect(solved.solvedAt).not.toBeNull();
    // A clerk does not confirm their own fix; a supervisor (or the citizens) does.
    const confirm = { problemId, state: 'confirmed', baseVersion: solved.version };
    expect((await push(s, token('operator'), [{ name: 'problem.setState', args: confirm }]))[0]).toMatchObject({ status: 'rejected', code: 'invalid_transition' });
    expect((await push(s, token('head-m'), [{ name: 'problem.setState', args: confirm }]))[0]?.status).toBe('applied');

    const snap = await snapshotAll(s, token('operator'));
    const pulled = await state('operator');
    expect(snap.state.get(`problem:${problemId}`)).toEqual(pulled.get(`problem:${problemId}`));
    expect((snap.state.get(`problem:${problemId}`) as Problem).state).toBe('confirmed');
    expect(snap.directory.problems?.map((p) => p.id).sort()).toEqual([...pulled.keys()].filter((k) => k.startsWith('problem:')).map((k) => k.slice(8)).sort());
  });

  it('a new problem whose appeals include one linked elsewhere meanwhile is refused whole: nothing is made, nothing linked', async () => {
    // a-m1 is in a problem since the first test; a-t1 was unlinked from its own.
    const inProblem = (await appealNow('a-m1')).problemId;
    expect(inProblem).toBeDefined();
    expect((await appealNow('a-t1')).problemId).toBeUndefined();
    const late = uid('p');
    const [refused] = await push(s, token('curator'), [create(late, ['a-t1', 'a-m1'])]);
    expect(refused).toMatchObject({ status: 'rejected', code: 'conflict', current: { id: 'a-m1', problemId: inProblem } });
    expect(await problemNow(late)).toBeUndefined();
    expect((await appealNow('a-t1')).problemId).toBeUndefined();
  });
});
