import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type OtklikDb } from '../db/schema';
import type { Mutation } from '../../shared/protocol';
import { saveDraft, loadDraft } from '../db/drafts';
import { enqueue, applyPushResults, dismissRejected } from './outbox';
import { replyMutation, statusMutation, assignMutation } from './actions';
import { CLERK, COLLEAGUE, makeAppeal } from './testing/fake-server';

let db: OtklikDb;

beforeEach(async () => {
  db = createDb(`outbox-${crypto.randomUUID()}`);
  await db.appeals.put(makeAppeal({ id: 'a1', status: 'assigned', version: 3 }));
  await db.users.bulkPut([CLERK, COLLEAGUE]);
});

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('enqueue', () => {
  it('shows a status change at once and queues it with the version the clerk saw', async () => {
    const entry = await enqueue(db, CLERK, await statusMutation(db, 'a1', 'in_progress'));

    const appeal = await db.appeals.get('a1');
    expect(appeal?.status).toBe('in_progress');
    expect(appeal?.version).toBe(4);
    expect((await db.shadows.get('a1'))?.status).toBe('assigned');
    const queued = await db.outbox.toArray();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ id: entry.id, state: 'pending', appealId: 'a1', userId: CLERK.id });
    expect(queued[0]!.args).toEqual({ appealId: 'a1', status: 'in_progress', baseVersion: 3 });
  });

  it('a second status change offline still carries the server version, not the local one', async () => {
    await enqueue(db, CLERK, await statusMutation(db, 'a1', 'in_progress'));
    await enqueue(db, CLERK, await statusMutation(db, 'a1', 'answered'));
    const [, second] = await db.outbox.toArray();
    expect(second!.args.baseVersion).toBe(3);
    expect((await db.appeals.get('a1'))?.status).toBe('answered');
  });

  it('writes the effect and the outbox entry in one transaction: a failed entry leaves no effect', async () => {
    const first = await statusMutation(db, 'a1', 'in_progress');
    await enqueue(db, CLERK, first);
    // Same mutation id again: the outbox's unique index refuses it, so the effect must roll back too.
    const again = { ...first, args: { ...first.args, status: 'forwarded' } } as Mutation;
    await expect(enqueue(db, CLERK, again)).rejects.toThrow();
    expect((await db.appeals.get('a1'))?.status).toBe('in_progress');
    expect(await db.outbox.count()).toBe(1);
  });

  it('a sent reply shows as pending and its draft is gone', async () => {
    await saveDraft(db, CLERK.id, 'a1', 'Здравствуйте! Бригада выехала.');
    const mutation = replyMutation('a1', 'Здравствуйте! Бригада выехала.');
    await enqueue(db, CLERK, mutation, { clearDraft: true });

    const replies = await db.replies.where('appealId').equals('a1').toArray();
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ body: 'Здравствуйте! Бригада выехала.', state: 'submitted', pending: true, authorId: CLERK.id });
    expect(await loadDraft(db, CLERK.id, 'a1')).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
  });

  it('refuses an empty reply without touching the database', async () => {
    await expect(enqueue(db, CLERK, replyMutation('a1', '   '))).rejects.toMatchObject({ name: 'InvalidMutationError', code: 'validation_failed' });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.replies.count()).toBe(0);
  });

  it('an assignment moves the appeal to the colleague locally', async () => {
    await enqueue(db, CLERK, await assignMutation(db, 'a1', COLLEAGUE.id));
    expect((await db.appeals.get('a1'))?.assigneeId).toBe(COLLEAGUE.id);
    expect((await db.outbox.toArray())[0]!.args.baseVersion).toBe(3);
  });
});

describe('push results', () => {
  it('drops applied entries, keeps rejected ones with the reason, leaves unanswered ones pending', async () => {
    await db.appeals.put(makeAppeal({ id: 'a2', version: 7 }));
    const e1 = await enqueue(db, CLERK, replyMutation('a1', 'Первый ответ'));
    const e2 = await enqueue(db, CLERK, await statusMutation(db, 'a2', 'in_progress'));
    const e3 = await enqueue(db, CLERK, replyMutation('a2', 'Третий ответ'));
    const server = makeAppeal({ id: 'a2', status: 'closed', version: 9 });

    await applyPushResults(db, [e1, e2, e3], [
      { id: e1.id, status: 'applied' },
      { id: e2.id, status: 'rejected', code: 'stale_version', message: 'changed', current: server },
    ]);

    const outbox = await db.outbox.toArray();
    expect(outbox.map((e) => [e.id, e.state, e.code])).toEqual([
      [e2.id, 'rejected', 'stale_version'],
      [e3.id, 'pending', undefined],
    ]);
    // The refused status change is undone: the clerk sees the appeal as the server has it.
    expect(await db.appeals.get('a2')).toEqual(server);
    expect(await db.shadows.get('a2')).toBeUndefined();
    // The applied reply is no longer pending; the unanswered one still is.
    expect((await db.replies.get(String(e1.args.replyId)))?.pending).toBe(false);
    expect((await db.replies.get(String(e3.args.replyId)))?.pending).toBe(true);
  });

  it('a rejected reply disappears from the thread but its text stays in the outbox until dismissed', async () => {
    const entry = await enqueue(db, CLERK, replyMutation('a1', 'Текст, который нельзя потерять'));
    await applyPushResults(db, [entry], [{ id: entry.id, status: 'rejected', code: 'appeal_closed', message: 'closed' }]);

    expect(await db.replies.count()).toBe(0);
    const [kept] = await db.outbox.toArray();
    expect(kept).toMatchObject({ state: 'rejected', code: 'appeal_closed' });
    expect(kept!.args.body).toBe('Текст, который нельзя потерять');

    await dismissRejected(db, kept!.seq!);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a rejection in the middle re-derives the appeal from server state plus the later pending change', async () => {
    const first = await enqueue(db, CLERK, await statusMutation(db, 'a1', 'in_progress'));
    const second = await enqueue(db, CLERK, await assignMutation(db, 'a1', COLLEAGUE.id));
    await applyPushResults(db, [first], [{ id: first.id, status: 'rejected', code: 'invalid_transition', message: 'no' }]);

    const view = await db.appeals.get('a1');
    expect(view?.status).toBe('assigned');
    expect(view?.assigneeId).toBe(COLLEAGUE.id);
    expect((await db.shadows.get('a1'))?.version).toBe(3);
    expect((await db.outbox.get(second.seq!))?.state).toBe('pending');
  });

  it('dismiss never removes a pending entry', async () => {
    const entry = await enqueue(db, CLERK, replyMutation('a1', 'Ответ'));
    await dismissRejected(db, entry.seq!);
    expect(await db.outbox.count()).toBe(1);
  });
});
