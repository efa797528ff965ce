import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appeal, AppealEvent, Reply } from '../shared/domain';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';
import { pullAll, push, replay, uid } from './test-support/sync';

/**
 * Supervisors' mutations: reassignment with a reason (to a clerk or to another municipality),
 * approving and returning replies under an approval policy, and the role rules around them.
 */
describe.each(BACKENDS)('supervision (%s)', (backend) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  const token = (u: string) => tokens[u]!;

  beforeAll(async () => {
    // Replies in Майкоп wait for approval; elsewhere they are published at once.
    s = await startTestServer(backend, { approvalPolicy: { rules: { maykop: ['*'] } } });
    for (const u of ['operator', 'operator2', 'clerk-m2', 'clerk-g', 'head-m', 'curator']) tokens[u] = (await s.login(u)).accessToken;
  });
  afterAll(async () => s?.close());

  async function state(as = 'curator') {
    return replay((await pullAll(s, token(as))).changes);
  }
  async function appealNow(id: string): Promise<Appeal> {
    return (await state()).get(`appeal:${id}`) as Appeal;
  }
  async function historyOf(id: string): Promise<AppealEvent[]> {
    return [...(await state()).entries()]
      .filter(([k, v]) => k.startsWith('event:') && (v as AppealEvent).appealId === id)
      .map(([, v]) => v as AppealEvent)
      .sort((a, b) => a.at.localeCompare(b.at) || a.version - b.version);
  }
  async function replyNow(id: string): Promise<Reply> {
    return (await state()).get(`reply:${id}`) as Reply;
  }

  it('a clerk can make none of the supervisor changes', async () => {
    const a = await appealNow('a-m2');
    const replyId = uid('r');
    const [submitted] = await push(s, token('clerk-m2'), [{ name: 'reply.submit', args: { replyId, appealId: 'a-m2', body: 'Проверим.' } }]);
    expect(submitted?.status).toBe('applied');
    const results = await push(s, token('operator'), [
      { name: 'appeal.assign', args: { appealId: 'a-m2', assigneeId: 'u-clerk-m2', baseVersion: a.version, reason: 'Хочу передать' } },
      { name: 'appeal.reassignMunicipality', args: { appealId: 'a-m2', municipalityId: 'giaginsky', reason: 'Не наш вопрос', baseVersion: a.version } },
      { name: 'reply.approve', args: { replyId, appealId: 'a-m2' } },
      { name: 'reply.return', args: { replyId, appealId: 'a-m2', comment: 'Переделать' } },
    ]);
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
    ]);
    expect(await appealNow('a-m2')).toMatchObject({ municipalityId: 'maykop', assigneeId: 'u-operator', version: a.version });
    expect((await replyNow(replyId)).state).toBe('submitted');
  });

  it('a reassignment to a colleague keeps its reason in the history', async () => {
    const a = await appealNow('a-m3');
    const [r] = await push(s, token('head-m'), [
      { name: 'appeal.assign', args: { appealId: 'a-m3', assigneeId: 'u-clerk-m2', baseVersion: a.version, reason: 'Выравниваем нагрузку' } },
    ]);
    expect(r?.status).toBe('applied');
    const last = (await historyOf('a-m3')).at(-1)!;
    expect(last).toMatchObject({ kind: 'assigned', actorId: 'u-head-m', data: { assigneeId: 'u-clerk-m2', reason: 'Выравниваем нагрузку' } });
  });

  it("an appeal handed to another municipality goes to its least loaded clerk, with the reason, and leaves the old clerk's replica", async () => {
    const opBefore = await pullAll(s, token('operator'));
    const gBefore = await pullAll(s, token('clerk-g'));
    const a = replay(opBefore.changes).get('appeal:a-m1') as Appeal;
    const reason = 'Дорога в ведении Гиагинского района';
    const [stale] = await push(s, token('head-m'), [
      { name: 'appeal.reassignMunicipality', args: { appealId: 'a-m1', municipalityId: 'giaginsky', reason, baseVersion: a.version - 1 } },
    ]);
    expect(stale).toMatchObject({ status: 'rejected', code: 'stale_version', current: { id: 'a-m1' } });
    const [same] = await push(s, token('head-m'), [
      { name: 'appeal.reassignMunicipality', args: { appealId: 'a-m1', municipalityId: 'maykop', reason, baseVersion: a.version } },
    ]);
    expect(same).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const [nowhere] = await push(s, token('head-m'), [
      { name: 'appeal.reassignMunicipality', args: { appealId: 'a-m1', municipalityId: 'atlantis', reason, baseVersion: a.version } },
    ]);
    expect(nowhere).toMatchObject({ status: 'rejected', code: 'not_found' });
    const [noReason] = await push(s, token('head-m'), [
      { name: 'appeal.reassignMunicipality', args: { appealId: 'a-m1', municipalityId: 'giaginsky', reason: '  ', baseVersion: a.version } },
    ]);
    expect(noReason).toMatchObject({ status: 'rejected', code: 'validation_failed' });

    const [moved] = await push(s, token('head-m'), [
      { name: 'appeal.reassignMunicipality', args: { appealId: 'a-m1', municipalityId: 'giaginsky', reason, baseVersion: a.version } },
    ]);
    expect(moved?.status).toBe('applied');
    const after = await appealNow('a-m1');
    expect(after).toMatchObject({ municipalityId: 'giaginsky', assigneeId: 'u-clerk-g', status: 'assigned', version: a.version + 1 });
    const last = (await historyOf('a-m1')).at(-1)!;
    expect(last).toMatchObject({
      kind: 'assigned',
      data: { assigneeId: 'u-clerk-g', fromMunicipalityId: 'maykop', municipalityId: 'giaginsky', reason, by: 'routing' },
    });
    const opAfter = await pullAll(s, token('operator'), opBefore.cursor);
    expect(opAfter.changes.filter((c) => c.op === 'delete').map((c) => `${c.entity}:${c.id}`)).toContain('appeal:a-m1');
    const gState = replay([...gBefore.changes, ...(await pullAll(s, token('clerk-g'), gBefore.cursor)).changes]);
    expect(gState.get('appeal:a-m1')).toMatchObject({ assigneeId: 'u-clerk-g' });
  });

  it('a reply waiting for approval is returned with a comment, then a new one is approved with an edit', async () => {
    const first = uid('r');
    const [sent] = await push(s, token('operator'), [{ name: 'reply.submit', args: { replyId: first, appealId: 'a-m2', body: 'Сделаем когда-нибудь.' } }]);
    expect(sent?.status).toBe('applied');
    expect((await replyNow(first)).state).toBe('submitted');
    const before = await appealNow('a-m2');
    expect(before.firstRespondedAt).toBeNull();

    const [wrongAppeal] = await push(s, token('head-m'), [{ name: 'reply.return', args: { replyId: first, appealId: 'a-m3', comment: 'x' } }]);
    expect(wrongAppeal).toMatchObject({ status: 'rejected', code: 'not_found' });
    const [returned] = await push(s, token('head-m'), [
      { name: 'reply.return', args: { replyId: first, appealId: 'a-m2', comment: 'Укажите срок выполнения работ.' } },
    ]);
    expect(returned?.status).toBe('applied');
    expect((await replyNow(first)).state).toBe('returned');
    expect(await appealNow('a-m2')).toMatchObject({ status: before.status, version: before.version, firstRespondedAt: null });
    expect((await historyOf('a-m2')).at(-1)).toMatchObject({
      kind: 'reply_returned',
      data: { replyId: first, comment: 'Укажите срок выполнения работ.', authorId: 'u-operator' },
    });
    // The author sees the returned reply and the comment in their own replica.
    const mine = await state('operator');
    expect(mine.get(`reply:${first}`)).toMatchObject({ state: 'returned' });

    const [again] = await push(s, token('head-m'), [{ name: 'reply.approve', args: { replyId: first, appealId: 'a-m2' } }]);
    expect(again).toMatchObject({ status: 'rejected', code: 'invalid_transition' });

    const second = uid('r');
    await push(s, token('operator'), [{ name: 'reply.submit', args: { replyId: second, appealId: 'a-m2', body: 'Работы выполним до пятницы.' } }]);
    const edited = 'Работы выполним до пятницы, 14 марта. Администрация МО «Город Майкоп».';
    const [approved] = await push(s, token('curator'), [{ name: 'reply.approve', args: { replyId: second, appealId: 'a-m2', editedBody: edited } }]);
    expect(approved?.status).toBe('applied');
    expect(await replyNow(second)).toMatchObject({ state: 'published', body: edited, authorId: 'u-operator' });
    const answered = await appealNow('a-m2');
    expect(answered.status).toBe('answered');
    expect(answered.firstRespondedAt).not.toBeNull();
    const kinds = (await historyOf('a-m2')).slice(-2);
    expect(kinds.map((e) => e.kind)).toEqual(['reply_approved', 'reply_published']);
    expect(kinds[0]).toMatchObject({ actorId: 'u-curator', data: { replyId: second, edited: true, originalBody: 'Работы выполним до пятницы.' } });
  });

  it('nobody approves their own reply, and a published one is not approved again', async () => {
    const own = uid('r');
    await push(s, token('head-m'), [{ name: 'reply.submit', args: { replyId: own, appealId: 'a-m3', body: 'Ответ руководителя.' } }]);
    expect((await replyNow(own)).state).toBe('submitted');
    const [self] = await push(s, token('head-m'), [{ name: 'reply.approve', args: { replyId: own, appealId: 'a-m3' } }]);
    expect(self).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const [byCurator] = await push(s, token('curator'), [{ name: 'reply.approve', args: { replyId: own, appealId: 'a-m3' } }]);
    expect(byCurator?.status).toBe('applied');
    const [twice] = await push(s, token('curator'), [{ name: 'reply.approve', args: { replyId: own, appealId: 'a-m3' } }]);
    expect(twice).toMatchObject({ status: 'rejected', code: 'invalid_transition' });
    const edits = (await historyOf('a-m3')).filter((e) => e.kind === 'reply_approved');
    expect(edits.at(-1)?.data).toEqual({ replyId: own, edited: false });
  });

  it('replies outside the policy are published straight away', async () => {
    const id = uid('r');
    await push(s, token('operator2'), [{ name: 'reply.submit', args: { replyId: id, appealId: 'a-t1', body: 'Ответ без согласования.' } }]);
    expect((await replyNow(id)).state).toBe('published');
  });
});
