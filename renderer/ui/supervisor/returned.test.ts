import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppealEvent, Reply } from '../../../shared/domain';
import { loadAwaitingApproval, loadReviewQueue } from '../../analytics/approvals';
import { loadDraft, saveDraft } from '../../db/drafts';
import { createDb, type OtklikDb } from '../../db/schema';
import { CLERK, makeAppeal } from '../../sync/testing/fake-server';
import { loadReturned, restoreReturnedDrafts } from './returned';

let db: OtklikDb;

const reply = (id: string, appealId: string, state: Reply['state'], createdAt: string, body = `Текст ${id}`): Reply => ({
  id,
  appealId,
  authorId: CLERK.id,
  authorName: CLERK.displayName,
  body,
  attachments: [],
  state,
  createdAt,
  updatedAt: createdAt,
});

const returnedEvent = (replyId: string, appealId: string, comment: string): AppealEvent => ({
  id: `ev-${replyId}`,
  appealId,
  actorId: 'u-head',
  actorName: 'Ольга Гончарова',
  kind: 'reply_returned',
  data: { replyId, comment },
  version: 2,
  at: '2025-03-04T10:00:00.000Z',
});

beforeEach(async () => {
  db = createDb(`returned-${crypto.randomUUID()}`);
  await db.appeals.bulkPut([makeAppeal({ id: 'a1' }), makeAppeal({ id: 'a2' }), makeAppeal({ id: 'a3', assigneeId: 'someone-else' })]);
  await db.replies.bulkPut([
    reply('r1', 'a1', 'returned', '2025-03-03T10:00:00.000Z', 'Сделаем когда-нибудь.'),
    reply('r2', 'a2', 'returned', '2025-03-03T10:00:00.000Z'),
    reply('r3', 'a2', 'submitted', '2025-03-04T12:00:00.000Z'),
    { ...reply('r4', 'a3', 'submitted', '2025-03-02T10:00:00.000Z'), authorId: 'someone-else' },
  ]);
  await db.histories.put({ appealId: 'a1', events: [returnedEvent('r1', 'a1', 'Укажите срок.')] });
});

afterEach(async () => {
  db.close();
  await db.delete();
});

describe('returned replies on the clerk’s side', () => {
  it('lists a returned reply with its comment until the clerk sends a new one, while the appeal is still theirs', async () => {
    // Returned, but the appeal has since gone to another clerk: not this clerk's to rework.
    await db.replies.put(reply('r5', 'a3', 'returned', '2025-03-01T10:00:00.000Z'));
    const list = await loadReturned(db, CLERK.id);
    expect(list.map((r) => [r.reply.id, r.comment, r.returnedBy])).toEqual([['r1', 'Укажите срок.', 'Ольга Гончарова']]);
  });

  it('puts the returned text into the draft once, never over what the clerk is typing', async () => {
    await saveDraft(db, CLERK.id, 'a2', 'Уже печатаю');
    const list = await loadReturned(db, CLERK.id);
    expect(await restoreReturnedDrafts(db, CLERK.id, list)).toEqual(['a1']);
    expect((await loadDraft(db, CLERK.id, 'a1'))?.body).toBe('Сделаем когда-нибудь.');
    // Cleared by the clerk: not restored again.
    await saveDraft(db, CLERK.id, 'a1', '');
    expect(await restoreReturnedDrafts(db, CLERK.id, list)).toEqual([]);
    expect(await loadDraft(db, CLERK.id, 'a1')).toBeUndefined();
  });
});

describe('the approval queue of a supervisor', () => {
  it('lists replies waiting for approval, oldest first, with their appeals', async () => {
    expect((await loadReviewQueue(db)).map((i) => [i.reply.id, i.appeal.id])).toEqual([
      ['r4', 'a3'],
      ['r3', 'a2'],
    ]);
    expect([...(await loadAwaitingApproval(db))].sort()).toEqual(['a2', 'a3']);
  });

  it('a reply this workstation already decided on leaves the queue before the server confirms', async () => {
    await db.outbox.add({ id: 'm1', name: 'reply.approve', args: { replyId: 'r3', appealId: 'a2' }, createdAt: '2025-03-05T10:00:00.000Z', state: 'pending', appealId: 'a2', userId: 'boss' });
    expect((await loadReviewQueue(db)).map((i) => i.reply.id)).toEqual(['r4']);
    expect([...(await loadAwaitingApproval(db))]).toEqual(['a3']);
  });
});
