import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appeal, Reply } from '../shared/domain';
import { BACKENDS } from './test-support/backends';
import { startTestServer, type TestServer } from './test-support/server';
import { pullAll, push, replay, uid } from './test-support/sync';

describe.each(BACKENDS)('sync push (%s)', (backend) => {
  let s: TestServer;
  const tokens: Record<string, string> = {};
  const token = (u: string) => tokens[u]!;

  beforeAll(async () => {
    s = await startTestServer(backend);
    for (const u of ['operator', 'operator2', 'clerk-m2', 'head-m', 'curator']) tokens[u] = (await s.login(u)).accessToken;
  });
  afterAll(async () => s?.close());

  async function appealNow(id: string): Promise<Appeal> {
    const state = replay((await pullAll(s, token('curator'))).changes);
    return state.get(`appeal:${id}`) as Appeal;
  }
  async function repliesOf(appealId: string, as = 'curator'): Promise<Reply[]> {
    const state = replay((await pullAll(s, token(as))).changes);
    return [...state.entries()].filter(([k, v]) => k.startsWith('reply:') && (v as Reply).appealId === appealId).map(([, v]) => v as Reply);
  }

  it('pushing the same mutation twice stores one reply, attributed to the signed-in clerk', async () => {
    const m = { id: uid('m'), name: 'reply.submit', args: { replyId: uid('r'), appealId: 'a-m1', body: 'Мусор вывезут завтра.' } };
    expect(await push(s, token('operator'), [m])).toEqual([{ id: m.id, status: 'applied' }]);
    expect(await push(s, token('operator'), [m])).toEqual([{ id: m.id, status: 'duplicate' }]);
    const replies = await repliesOf('a-m1');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ authorId: 'u-operator', authorName: 'Ирина Петрова', state: 'published', body: 'Мусор вывезут завтра.' });
    // A published reply answers the appeal.
    expect((await appealNow('a-m1')).status).toBe('answered');
  });

  it('the same reply id under a new mutation id is a duplicate, not a second reply', async () => {
    const replyId = uid('r');
    const args = { replyId, appealId: 'a-m3', body: 'Проверим и сообщим.' };
    const [first] = await push(s, token('operator'), [{ name: 'reply.submit', args }]);
    const [second] = await push(s, token('operator'), [{ name: 'reply.submit', args }], 'another-client');
    expect(first?.status).toBe('applied');
    expect(second?.status).toBe('duplicate');
    expect((await repliesOf('a-m3')).filter((r) => r.id === replyId)).toHaveLength(1);
  });

  it("a clerk cannot change another municipality's appeal", async () => {
    const results = await push(s, token('operator2'), [
      { name: 'appeal.setStatus', args: { appealId: 'a-m2', status: 'answered', baseVersion: 2 } },
      { name: 'reply.submit', args: { replyId: uid('r'), appealId: 'a-m2', body: 'Чужой ответ' } },
      { name: 'note.add', args: { noteId: uid('n'), appealId: 'a-m2', body: 'Чужая заметка' } },
    ]);
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
    ]);
    expect(results.every((r) => r.current === undefined)).toBe(true);
    expect((await appealNow('a-m2')).status).toBe('in_progress');
  });

  it("a status change on a version someone else changed is rejected as stale, with the server's state", async () => {
    const before = await appealNow('a-m2');
    const [byHead] = await push(s, token('head-m'), [
      { name: 'appeal.setStatus', args: { appealId: 'a-m2', status: 'clarification', baseVersion: before.version } },
    ]);
    expect(byHead?.status).toBe('applied');
    const [byClerk] = await push(s, token('operator'), [
      { name: 'appeal.setStatus', args: { appealId: 'a-m2', status: 'answered', baseVersion: before.version } },
    ]);
    expect(byClerk).toMatchObject({ status: 'rejected', code: 'stale_version' });
    expect(byClerk?.current).toMatchObject({ id: 'a-m2', status: 'clarification', version: before.version + 1 });
  });

  it("the same clerk's consecutive offline changes on one base version are not stale", async () => {
    const base = (await appealNow('a-t1')).version;
    const results = await push(s, token('operator2'), [
      { name: 'appeal.setStatus', args: { appealId: 'a-t1', status: 'in_progress', baseVersion: base } },
      { name: 'note.add', args: { noteId: uid('n'), appealId: 'a-t1', body: 'Позвонила в УК' } },
      { name: 'appeal.setStatus', args: { appealId: 'a-t1', status: 'answered', baseVersion: base } },
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await appealNow('a-t1')).toMatchObject({ status: 'answered', version: base + 2 });
  });

  it('an impossible transition is rejected with the current appeal; a rejection is kept for a re-push', async () => {
    const m = { id: uid('m'), name: 'appeal.setStatus', args: { appealId: 'a-t1', status: 'closed', baseVersion: 99 } };
    const [first] = await push(s, token('operator2'), [m]);
    expect(first).toMatchObject({ status: 'rejected', code: 'validation_failed' });
    const current = await appealNow('a-t1');
    const m2 = { id: uid('m'), name: 'appeal.setStatus', args: { appealId: 'a-t1', status: 'closed', baseVersion: current.version } };
    const [second] = await push(s, token('operator2'), [m2]);
    expect(second).toMatchObject({ status: 'rejected', code: 'invalid_transition', current: { id: 'a-t1', status: 'answered' } });
    const [again] = await push(s, token('operator2'), [m2]);
    expect(again).toMatchObject({ status: 'rejected', code: 'invalid_transition' });
  });

  it('unknown mutations and bad arguments are rejected per mutation, the rest of the batch goes on', async () => {
    const results = await push(s, token('operator'), [
      { name: 'appeal.delete', args: { appealId: 'a-m1' } },
      { name: 'reply.submit', args: { replyId: uid('r'), appealId: 'a-m1', body: '   ' } },
      { name: 'note.add', args: { noteId: uid('n'), appealId: 'a-m1', body: 'Заметка' } },
      { name: 'note.add', args: { noteId: uid('n'), appealId: 'no-such-appeal', body: 'Заметка' } },
    ]);
    expect(results.map((r) => [r.status, r.code])).toEqual([
      ['rejected', 'unknown_mutation'],
      ['rejected', 'validation_failed'],
      ['applied', undefined],
      ['rejected', 'not_found'],
    ]);
  });

  it('only supervisors assign, and on the current version', async () => {
    const v = (await appealNow('a-m3')).version;
    const [byClerk] = await push(s, token('operator'), [{ name: 'appeal.assign', args: { appealId: 'a-m3', assigneeId: 'u-clerk-m2', baseVersion: v } }]);
    expect(byClerk).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const [stale] = await push(s, token('head-m'), [{ name: 'appeal.assign', args: { appealId: 'a-m3', assigneeId: 'u-clerk-m2', baseVersion: v - 1 } }]);
    expect(stale).toMatchObject({ status: 'rejected', code: 'stale_version', current: { id: 'a-m3' } });
    const [outside] = await push(s, token('head-m'), [{ name: 'appeal.assign', args: { appealId: 'a-m3', assigneeId: 'u-operator2', baseVersion: v } }]);
    expect(outside).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const [ok] = await push(s, token('head-m'), [{ name: 'appeal.assign', args: { appealId: 'a-m3', assigneeId: 'u-clerk-m2', baseVersion: v } }]);
    expect(ok?.status).toBe('applied');
    expect(await appealNow('a-m3')).toMatchObject({ assigneeId: 'u-clerk-m2', municipalityId: 'maykop', version: v + 1 });
  });

  it('reassigning to another municipality deletes the appeal and its history for the old clerk and hands it all to the new one', async () => {
    const opBefore = await pullAll(s, token('operator'));
    const op2Before = await pullAll(s, token('operator2'));
    const curBefore = await pullAll(s, token('curator'));
    const appeal = replay(opBefore.changes).get('appeal:a-m1') as Appeal;
    expect(appeal).toBeDefined();
    const [moved] = await push(s, token('curator'), [
      { name: 'appeal.assign', args: { appealId: 'a-m1', assigneeId: 'u-operator2', baseVersion: appeal.version } },
    ]);
    expect(moved?.status).toBe('applied');

    const opAfter = await pullAll(s, token('operator'), opBefore.cursor);
    const deleted = opAfter.changes.filter((c) => c.op === 'delete').map((c) => `${c.entity}:${c.id}`);
    expect(deleted).toContain('appeal:a-m1');
    const opState = replay([...opBefore.changes, ...opAfter.changes]);
    expect([...opState.entries()].filter(([k, v]) => k === 'appeal:a-m1' || (v as { appealId?: string }).appealId === 'a-m1')).toEqual([]);

    const op2After = await pullAll(s, token('operator2'), op2Before.cursor);
    const op2State = replay([...op2Before.changes, ...op2After.changes]);
    expect(op2State.get('appeal:a-m1')).toMatchObject({ municipalityId: 'takhtamukaysky', assigneeId: 'u-operator2' });
    const op2Replies = [...op2State.values()].filter((v) => (v as Reply).appealId === 'a-m1' && (v as Reply).body !== undefined);
    expect(op2Replies.length).toBeGreaterThan(0);
    const history = [...op2State.entries()].filter(([k, v]) => k.startsWith('event:') && (v as Reply).appealId === 'a-m1');
    expect(history.length).toBeGreaterThanOrEqual(3);

    // The region sees the move as an update, never as a delete.
    const curAfter = await pullAll(s, token('curator'), curBefore.cursor);
    expect(curAfter.changes.some((c) => c.op === 'delete')).toBe(false);
    expect(replay(curAfter.changes).get('appeal:a-m1')).toMatchObject({ municipalityId: 'takhtamukaysky' });

    // A reply the old clerk typed offline before the move is kept and reaches the new assignee.
    const replyId = uid('r');
    const [late] = await push(s, token('operator'), [{ name: 'reply.submit', args: { replyId, appealId: 'a-m1', body: 'Написано без связи' } }]);
    expect(late?.status).toBe('applied');
    const op2Late = replay((await pullAll(s, token('operator2'), op2After.cursor)).changes);
    expect(op2Late.get(`reply:${replyId}`)).toMatchObject({ authorId: 'u-operator', appealId: 'a-m1' });
  });
});
